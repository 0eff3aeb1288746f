/**
 * Severity threshold for the SDK's own logging; numbers 0–4 are accepted too.
 * @example
 * init('API_KEY', { logLevel: LogLevel.Debug }); // or logLevel: 4
 * @default LogLevel.Warn
 */
export enum LogLevel {
  None = 0,
  Error = 1,
  Warn = 2,
  Verbose = 3,
  Debug = 4,
}

/**
 * The data centre events go to when no `serverUrl` is set.
 * @example
 * init('API_KEY', { serverZone: ServerZone.EU });
 * @default ServerZone.US
 */
export const ServerZone = { US: 'US', EU: 'EU' } as const;
/** `'US' | 'EU'` (an object rather than an enum, like {@link TransportType}, so bundlers drop it when unused). */
export type ServerZone = (typeof ServerZone)[keyof typeof ServerZone];

/** `'US' | 'EU'`, the string form of {@link ServerZone}. */
export type ServerZoneType = `${ServerZone}`;

/**
 * The request API used for uploads.
 * @example
 * setTransport(TransportType.SendBeacon); // same as setTransport('beacon')
 * @default 'fetch'
 */
export const TransportType = { XHR: 'xhr', SendBeacon: 'beacon', Fetch: 'fetch' } as const;
/** `'xhr' | 'beacon' | 'fetch'`. */
export type TransportType = (typeof TransportType)[keyof typeof TransportType];

/**
 * A transport name, or one with custom headers (fetch and xhr only). Footprint's browser client also
 * reads `worker` for `'fetch'`: `true` uploads from a worker even on a page with a
 * Content-Security-Policy (which must then allow `worker-src blob:`), `false` keeps uploads on the main
 * thread; unset, uploads leave from a worker unless the page has a policy (DELIVERY.md "Transports").
 * @example
 * init('API_KEY', { transport: { type: 'fetch', worker: false } });
 */
export type TransportTypeOrOptions = TransportType | { type?: TransportType; headers?: Record<string, string>; worker?: boolean };

/**
 * The user-property operations an {@link Identify} can carry (docs/protocol.md §B.6).
 * @example
 * event.user_properties?.[IdentifyOperation.SET]; // { plan: 'pro' }
 */
export enum IdentifyOperation {
  SET = '$set',
  SET_ONCE = '$setOnce',
  ADD = '$add',
  APPEND = '$append',
  PREPEND = '$prepend',
  REMOVE = '$remove',
  PREINSERT = '$preInsert',
  POSTINSERT = '$postInsert',
  UNSET = '$unset',
  CLEAR_ALL = '$clearAll',
}

/**
 * Event types the SDK builds for you.
 * @example
 * if (event.event_type === SpecialEventType.IDENTIFY) { ... }
 */
export enum SpecialEventType {
  IDENTIFY = '$identify',
  GROUP_IDENTIFY = '$groupidentify',
  REVENUE = 'revenue_amount',
}

/**
 * Property names of a revenue event's `event_properties`.
 * @example
 * event.event_properties?.[RevenueProperty.REVENUE_PRICE]; // 3.99
 */
export const RevenueProperty = {
  REVENUE_PRODUCT_ID: '$productId',
  REVENUE_QUANTITY: '$quantity',
  REVENUE_PRICE: '$price',
  REVENUE_TYPE: '$revenueType',
  REVENUE_CURRENCY: '$currency',
  REVENUE: '$revenue',
  RECEIPT: '$receipt',
  RECEIPT_SIG: '$receiptSig',
} as const;
/** One of the revenue property names (an object rather than an enum, so bundlers drop it when unused). */
export type RevenueProperty = (typeof RevenueProperty)[keyof typeof RevenueProperty];

/**
 * Pass as `offline` to turn off the browser's online/offline handling.
 * @example
 * init('API_KEY', { offline: OfflineDisabled });
 */
export const OfflineDisabled = null;

/** A JSON-compatible value, as the HTTP V2 API accepts it. */
export type ValidPropertyType = number | string | boolean | null | ValidPropertyType[] | { [key: string]: ValidPropertyType };

/** Free-form event or user properties. */
export type Properties = Record<string, any>;

