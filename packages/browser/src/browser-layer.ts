import { createLogger, isObject, typeName, type Config, type Event, type IdentityStorageType, type Options, type Result, type SharedConfig, type Storage, type UserSession } from '@footprint/core';
import { consentGate, isConsentState, type ConsentState, type GatedStorage } from './consent';
import { readCrossDomainParams } from './cross-domain';
import { browserGlobals, type BrowserGlobals } from './globals';
import { loadRemoteConfig } from './remote-config/load';
import { remoteConfigUrl } from './remote-config/url';
import { identityStorage } from './storage/identity-storage';
import { webStorage } from './storage/web-storage';

/** Option names the browser adds to core's `init` options (kind letters as in core's OPTIONS): `consent`, and `masking` (autocapture.ts). */
const OPTION_KINDS = { consent: 's', masking: 'B' };

type InitFn = (apiKey?: string, userIdOrOptions?: string | Options | null, options?: Options) => { promise: Promise<void> };


/**
 * The browser's identity layer for one client: identity storage (cookies by default, with fallbacks),
 * the consent gate, cross-domain ids from the URL, and remote config applied at `init`. It hands core
 * the hooks core asks an environment for (`storage`, `share`, `initialIdentity`, `hold`, `options`) and wraps
 * `init`; the client gets `setConsent` and `getConsent` from it. What `storage` and `share` answer, core
 * sets on the plugins' `config`: the gated storages `cookieStorage` (the identity storage) and
 * `tabStorage` (sessionStorage), and `getConsent`.
 * Outside a browser (server-side rendering) the client's calls never reach this layer: server-safe.ts
 * turns them into no-ops first, so nothing here is read or stored there.
 * @example
 * const layer = browserLayer();
 * const client = createClient({ library, ...layer.env });
 * const init = layer.wrapInit(client.init);
 */
