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

/**
 * Options accepted by `init`. Unknown names and wrong types are reported with a warning and ignored.
 * @example
 * init('API_KEY', 'user@example.com', { serverZone: 'EU', flushQueueSize: 10 });
 */
export interface Options {
  /** Identifies this instance in logs and storage keys. @default '$default_instance' */
  instanceName?: string;
  /** Where uploads go; overrides `serverZone`. @default 'https://api2.amplitude.com/2/httpapi' */
  serverUrl?: string;
  /** @default 'US' */
  serverZone?: ServerZone | ServerZoneType;
  /** Upload to `/batch` instead of `/2/httpapi`. @default false */
  useBatch?: boolean;
  /** Events per upload. @default 30 */
  flushQueueSize?: number;
  /** Milliseconds between uploads. @default 1000 */
  flushIntervalMillis?: number;
  /** Upload attempts before an event is given up. @default 5 */
  flushMaxRetries?: number;
  /** @default LogLevel.Warn */
  logLevel?: LogLevel | 0 | 1 | 2 | 3 | 4;
  /** Where the SDK logs. @default console */
  loggerProvider?: Logger;
  /** Shortest `user_id`/`device_id` accepted; shorter ones are refused with a warning. @default 5 (the server's) */
  minIdLength?: number;
  /** Start opted out: nothing is stored or sent. @default false */
  optOut?: boolean;
  /** @default undefined */
  userId?: string;
  /** @default a random UUID (or the stored one) */
  deviceId?: string;
  /** Start with this session id (ms since epoch). @default now, or the stored session */
  sessionId?: number;
  /** Inactivity after which the next event starts a new session, in ms. @default 1800000 */
  sessionTimeout?: number;
  /** Sent as `app_version`. */
  appVersion?: string;
  /** Sent as `partner_id`. */
  partnerId?: string;
  /** Sent as `plan`. */
  plan?: Plan;
  /** Sent as `ingestion_metadata`. */
  ingestionMetadata?: IngestionMetadata;
  /** An Identify sent at the start of every session, before `session_start`. */
  identify?: { getUserProperties(): Properties };
  /** @default { ipAddress: true, language: true, platform: true } */
  trackingOptions?: TrackingOptions;
  /** @default see {@link AutocaptureOptions} */
  autocapture?: boolean | AutocaptureOptions;
  /** @deprecated use `autocapture` */
  defaultTracking?: boolean | AutocaptureOptions;
  /** @default 'cookie' in browsers, memory elsewhere */
  identityStorage?: IdentityStorageType;
  /**
   * Identity storage to use instead of the one `identityStorage` names. In the `config` plugins get, the
   * browser client puts its (consent-gated) identity storage here; plugins keep long-lived state in it
   * (the campaign, `AMP_MKTG_<10>`).
   */
  cookieStorage?: Storage<UserSession>;
  cookieOptions?: CookieOptions;
  /** Storage for unsent events (the delivery engine's). */
  storageProvider?: Storage<Event[]>;
  /** @default 'fetch' */
  transport?: TransportTypeOrOptions;
  /** The transport object itself; overrides `transport`. */
  transportProvider?: Transport;
  /** @default false */
  offline?: boolean | null;
  /** @default false (true for Amplitude's own endpoints) */
  enableRequestBodyCompression?: boolean;
  /** Accepted for compatibility; Footprint never fetches remote config from a host you did not configure (docs/differences.md §C.6). */
  fetchRemoteConfig?: boolean;
  remoteConfig?: { fetchRemoteConfig?: boolean; serverUrl?: string };
  /** Accepted for compatibility; Footprint sends no diagnostics (docs/differences.md §C.6). */
  enableDiagnostics?: boolean;
  /** The page view count to start the session's `[Amplitude] Page Counter` from (the anchor's option). @default the stored count */
  pageCounter?: number;
  /**
   * The anchor's older form of network capture options: used when `autocapture.networkTracking` is `true`
   * (an object there wins). The rule types live in `@footprint/plugin-network-capture`.
   */
  networkTrackingOptions?: { ignoreAmplitudeRequests?: boolean; ignoreHosts?: string[]; captureRules?: object[] };
  /**
   * Accepted for compatibility and not run: the anchor evaluates `body` as code for each event; Footprint
   * never runs code taken from configuration (docs/differences.md). Use an enrichment plugin instead.
   */
  customEnrichment?: boolean | { enabled?: boolean; body: string };
}
/** Amplitude's name for {@link Options}. */
export type BrowserOptions = Options;

/** The resolved configuration plugins receive in `setup`; identity fields are kept current. */
export interface Config extends Options {
  apiKey: string;
  instanceName: string;
  serverUrl: string;
  flushQueueSize: number;
  flushIntervalMillis: number;
  flushMaxRetries: number;
  sessionTimeout: number;
  logLevel: LogLevel;
  loggerProvider: Logger;
  transportProvider: Transport;
  trackingOptions: TrackingOptions;
  optOut: boolean;
  lastEventTime?: number;
  lastEventId?: number;
  pageCounter?: number;
  /**
   * Per-tab storage for plugin state (`AMP_PAGE_VIEW`, `AMP_URL_INFO`): the browser client's is the tab's
   * `sessionStorage`, held in memory while consent is pending. Absent (a bare core client), plugins use their own.
   * @example
   * await config.tabStorage?.set('AMP_URL_INFO', { AMP_CURRENT_PAGE: location.href });
   */
  tabStorage?: Storage<unknown>;
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