/** Top-level event fields a caller may set on any event (`user_id`, `time`, `insert_id`, …; docs/protocol.md §B.2). */
export interface EventOptions {
  user_id?: string;
  device_id?: string;
  time?: number;
  session_id?: number;
  insert_id?: string;
  event_id?: number;
  location_lat?: number;
  location_lng?: number;
  app_version?: string;
  version_name?: string;
  library?: string;
  platform?: string;
  os_name?: string;
  os_version?: string;
  device_brand?: string;
  device_manufacturer?: string;
  device_model?: string;
  carrier?: string;
  country?: string;
  region?: string;
  city?: string;
  dma?: string;
  language?: string;
  ip?: string;
  idfa?: string;
  idfv?: string;
  adid?: string;
  android_id?: string;
  user_agent?: string;
  price?: number;
  quantity?: number;
  revenue?: number;
  productId?: string;
  revenueType?: string;
  currency?: string;
  partner_id?: string;
  plan?: Plan;
  ingestion_metadata?: { source_name?: string; source_version?: string };
  extra?: Record<string, any>;
  /** Sent as `$receipt` on revenue events (HTTP V2 field). */
  receipt?: string;
  /** Sent as `$receiptSig` on revenue events (HTTP V2 field). */
  receiptSig?: string;
  /** Groups the event belongs to, as `groups` on the wire. */
  groups?: { [key: string]: any };
  /** The anchor's delayed-send marker; accepted for compatibility and sent as is. */
  delay?: { id: string; timeout?: number };
  [key: string]: any;
}

/**
 * An analytics event in the HTTP V2 shape; `track` accepts one whole.
 * @example
 * track({ event_type: 'Signed Up', event_properties: { plan: 'pro' }, groups: { org: 'acme' } });
 */
export interface BaseEvent extends EventOptions {
  event_type: string;
  event_properties?: Properties;
  user_properties?: Properties;
  groups?: Record<string, string | string[]>;
  group_properties?: Properties;
}

/** The event as it travels through plugins and on the wire. */
export type Event = BaseEvent;
/** A `$identify` event. */
export type IdentifyEvent = BaseEvent & { event_type: '$identify' };
/** A `$groupidentify` event. */
export type GroupIdentifyEvent = BaseEvent & { event_type: '$groupidentify' };

/** Tracking plan metadata sent as `plan`. */
export interface Plan {
  branch?: string;
  source?: string;
  version?: string;
  versionId?: string;
}

/** Sent as `ingestion_metadata` ({@link Options.ingestionMetadata}). */
export interface IngestionMetadata {
  sourceName?: string;
  sourceVersion?: string;
}

/**
 * What every tracked event's promise resolves to.
 * @example
 * const { code, message } = await track('Clicked').promise; // 200, 'Event tracked successfully'
 */
export interface Result {
  event: Event;
  code: number;
  message: string;
}

/** The `{ promise }` wrapper every asynchronous public call returns. */
export interface AsyncResult<T> {
  promise: Promise<T>;
}
/** Amplitude's name for {@link AsyncResult}. */
export type AmplitudeReturn<T> = AsyncResult<T>;

/**
 * A logger the SDK writes to; `console` satisfies it.
 * @example
 * init('API_KEY', { loggerProvider: { log() {}, warn: console.warn, error: console.error, debug() {} } });
 */
export interface Logger {
  log(...args: any[]): void;
  warn(...args: any[]): void;
  error(...args: any[]): void;
  debug(...args: any[]): void;
  /** Called with the configured level when the logger is a class that filters itself (Amplitude's shape). */
  enable?(level: LogLevel): void;
  disable?(): void;
}
/** Amplitude's name for {@link Logger}. */
export type ILogger = Logger;

/** The answer to an upload, as a transport reports it. */
export interface TransportResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * Sends one HTTP V2 request body; resolves `null` when no answer could be read. Must not throw.
 * @example
 * const transport: Transport = { send: async (url, payload) => ({ status: 200, body: {} }) };
 */
export interface Transport {
  send(url: string, payload: UploadPayload): Promise<TransportResponse | null>;
}

/** The HTTP V2 request body. */
export interface UploadPayload {
  api_key: string;
  events: Event[];
  options?: { min_id_length?: number };
  client_upload_time?: string;
  request_metadata?: unknown;
}