export const browserLayer = (given?: BrowserGlobals) => {
  // Read on first use, never when the client is created: the default instance exists at import time.
  let resolved: BrowserGlobals | undefined;
  const g = () => (resolved ??= given ?? browserGlobals());
  const gate = consentGate();
  let started = false;
  let requested: ConsentState | undefined;
  /** The `consent` option of an `init` still waiting for the remote-config code, so `getConsent` tells it meanwhile. */
  let waitingConsent: unknown;
  /** Fetches a fresh remote config for the next page load; called once `init` is done. */
  let refresh: (() => Promise<unknown>) | undefined;
  /** A `cookieStorage` passed to `init`: used instead of the one `identityStorage` names, behind the same gate. */
  let own: Storage<UserSession> | undefined;

  const env = {
    options: OPTION_KINDS,
    storage(type: IdentityStorageType, config: Readonly<Config>) {
      const log = createLogger(config.logLevel, config.loggerProvider);
      const option = (config as Config & { consent?: unknown }).consent;
      if (option !== undefined && !isConsentState(option)) log.warn(__DEV__ ? `init(): option "consent" should be 'pending', 'granted' or 'denied', got ${typeName(option)}; 'granted' is used` : `E12 init: consent invalid (${typeName(option)}), 'granted' used`);
      gate.start(requested ?? (isConsentState(option) ? option : 'granted'));
      started = true;
      // Core sets it as `config.cookieStorage`: plugins keep their state behind the same gate (IDENTITY.md
      // "Consent"), the campaign in the identity storage as the anchor's `config.cookieStorage`.
      return gate.wrap<UserSession>(own ?? identityStorage({ type, apiKey: config.apiKey, cookieOptions: config.cookieOptions, globals: g(), warn: log.warn }));
    },
    /** Set on the config for plugins: page view and URL records per tab, and consent for those that store on their own (session replay). */
    share: (): SharedConfig => ({ tabStorage: gate.wrap(webStorage<unknown>(g().sessionStorage)), getConsent: gate.get }),
    initialIdentity: () => readCrossDomainParams(g().search()),
    /**
     * Applies a cached remote config to `init`'s options before core reads them, then fetches a fresh one
     * in the background for the next page load (never blocking, docs/differences.md §C.6). Remote config is fetched
     * only from a `remoteConfig.serverUrl` you configure, so its code loads with `import()` only then
     * (bundlers split it out); until it has loaded, calls queue in core as while `init` reads storage.
     */
    prepareOptions: (raw: Record<string, unknown>, apiKey: unknown): Promise<Record<string, unknown>> | undefined => {
      const options = raw as Options;
      let url: string | undefined;
      try {
        if (typeof apiKey === 'string' && g().isBrowser) url = remoteConfigUrl(apiKey, options);
      } catch {
        // remote config is optional: init goes on with the options as given
      }
      if (!url) return undefined;
      waitingConsent = raw.consent;
      return loadRemoteConfig().then(
        (startRemoteConfig) => {
          try {
            const log = createLogger(options.logLevel, isObject(options.loggerProvider) ? options.loggerProvider : console);
            const globals = g();
            const rc = startRemoteConfig(options, { apiKey: apiKey as string, ...options, storage: globals.localStorage, fetch: globals.fetch, canStore: () => gate.get() === 'granted', log });
            refresh = rc.refresh; // once init is done (wrapInit)
            return (rc.options ?? options) as Record<string, unknown>;
          } catch {
            return raw; // remote config is optional: init goes on with the options as given
          }
        },
        () => raw, // the remote-config code could not load (offline?): init goes on with the options as given
      );
    },
    hold: (event: Event, release: () => Promise<Result>) => {
      const held = gate.hold(event, release);
      // Core stamps an event when it is released; a held one keeps the time it was tracked at.
      if (held && typeof event.time !== 'number') event.time = Date.now();
      return held;
    },
  };

  /**
   * Wraps core's `init`: a `cookieStorage` of your own goes behind the consent gate, and once init is
   * done a fresh remote config is fetched (when `prepareOptions` applied one).
   */
  const wrapInit =
    (init: InitFn): InitFn =>
    (...args) => {
      try {
        args = ownStorage(args);
      } catch {
        // options that cannot be read: core's init says why and uses the defaults
      }
      const result = init(...args);
      void result.promise.then(() => {
        const fetchFresh = refresh;
        refresh = undefined;
        void fetchFresh?.();
      });
      return result;
    };

  /** `init`'s arguments with a `cookieStorage` of your own taken out (kept in `own`, behind the gate). */
  const ownStorage = (args: Parameters<InitFn>): Parameters<InitFn> => {
    const [apiKey, userIdOrOptions, maybeOptions] = args;
    const [userId, options] = isObject(userIdOrOptions) ? [undefined, userIdOrOptions as Options] : [userIdOrOptions ?? undefined, maybeOptions];
    // Core would use a `cookieStorage` of your own directly, skipping `env.storage` and so the consent
    // gate: `env.storage` gates it instead. (An invalid one is left for core to report.)
    const custom = isObject(options) ? options.cookieStorage : undefined;
    const mine = !started && isObject(custom) && ['get', 'set', 'remove'].every((m) => typeof custom[m as 'get'] === 'function');
    if (mine) own = custom;
    return mine ? [apiKey, userId ?? null, { ...options, cookieStorage: undefined }] : args;
  };

  /**
   * Records the visitor's consent decision (see {@link ConsentState}). Before `init` it sets the
   * starting state; after, it moves the client: `'granted'` stores identity and sends held events,
   * `'denied'` drops them and deletes stored identity.
   */
  const setConsent = (state: ConsentState): Promise<void> => {
    if (!isConsentState(state)) {
      createLogger().warn(__DEV__ ? `setConsent() needs 'pending', 'granted' or 'denied', got ${typeName(state)}; unchanged` : `E60 setConsent: invalid (${typeName(state)})`);
      return Promise.resolve();
    }
    if (!started) {
      requested = state;
      return Promise.resolve();
    }
    return gate.set(state).catch(() => undefined);
  };

  return {
    env,
    wrapInit,
    setConsent,
    /** The consent state: what `setConsent`/the `consent` option said, `'granted'` when neither did. */
    getConsent: (): ConsentState => (started ? gate.get() : requested ?? (isConsentState(waitingConsent) ? waitingConsent : 'granted')),
    /**
     * Puts another storage the client writes (the delivery engine's unsent-event queue) behind the
     * consent gate, so nothing reaches it before consent and denial deletes it.
     */
    gateStorage: <T>(storage: GatedStorage<T>): GatedStorage<T> => gate.wrap(storage),
    /** The page's URL (relative links resolve against it), read when asked. */
    href: (): string | undefined => g().href(),
  };
};

/** One client's browser layer (what {@link browserLayer} returns). */
export type BrowserLayer = ReturnType<typeof browserLayer>;
