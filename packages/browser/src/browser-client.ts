import { createClient, type Environment, type Event } from '@footprint/core';
import { browserLayer, type BrowserLayer } from './browser-layer';
import type { ConsentState } from './consent';
import { decorateUrl, getCrossDomainParams, type CrossDomainIdSource, type CrossDomainOptions, type CrossDomainParams } from './cross-domain';
import { browserDeliveryDefaults, browserTransport } from './delivery';
import { serverSafe } from './server-safe';
import { VERSION } from './version';

/** The context {@link browserContext} read last; forgotten when the browser's languages change. */
let context: Partial<Event> | undefined;
/**
 * The browser context stamped on every event (docs/protocol.md §A.3). Read at the first event (only ever in a
 * page: server-safe.ts stops calls elsewhere), never at import time, and again after a `languagechange`,
 * so events carry the current values without reading `navigator` per event.
 */
const browserContext = (): Partial<Event> =>
  (context ??= (addEventListener('languagechange', () => (context = undefined), { once: true }),
  { platform: 'Web', language: navigator.languages?.[0] ?? navigator.language, user_agent: navigator.userAgent }));

/**
 * The parts of a browser client: the browser layer and the client's methods, not yet made SSR-safe and
 * without the cross-domain link helpers ({@link crossDomainMethods}), which the lite entry's default
 * instance adds only when an app imports them.
 */
export const createBrowserParts = (plugins?: Environment['plugins']) => {
  // Identity storage, consent, cross-domain ids and remote config (browser-layer.ts); touches no global until init.
  const layer = browserLayer();
  const delivery = browserDeliveryDefaults();
  const client = createClient({
    library: `footprint/${VERSION}`,
    defaults: { ...delivery, storageProvider: layer.gateStorage(delivery.storageProvider!) },
    context: browserContext,
    transport: (t) => browserTransport(t),
    options: layer.env.options,
    storage: layer.env.storage,
    share: layer.env.share,
    initialIdentity: layer.env.initialIdentity,
    hold: layer.env.hold,
    prepareOptions: layer.env.prepareOptions,
    plugins,
  });
  return {
    layer,
    client: {
      ...client,
      init: layer.wrapInit(client.init),
      /**
       * Records the visitor's consent: `'pending'` stores nothing and holds events in memory, `'granted'`
       * stores identity (same device id) and sends what was held, `'denied'` drops it and deletes stored data.
       */
      setConsent: (state: ConsentState): Promise<void> => layer.setConsent(state),
      /** The current consent state (`'granted'` unless the `consent` option or `setConsent` said otherwise). */
      getConsent: (): ConsentState => layer.getConsent(),
    },
  };
};

/** The cross-domain link helpers of one client (see cross-domain.ts). */
export const crossDomainMethods = ({ layer, client }: { layer: Pick<BrowserLayer, 'href'>; client: CrossDomainIdSource }) => ({
  /** `url` with `ampDeviceId`, `ampSessionId` and an expiring `ampTimestamp`, so another domain continues this visitor. */
  // Only `ttl` is read from the options: spreading them would copy a string argument character by character.
  decorateUrl: (url: string, options?: CrossDomainOptions): string => (typeof url === 'string' ? decorateUrl(url, client, { ttl: options?.ttl, base: layer.href() }) : url),
  /** The cross-domain parameters {@link decorateUrl} adds, for building links yourself. */
  getCrossDomainParams: (options?: CrossDomainOptions): CrossDomainParams => getCrossDomainParams(client, options),
});

/**
 * Creates an independent browser client with the given built-in plugins (none for the lite entry,
 * the autocapture set for the drop-in entry): its own identity, storage key, queue and plugins.
 */
export const createBrowserClient = (plugins?: Environment['plugins']) => {
  const parts = createBrowserParts(plugins);
  return serverSafe({ ...parts.client, ...crossDomainMethods(parts) });
};

/** One browser client instance (what `createInstance()` returns). */
export type BrowserClient = ReturnType<typeof createBrowserClient>;