/**
 * Async key/value storage, the same shape as Amplitude's `Storage<T>`: identity storage (cookie,
 * localStorage, memory) and event storage implement it.
 * @example
 * init('API_KEY', { cookieStorage: memoryStorage() });
 */
export interface Storage<T> {
  isEnabled(): Promise<boolean>;
  get(key: string): Promise<T | undefined>;
  getRaw?(key: string): Promise<string | undefined>;
  set(key: string, value: T): Promise<void>;
  remove(key: string): Promise<void>;
  reset(): Promise<void>;
}

/** What the identity storage keeps per client (docs/protocol.md §A.6: cookie `AMP_<apiKey[0..10)>`). */
export interface UserSession {
  deviceId?: string;
  userId?: string;
  sessionId?: number;
  optOut: boolean;
  lastEventTime?: number;
  lastEventId?: number;
  pageCounter?: number;
}

/** Where identity is persisted. The browser layer supplies cookie and web storage; core only has memory. */
export type IdentityStorageType = 'cookie' | 'localStorage' | 'sessionStorage' | 'none';

/**
 * Which context fields are stamped on events.
 * @example
 * init('API_KEY', { trackingOptions: { ipAddress: false } });
 * @default { ipAddress: true, language: true, platform: true }
 */
export interface TrackingOptions {
  ipAddress?: boolean;
  language?: boolean;
  platform?: boolean;
}

/**
 * What is tracked automatically. Core acts on `sessions`; the browser layer wires the others.
 * @example
 * init('API_KEY', { autocapture: { sessions: false } });
 * @default sessions, pageViews, formInteractions, fileDownloads, attribution, pageUrlEnrichment on
 */
export interface AutocaptureOptions {
  sessions?: boolean;
  pageViews?: boolean | object;
  attribution?: boolean | object;
  formInteractions?: boolean | object;
  fileDownloads?: boolean | object;
  elementInteractions?: boolean | object;
  frustrationInteractions?: boolean | object;
  pageUrlEnrichment?: boolean | object;
  networkTracking?: boolean | object;
  webVitals?: boolean | object;
  performanceTracking?: boolean | object;
}

/** Cookie attributes for the browser's cookie storage. */
export interface CookieOptions {
  domain?: string;
  expiration?: number;
  sameSite?: string;
  secure?: boolean;
  upgrade?: boolean;
}

/** How uploads leave the page: `'fetch' | 'xhr' | 'beacon'`. */
export type TransportName = 'fetch' | 'xhr' | 'beacon';

/** Per-request hints the delivery engine gives a transport. A plain Amplitude-style transport may ignore them. */
export interface DeliveryRequest {
  /** Gzip the body when it is at least 2 KB and the platform can. */
  compress?: boolean;
  /** The request body, already serialized from `payload` (saves a second `JSON.stringify`). */
  body?: string;
  /** The UTF-8 length of `body`, when the engine knows it (a transport need not measure it again). */
  bytes?: number;
  /** Give up after this long; the answer is then `null`. */
  timeoutMs?: number;
  /**
   * Set by a transport that can take a request back until it hands it to the browser (after gzip, or until
   * its worker is told to send). Returns true when the request will never leave (its answer is then
   * `null`): the engine sends those events by the unload path instead, when the page hides.
   */
  withdraw?: () => boolean;
  /**
   * Set by a transport once the browser took the request in a form that outlives the page (a keepalive
   * fetch). While a page unloads, the browser fails such a request's promise although the request goes
   * on, so a `null` answer then proves nothing: the engine counts those events as sent.
   */
  survives?: boolean;
}

/**
 * A transport the delivery engine can also use while the page goes away. The transport type and headers
 * (`transport`, `setTransport`) are bound when it is made; the engine never passes them per request.
 * @example
 * const t: DeliveryTransport = { send: async () => null, sendUnload: () => false };
 */
export interface DeliveryTransport extends Transport {
  send(url: string, payload: UploadPayload, request?: DeliveryRequest): Promise<TransportResponse | null>;
  /**
   * Starts, synchronously, an upload that survives the page unloading (keepalive fetch within the shared
   * keepalive budget, else `sendBeacon`). Returns how it left, or `false` when it could not be started.
   * `onAnswer` receives the answer if the page lives long enough to read one.
   */
  sendUnload?(url: string, body: string, onAnswer: (res: TransportResponse | null) => void): 'keepalive' | 'beacon' | false;
}

