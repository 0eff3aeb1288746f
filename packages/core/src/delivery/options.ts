// Options and environment contracts of the delivery engine (docs/protocol.md §A.4–A.7, docs/differences.md §C.1–C.5).
// Core stays DOM-free: the browser layer implements these interfaces and passes them in through config.
import type { Event, Logger, LogLevel, ServerZone, ServerZoneType, Storage, Transport, TransportResponse, TransportTypeOrOptions, UploadPayload } from '../types';

/** How uploads leave the page: `'fetch' | 'xhr' | 'beacon'`. */
export type TransportName = 'fetch' | 'xhr' | 'beacon';

/** Per-request hints the engine gives a transport. A plain Amplitude-style transport may ignore them. */
export interface DeliveryRequest {
  /** The transport `config.transport` names, when set. */
  type?: TransportName;
  /** Extra headers from `transport.headers`. */
  headers?: Record<string, string>;
  /** Gzip the body when it is at least 2 KB and the platform can. */
  compress?: boolean;
  /** The request body, already serialized from `payload` (saves a second `JSON.stringify`). */
  body?: string;
  /** Give up after this long; the answer is then `null`. */
  timeoutMs?: number;
  /**
   * Set by a transport that can take a request back until it hands it to the browser (after gzip, or until
   * its worker is told to send). Returns true when the request will never leave (its answer is then
   * `null`): the engine sends those events by the unload path instead, when the page hides.
   */
  withdraw?: () => boolean;
}

/**
 * A transport the engine can also use while the page goes away.
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
}

/**
 * Delivery options, read from the config by their Amplitude names; Footprint's additions are marked.
 * @example
 * init('API_KEY', { flushQueueSize: 50, maxQueuedEvents: 5000, retryMaxMillis: 10_000 });
 */
export interface DeliveryOptions {
  /** Where uploads go; overrides `serverZone` and `useBatch`. */
  serverUrl?: string;
  /** @default 'US' */
  serverZone?: ServerZone | ServerZoneType;
  /** Upload to `/batch` instead of `/2/httpapi`. @default false */
  useBatch?: boolean;
  /** Events per request; reaching it sends at once. @default 30 */
  flushQueueSize?: number;
  /** Longest an event waits before its batch is sent. @default 1000 */
  flushIntervalMillis?: number;
  /** Attempts per page life before transient failures are parked until the next load or `online`. @default 5 */
  flushMaxRetries?: number;
  /** Sent as `options.min_id_length`. */
  minIdLength?: number;
  transportProvider?: Transport | DeliveryTransport;
  /** `'fetch'` (default), `'xhr'`, `'beacon'`, or `{ type, headers }`. */
  transport?: TransportTypeOrOptions;
  /** Persists unsent events. @default localStorage in browsers */
  storageProvider?: StorageProvider;
  /** `true`: never connect; `false`: follow the platform's connectivity; `null`: ignore connectivity. @default false */
  offline?: boolean | null;
  loggerProvider?: Logger;
  logLevel?: LogLevel | 0 | 1 | 2 | 3 | 4;
  /** Gzip bodies for a custom `serverUrl` too (always on for the vendor endpoints). @default false */
  enableRequestBodyCompression?: boolean;
  /**
   * Footprint: most unsent events kept (stored where storage has room, else in memory for the page);
   * beyond it a new event is refused with the reason, with one warning. @default 100000
   */
  maxQueuedEvents?: number;
  /** Footprint: most bytes (UTF-8 JSON) of unsent events kept; beyond it a new event is refused. @default 52428800 (50 MiB) */
  maxQueuedBytes?: number;
  /** Footprint: first retry delay; doubles per attempt, with jitter. @default 1000 */
  retryBaseMillis?: number;
  /** Footprint: longest retry delay. @default 30000 */
  retryMaxMillis?: number;
  /** Footprint: longest `Retry-After` honoured. @default 60000 */
  retryAfterMaxMillis?: number;
  /** Footprint: how long throttled users/devices are held back after a 429 without `Retry-After`. @default 30000 */
  throttleMillis?: number;
  /**
   * Footprint: an upload with no answer after this long stops holding up the next ones; it keeps its chance
   * to answer until 4× as long, and its events are sent again only once it failed. @default 30000
   */
  requestTimeoutMillis?: number;
  /** Footprint: how often a tab looks for queues left by closed tabs. @default 10000 */
  adoptIntervalMillis?: number;
  /** Footprint: page lifecycle signals (browser default: visibilitychange/pagehide/pageshow). */
  lifecycle?: PageLifecycle;
  /** Footprint: connectivity signals (browser default: navigator.onLine). */
  connectivity?: Connectivity;
  /** Footprint: cross-tab locks (browser default: Web Locks, else a localStorage lease). */
  tabLocks?: TabLocks;
}

/**
 * Footprint's delivery option names with their kind letter for `init` option validation (see core config.ts):
 * i whole number ≥ 0, p positive number, o object.
 * @example
 * validateOptions(raw, warn, DELIVERY_OPTION_KINDS);
 */
export const DELIVERY_OPTION_KINDS: Record<string, string> = {
  maxQueuedEvents: 'p', maxQueuedBytes: 'p', retryBaseMillis: 'i', retryMaxMillis: 'i', retryAfterMaxMillis: 'i',
  throttleMillis: 'i', requestTimeoutMillis: 'p', adoptIntervalMillis: 'p', lifecycle: 'o', connectivity: 'o', tabLocks: 'o',
};
