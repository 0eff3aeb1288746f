/** Severity threshold for the SDK's own logging; `Debug` also logs every public call. */
export enum LogLevel {
  None = 0,
  Error = 1,
  Warn = 2,
  Verbose = 3,
  Debug = 4,
}

/** Where events go when no `serverUrl` is set. */
export type ServerZone = 'US' | 'EU';

/** A JSON-compatible value, as the HTTP V2 API accepts it. */
export type ValidPropertyType =
  | number
  | string
  | boolean
  | null
  | ValidPropertyType[]
  | { [key: string]: ValidPropertyType };

/** Free-form event or user properties. */
export type Properties = Record<string, any>;

/**
 * An analytics event in the HTTP V2 shape.
 * @see ../../shared/spec/PROTOCOL.md §B.2
 */
export interface Event {
  event_type: string;
  event_properties?: Properties;
  user_properties?: Properties;
  groups?: Record<string, string | string[]>;
  group_properties?: Properties;
  user_id?: string;
  device_id?: string;
  session_id?: number;
  time?: number;
  insert_id?: string;
  event_id?: number;
  library?: string;
  platform?: string;
  language?: string;
  ip?: string;
  user_agent?: string;
  app_version?: string;
  partner_id?: string;
  plan?: { branch?: string; source?: string; version?: string; versionId?: string };
  ingestion_metadata?: { source_name?: string; source_version?: string };
  [key: string]: unknown;
}

/** Per-call overrides of top-level event fields (`user_id`, `time`, `insert_id`, …). */
export type EventOptions = Partial<Omit<Event, 'event_type' | 'event_properties'>>;

/** What every tracked event's promise resolves to. */
export interface Result {
  event: Event;
  code: number;
  message: string;
}

/** The `{ promise }` wrapper every asynchronous public call returns. */
export interface AsyncResult<T> {
  promise: Promise<T>;
}

/** A logger the SDK writes to; `console` satisfies it. */
export interface Logger {
  log(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  debug(...args: unknown[]): void;
}

/** The answer to an upload, as a transport reports it. */
export interface TransportResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Sends one HTTP V2 request body; resolves `null` when no answer could be read. Must not throw. */
export interface Transport {
  send(url: string, payload: UploadPayload): Promise<TransportResponse | null>;
}

/** The HTTP V2 request body. */
export interface UploadPayload {
  api_key: string;
  events: Event[];
  options?: { min_id_length?: number };
  client_upload_time?: string;
}

/** Options accepted by `init`. */
export interface Options {
  /** Where uploads go; overrides `serverZone`. */
  serverUrl?: string;
  /** @default 'US' */
  serverZone?: ServerZone;
  /** Upload to `/batch` instead of `/2/httpapi`. @default false */
  useBatch?: boolean;
  /** @default 30 */
  flushQueueSize?: number;
  /** @default 1000 */
  flushIntervalMillis?: number;
  /** @default 5 */
  flushMaxRetries?: number;
  /** @default LogLevel.Warn */
  logLevel?: LogLevel;
  loggerProvider?: Logger;
  /** Minimum length of `user_id`/`device_id` the server accepts (server default 5). */
  minIdLength?: number;
  userId?: string;
  deviceId?: string;
  appVersion?: string;
  /** Supplies the transport; the browser layer sets this to fetch. */
  transportProvider?: Transport;
  [key: string]: unknown;
}

/** The resolved configuration plugins receive in `setup`. */
export interface Config extends Options {
  apiKey: string;
  serverUrl: string;
  flushQueueSize: number;
  flushIntervalMillis: number;
  flushMaxRetries: number;
  logLevel: LogLevel;
  loggerProvider: Logger;
  transportProvider: Transport;
}

/** The plugin contract, compatible with the Amplitude plugin shape. */
export interface Plugin {
  name?: string;
  type?: 'before' | 'enrichment' | 'destination';
  setup?(config: Config, client: unknown): Promise<void> | void;
  execute?(event: Event): Promise<Event | Result | null> | Event | Result | null;
  flush?(): Promise<void> | void;
  teardown?(): Promise<void> | void;
}