/**
 * Amplitude's `Storage<Event[]>` for unsent events (`storageProvider`). `set` should write synchronously
 * before its first `await` when it can: the engine calls it from `pagehide`.
 */
export interface StorageProvider extends Storage<Event[]> {
  /** Footprint extension: writes an already-serialized JSON array, skipping a `JSON.stringify`. */
  setRaw?(key: string, json: string): Promise<void>;
}

/** Page lifecycle signals (docs/differences.md §C.1). Returned functions unsubscribe. */
export interface PageLifecycle {
  /**
   * `hide(final)`: the page was hidden (`final` false) or is being unloaded or frozen into the
   * back-forward cache (`pagehide`, `final` true). `show(restored)`: visible again, or restored from bfcache.
   */
  subscribe(handlers: { hide(final: boolean): void; show(restored: boolean): void }): () => void;
  /**
   * Runs `task` when the main thread is idle, at the latest after `timeoutMs`, passing the idle period's
   * deadline when there is one (`requestIdleCallback`); returns a cancel.
   */
  idle?(task: (deadline?: { timeRemaining(): number }) => void, timeoutMs: number): () => void;
}

/** Network reachability as the platform reports it (`navigator.onLine`, `online`/`offline`). */
export interface Connectivity {
  online(): boolean;
  subscribe(onChange: (online: boolean) => void): () => void;
}

/**
 * Exclusive named locks held across tabs of one origin (Web Locks in browsers). A lock is freed when its
 * holder releases it or goes away, which is how a closed tab's queue is recognised as orphaned.
 */
export interface TabLocks {
  /** Takes `name` if nobody holds it; resolves a release function, or `undefined` when it is taken. */
  tryHold(name: string): Promise<(() => void) | undefined>;
  /**
   * Names of the locks any tab holds now, this one's included. Lets a closing tab see that another tab is
   * open to adopt its queue. Optional: without it, a closing tab always sends what waits.
   */
  held?(): Promise<string[]>;
}

/**
 * An entry of {@link OPTIONS}: the option's validation kind letter (see config.ts). `T` is the option's
 * TypeScript type; it exists for the compiler only (at run time the entry is the letter).
 */
export type Kind<T> = string & { readonly __type?: T };
/** An entry of {@link OPTIONS} whose default the client applies: `[kind letter, default]`. */
export type WithDefault<T> = readonly [string, T] & { readonly __type?: T };

/**
 * Every option `init` accepts, declared once: its TypeScript type, its validation kind (s string,
 * n number, p positive number, i whole number ≥ 0, b boolean, o object, d data object kept as a copy,
 * f object or function, B boolean or data object, x anything), its default and its documentation.
 * {@link Options}, {@link Config}, `init`'s validation, the client's defaults and docs/options.md (checked
 * by a test) are derived from it. The letters keep it small in the script-tag bundle.
 * @example
 * OPTIONS.flushQueueSize; // ['p', 30]: a positive number, 30 unless set
 */
