import { createClient, DELIVERY_OPTION_KINDS, type Environment, type Event } from '@footprint/core';
import { browserLayer } from './browser-layer';
import type { ConsentState } from './consent';
import type { CrossDomainOptions, CrossDomainParams } from './cross-domain';
import { browserDeliveryDefaults, browserTransport } from './delivery';
import { serverSafe } from './server-safe';
import { VERSION } from './version';

/** The browser context stamped on every event (PROTOCOL §A.3). Read at event time, never at import time. */
const browserContext = (): Partial<Event> => {
  const nav = typeof navigator === 'undefined' ? undefined : navigator;
  return {
    platform: 'Web',
    ...(nav && { language: nav.languages?.[0] ?? nav.language, user_agent: nav.userAgent }),
  };
};

/**
 * Creates an independent browser client with the given built-in plugins (none for the lite entry,
 * the autocapture set for the drop-in entry): its own identity, storage key, queue and plugins.
 * `recorders` (the drop-in entry, which the script tag builds on) rebuild the snippet's recorded
 * Identify and Revenue objects; the lite entry never receives those and leaves the classes out.
 */
export const createBrowserClient = (plugins?: Environment['plugins'], recorders?: Environment['recorders']) => {
  // Identity storage, consent, cross-domain ids and remote config (browser-layer.ts); touches no global until init.
  const layer = browserLayer();
  const delivery = browserDeliveryDefaults();
  const client = createClient({
    library: `footprint-browser/${VERSION}`,
    defaults: { ...delivery, storageProvider: layer.gateStorage(delivery.storageProvider!) },
    context: browserContext,
    transport: (t) => browserTransport(t),
    options: { ...DELIVERY_OPTION_KINDS, ...layer.env.options, masking: 'B' },
    storage: layer.env.storage,
    initialIdentity: layer.env.initialIdentity,
    hold: layer.env.hold,
    plugins,
    recorders,
  });
  return serverSafe({
    ...client,
    init: layer.wrapInit(client.init),
    /**
     * Records the visitor's consent: `'pending'` stores nothing and holds events in memory, `'granted'`
     * stores identity (same device id) and sends what was held, `'denied'` drops it and deletes stored data.
     */
    setConsent: (state: ConsentState): Promise<void> => layer.setConsent(state),
    /** The current consent state (`'granted'` unless the `consent` option or `setConsent` said otherwise). */
    getConsent: (): ConsentState => layer.getConsent(),
    /** `url` with `ampDeviceId`, `ampSessionId` and an expiring `ampTimestamp`, so another domain continues this visitor. */
    decorateUrl: (url: string, options?: CrossDomainOptions): string => layer.decorateUrl(client, url, options),
    /** The cross-domain parameters {@link decorateUrl} adds, for building links yourself. */
    getCrossDomainParams: (options?: CrossDomainOptions): CrossDomainParams => layer.getCrossDomainParams(client, options),
  });
};

/** One browser client instance (what `createInstance()` returns). */
export type BrowserClient = ReturnType<typeof createBrowserClient>;
