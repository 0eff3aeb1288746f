/** Options for {@link startCollector}; every field is optional. */
export interface CollectorOptions {
  /** TCP port; `0` picks any free port. @default 8787 */
  port?: number;
  /** Interface to bind. @default '127.0.0.1' */
  host?: string;
  /**
   * Host names (without port) besides 127.0.0.1, localhost and [::1] under which the inspector and
   * `/_footprint/*` answer, e.g. a LAN name or a tunnel's host. A specific `host` is added on its own.
   */
  allowedHosts?: string[];
  /** Directory holding `events.ndjson`. @default '.footprint' under `process.cwd()` */
  dataDir?: string;
  /** Largest accepted body, measured after gzip decompression (docs/protocol.md §B.3: "request < 1 MB"). @default 1048576 */
  maxPayloadBytes?: number;
  /** Most events accepted in one upload (docs/protocol.md §B.3). @default 2000 */
  maxEventsPerRequest?: number;
  /** URL prefix → directory served read-only, e.g. `{ '/sdk/': '/abs/packages/browser/dist' }`. */
  static?: Record<string, string>;
  /** Receives one line per upload and per warning. @default console.log */
  log?: (line: string) => void;
  /** Start empty: events kept in `dataDir` from earlier runs are deleted (CLI `--fresh`). @default false */
  fresh?: boolean;
  /**
   * `false` stores every received copy of an event, so tests see what crossed the wire twice; repeats of an
   * insert_id are still counted in `duplicates`, and each stored copy names its upload in `upload_id`. @default true
   */
  dedupe?: boolean;
}

/** An event as stored: the uploaded event plus what the collector learnt on receipt. */
export interface StoredEvent {
  [field: string]: unknown;
  event_type: string;
  /** ms since epoch when the upload was received. */
  received_at: number;
  api_key: string;
  upload_id: string;
}

/** One ingest request (`POST /2/httpapi` or `/batch`) and how it was answered; status 0 = dropped. */
export interface UploadRecord {
  id: string;
  path: string;
  status: number;
  events: number;
  /** Bytes received on the wire (before decompression). */
  bytes: number;
  gzip: boolean;
  at: number;
  /** From arrival to the answer (or to the drop). */
  duration_ms: number;
  /** The injected fault that shaped the answer, e.g. `503`, `drop`, `delay 2000 ms`. */
  fault?: string;
  /** The answer's body when it was not a plain 200 (a rejection names the refused events by index). */
  response?: unknown;
  /** insert_ids in this upload that the collector had already received. */
  duplicates?: string[];
}

/** An upload answered with a non-2xx status (or dropped), with the reason. */
export interface RejectedUpload {
  at: number;
  status: number;
  error: string;
  path: string;
  events: number;
  upload_id: string;
  /** True when a fault injected through `/_footprint/faults` produced the answer. */
  fault: boolean;
}

/** The JSON answered by `GET /_footprint/events`. */
export interface CollectorSnapshot {
  events: StoredEvent[];
  duplicates: number;
  duplicates_by_insert_id: Record<string, number>;
  uploads: UploadRecord[];
  rejected: RejectedUpload[];
}

/** Read access to what the collector has received, for in-process tests. */
export interface CollectorStore {
  /** Stored events in arrival order, optionally only those of one event type. */
  events(eventType?: string): StoredEvent[];
  /** How many received events carried an insert_id already known (not stored again, unless `dedupe` is false). */
  duplicates(): number;
  /** Duplicate count for one insert_id. */
  duplicatesOf(insertId: string): number;
  uploads(): UploadRecord[];
  rejected(): RejectedUpload[];
  snapshot(eventType?: string): CollectorSnapshot;
}

/** A running collector. */
export interface Collector {
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  port: number;
  store: CollectorStore;
  /** Stops listening, ends open connections and streams, closes the data file. */
  close(): Promise<void>;
}