export const OPTIONS = {
  /** Identifies this instance in logs and storage keys. @default '$default_instance' */
  instanceName: ['s', '$default_instance'] as WithDefault<string>,
  /** Where uploads go; overrides `serverZone` and `useBatch`. @default 'https://api2.amplitude.com/2/httpapi' */
  serverUrl: 's' as Kind<string>,
  /** The data centre uploads go to when `serverUrl` is not set. @default 'US' */
  serverZone: 's' as Kind<ServerZone | ServerZoneType>,
  /** Upload to `/batch` instead of `/2/httpapi`. @default false */
  useBatch: 'b' as Kind<boolean>,
  /** Events per upload; reaching it sends at once. @default 30 */
  flushQueueSize: ['p', 30] as WithDefault<number>,
  /** Longest an event waits before its batch is sent, in ms. @default 1000 */
  flushIntervalMillis: ['i', 1000] as WithDefault<number>,
  /** Upload attempts per page life before transient failures are parked until the next load or `online`. @default 5 */
  flushMaxRetries: ['i', 5] as WithDefault<number>,
  /** How much the SDK logs; numbers 0–4 are accepted too. @default LogLevel.Warn */
  logLevel: 'n' as Kind<LogLevel | 0 | 1 | 2 | 3 | 4>,
  /** Where the SDK logs. @default console */
  loggerProvider: 'f' as Kind<Logger>,
  /** Shortest `user_id`/`device_id` accepted (shorter ones are refused with a warning); sent as `options.min_id_length`. @default 5 (the server's) */
  minIdLength: 'i' as Kind<number>,
  /** Start opted out: nothing is stored or sent. @default false */
  optOut: 'b' as Kind<boolean>,
  /** The user id to start with. */
  userId: 's' as Kind<string>,
  /** The device id to start with. @default the stored one, else a random UUID */
  deviceId: 's' as Kind<string>,
  /** Start with this session id (ms since epoch). @default the stored session, else now */
  sessionId: 'n' as Kind<number>,
  /** Inactivity after which the next event starts a new session, in ms. @default 1800000 */
  sessionTimeout: ['p', 30 * 60 * 1000] as WithDefault<number>,
  /** Sent as `app_version`. */
  appVersion: 's' as Kind<string>,
  /** Sent as `partner_id`. */
  partnerId: 's' as Kind<string>,
  /** Sent as `plan`. */
  plan: 'd' as Kind<Plan>,
  /** Sent as `ingestion_metadata`. */
  ingestionMetadata: 'd' as Kind<IngestionMetadata>,
  /** An Identify sent at the start of every session, before `session_start`. */
  identify: 'o' as Kind<{ getUserProperties(): Properties }>,
  /** Which context fields are stamped on events. @default { ipAddress: true, language: true, platform: true } */
  trackingOptions: 'd' as Kind<TrackingOptions>,
  /** What is tracked automatically: `true`, `false` or one entry per feature. @default see AutocaptureOptions */
  autocapture: 'B' as Kind<boolean | AutocaptureOptions>,
  /** @deprecated use `autocapture` */
  defaultTracking: 'B' as Kind<boolean | AutocaptureOptions>,
  /** Where identity is persisted. @default 'cookie' in browsers, memory elsewhere */
  identityStorage: 's' as Kind<IdentityStorageType>,
  /**
   * Identity storage to use instead of the one `identityStorage` names. In the `config` plugins get, the
   * browser client puts its (consent-gated) identity storage here; plugins keep long-lived state in it
   * (the campaign, `AMP_MKTG_<10>`).
   */
  cookieStorage: 'o' as Kind<Storage<UserSession>>,
  /** Cookie attributes for the browser's cookie storage. */
  cookieOptions: 'd' as Kind<CookieOptions>,
  /** Persists unsent events (the delivery engine's queue). @default localStorage in browsers */
  storageProvider: 'o' as Kind<StorageProvider>,
  /** The upload transport: `'fetch'`, `'xhr'`, `'beacon'`, or `{ type, headers, worker }`. @default 'fetch' */
  transport: 'x' as Kind<TransportTypeOrOptions>,
  /** The transport object itself; overrides `transport`. */
  transportProvider: 'o' as Kind<Transport>,
  /** `true`: never connect; `false`: follow the platform's connectivity; `null`: ignore connectivity. @default false */
  offline: 'x' as Kind<boolean | null>,
  /** Gzip bodies for a custom `serverUrl` too (always on for Amplitude's own endpoints). @default false */
  enableRequestBodyCompression: 'b' as Kind<boolean>,
  /** Accepted for compatibility; Footprint never fetches remote config from a host you did not configure (docs/differences.md §C.6). */
  fetchRemoteConfig: 'b' as Kind<boolean>,
  /** Remote config, fetched only from a `serverUrl` you configure (docs/differences.md §C.6). */
  remoteConfig: 'd' as Kind<{ fetchRemoteConfig?: boolean; serverUrl?: string }>,
  /** Accepted for compatibility; Footprint sends no diagnostics (docs/differences.md §C.6). */
  enableDiagnostics: 'b' as Kind<boolean>,
  /** Accepted for compatibility; Footprint sends no diagnostics. */
  diagnosticsSampleRate: 'n' as Kind<number>,
  /**
   * The anchor's older form of network capture options: used when `autocapture.networkTracking` is `true`
   * (an object there wins). The rule types live in `@footprint/plugin-network-capture`.
   */
  networkTrackingOptions: 'd' as Kind<{ ignoreAmplitudeRequests?: boolean; ignoreHosts?: string[]; captureRules?: object[] }>,
  /**
   * Accepted for compatibility and not run: the anchor evaluates `body` as code for each event; Footprint
   * never runs code taken from configuration (docs/differences.md). Use an enrichment plugin instead.
   */
  customEnrichment: 'x' as Kind<boolean | { enabled?: boolean; body: string }>,
  /** Time of the last event (ms since epoch), as the identity storage keeps it. @default the stored one */
  lastEventTime: 'n' as Kind<number>,
  /** Id of the last event, as the identity storage keeps it. @default the stored one */
  lastEventId: 'n' as Kind<number>,
  /** The page view count to start the session's `[Amplitude] Page Counter` from (the anchor's option). @default the stored count */
  pageCounter: 'n' as Kind<number>,
  /**
   * Footprint: most unsent events kept (stored where storage has room, else in memory for the page);
   * beyond it a new event is refused with the reason, with one warning. @default 100000
   */
  maxQueuedEvents: ['p', 100_000] as WithDefault<number>,
  /** Footprint: most bytes (UTF-8 JSON) of unsent events kept; beyond it a new event is refused. @default 52428800 */
  maxQueuedBytes: ['p', 50 * 1024 * 1024] as WithDefault<number>,
  /** Footprint: first retry delay in ms; doubles per attempt, with jitter. @default 1000 */
  retryBaseMillis: ['i', 1000] as WithDefault<number>,
  /** Footprint: longest retry delay in ms. @default 30000 */
  retryMaxMillis: ['i', 30_000] as WithDefault<number>,
  /** Footprint: longest `Retry-After` honoured, in ms. @default 60000 */
  retryAfterMaxMillis: ['i', 60_000] as WithDefault<number>,
  /** Footprint: how long throttled users/devices are held back after a 429 without `Retry-After`, in ms. @default 30000 */
  throttleMillis: ['i', 30_000] as WithDefault<number>,
  /**
   * Footprint: an upload with no answer after this long (ms) stops holding up the next ones; it keeps its
   * chance to answer until 4× as long, and its events are sent again only once it failed. @default 30000
   */
  requestTimeoutMillis: ['p', 30_000] as WithDefault<number>,
  /** Footprint: how often (ms) a tab looks for queues left by closed tabs. @default 10000 */
  adoptIntervalMillis: ['p', 10_000] as WithDefault<number>,
  /** Footprint: page lifecycle signals for the delivery engine. @default visibilitychange/pagehide/pageshow in browsers */
  lifecycle: 'o' as Kind<PageLifecycle>,
  /** Footprint: connectivity signals for the delivery engine. @default navigator.onLine in browsers */
  connectivity: 'o' as Kind<Connectivity>,
  /** Footprint: cross-tab locks for the delivery engine's queues. @default Web Locks, else a localStorage lease, in browsers */
  tabLocks: 'o' as Kind<TabLocks>,
};

type Schema = typeof OPTIONS;
/** The type an {@link OPTIONS} entry declares. */
type TypeOf<E> = E extends { readonly __type?: infer T } ? T : never;
/** Names of the options whose default the client applies. */
export type DefaultedOption = { [K in keyof Schema]: Schema[K] extends readonly unknown[] ? K : never }[keyof Schema];

/**
 * Options accepted by `init`, one per entry of {@link OPTIONS}. Unknown names and wrong types are reported
 * with a warning and ignored.
 * @example
 * init('API_KEY', 'user@example.com', { serverZone: 'EU', flushQueueSize: 10 });
 */
export interface Options extends OptionTypes {}
/** Each entry of {@link OPTIONS} as an optional field of its type (a mapped type keeps each entry's documentation). */
type OptionTypes = { [K in keyof Schema]?: TypeOf<Schema[K]> };
/** Amplitude's name for {@link Options}. */
export type BrowserOptions = Options;

/**
 * The delivery engine's options, a part of {@link Options} read from the config by their Amplitude names.
 * @example
 * init('API_KEY', { flushQueueSize: 50, maxQueuedEvents: 5000, retryMaxMillis: 10_000 });
 */
export type DeliveryOptions = Pick<
  Options,
  | 'serverUrl' | 'serverZone' | 'useBatch' | 'flushQueueSize' | 'flushIntervalMillis' | 'flushMaxRetries' | 'minIdLength'
  | 'transportProvider' | 'transport' | 'storageProvider' | 'offline' | 'loggerProvider' | 'logLevel' | 'enableRequestBodyCompression'
  | 'maxQueuedEvents' | 'maxQueuedBytes' | 'retryBaseMillis' | 'retryMaxMillis' | 'retryAfterMaxMillis' | 'throttleMillis'
  | 'requestTimeoutMillis' | 'adoptIntervalMillis' | 'lifecycle' | 'connectivity' | 'tabLocks'
>;

/** Options the client always resolves: the defaulted ones, and those it computes (`serverUrl` from the zone, …). */
type Resolved = DefaultedOption | 'serverUrl' | 'logLevel' | 'loggerProvider' | 'transportProvider' | 'trackingOptions' | 'optOut';

/**
 * What an environment shares with plugins through the config besides the identity storage
 * (`Environment.share`, set by the client at `init`): the browser's per-tab storage and consent state.
 */
export interface SharedConfig {
  /**
   * Per-tab storage for plugin state (`AMP_PAGE_VIEW`, `AMP_URL_INFO`): the browser client's is the tab's
   * `sessionStorage`, held in memory while consent is pending. Absent (a bare core client), plugins use their own.
   * @example
   * await config.tabStorage?.set('AMP_URL_INFO', { AMP_CURRENT_PAGE: location.href });
   */
  tabStorage?: Storage<unknown>;
  /** The consent state (`'pending'`, `'granted'`, `'denied'`), for plugins that store on their own (session replay). */
  getConsent?: () => string;
}

/**
 * The resolved configuration plugins receive in `setup`; identity fields are kept current. Only the client
 * writes it: a plugin reads it, and changes the client's state through the client it is handed
 * (`PluginClient`, docs/architecture.md "Plugin contract").
 */
export interface Config extends Omit<Options, Resolved>, Required<Pick<Options, Resolved>>, SharedConfig {
  apiKey: string;
  logLevel: LogLevel;
}
/** Amplitude's name for {@link Config}. */
export type BrowserConfig = Config;

/** The user identity `getIdentity()` returns. */
export interface AnalyticsIdentity {
  deviceId?: string;
  userId?: string;
  userProperties?: Properties;
}

/** Plugin stages, run in this order: `before`, `enrichment` (the default), then every `destination`. */
export type PluginType = 'before' | 'enrichment' | 'destination';

/**
 * The plugin contract, compatible with Amplitude's. A plugin is a plain object; a factory returns it.
 * @example
 * add({ name: 'page-url', execute: async (e) => ({ ...e, event_properties: { ...e.event_properties, url: location.href } }) });
 */
export interface Plugin<C = any> {
  name?: string;
  type?: PluginType;
  /** Runs on `add` or on `init`, whichever is later. */
  setup?(config: Config, client: C): Promise<void> | void;
  /** before/enrichment: the event (maybe changed) or `null` to drop it; destination: a {@link Result}. */
  execute?(event: Event): Promise<Event | Result | null> | Event | Result | null;
  /** Destinations: send what is queued now. */
  flush?(): Promise<void> | void;
  /** Undoes `setup`; runs on `remove`. */
  teardown?(): Promise<void> | void;
  onIdentityChanged?(identity: Partial<AnalyticsIdentity>): void | Promise<void>;
  onSessionIdChanged?(sessionId: number): void | Promise<void>;
  onOptOutChanged?(optOut: boolean): void | Promise<void>;
  onReset?(): void | Promise<void>;
}
/** A `before` plugin. */
export type BeforePlugin<C = any> = Plugin<C> & { type: 'before' };
/** An `enrichment` plugin (the default type). */
export type EnrichmentPlugin<C = any> = Plugin<C> & { type?: 'enrichment' };
/** A `destination` plugin: `execute` resolves a {@link Result}. */
export type DestinationPlugin<C = any> = Plugin<C> & { type: 'destination' };
/** The default destination plugin (the delivery engine); `flush()` resolves when everything queued is settled. */
export interface DeliveryPlugin extends Plugin {
  name: string;
  type: 'destination';
  setup(config: Config, client?: unknown): Promise<void>;
  execute(event: Event): Promise<Result>;
  flush(): Promise<void>;
  teardown(): Promise<void>;
}
