import { mkdir, open, readFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { CollectorSnapshot, CollectorStore, RejectedUpload, StoredEvent, UploadRecord } from './types';
import type { IngestEvent } from './validate';

/** File name of the append-only event log inside `dataDir`. */
export const EVENTS_FILE = 'events.ndjson';
const MAX_REJECTED = 200;
const MAX_UPLOADS = 1000;
/** Upload bodies kept for the inspector, at most this many characters in all (oldest dropped first). */
const MAX_PAYLOAD_CHARS = 64 * 1024 * 1024;

export interface StoreOptions {
  dataDir: string;
  log: (line: string) => void;
  /** False stores every copy of an insert_id (repeats are still counted as duplicates). @default true */
  dedupe?: boolean;
}

export interface AppendInput {
  apiKey: string;
  uploadId: string;
  receivedAt: number;
  events: readonly IngestEvent[];
}

export interface AppendResult {
  /** Events written by this upload, in upload order (with `dedupe: false`, repeats included). */
  stored: StoredEvent[];
  /** Events whose insert_id was already known (not stored again unless `dedupe` is false). */
  duplicates: number;
  /** Their insert_ids, in upload order. */
  duplicateIds: string[];
}

/** The collector's durable event store plus in-memory upload history. */
export interface Store extends CollectorStore {
  /** De-duplicates, appends and fsyncs; resolves only once the events are on disk. */
  append(input: AppendInput): Promise<AppendResult>;
  /** Records an upload, keeping its body (if given) for the inspector while memory allows. */
  recordUpload(upload: UploadRecord, payload?: string): void;
  /** The body of a recorded upload, if still kept. */
  payload(uploadId: string): string | undefined;
  recordRejected(rejected: RejectedUpload): void;
  /** Empties memory and the data file. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** De-dup key (docs/protocol.md §B.3: same insert_id, plus same device_id when present); undefined = never deduped. */
export function dedupKey(event: Record<string, unknown>): string | undefined {
  const insertId = event.insert_id;
  if (insertId == null || insertId === '') return undefined;
  return `${String(insertId)}\u0000${event.device_id == null ? '' : String(event.device_id)}`;
}

/**
 * Opens (creating if needed) `<dataDir>/events.ndjson` and reads its history back; corrupt lines are logged and skipped.
 * @example
 * const store = await openStore({ dataDir: '.footprint', log: console.log });
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  const file = join(options.dataDir, EVENTS_FILE);
  const dedupe = options.dedupe ?? true;
  await mkdir(options.dataDir, { recursive: true });
  const events: StoredEvent[] = [];
  const index = new Set<string>();
  const text = await readHistory(file);
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const event = parseLine(line);
    if (!event) return options.log(`footprint collector: ${file} line ${i + 1} is corrupt; skipped`);
    events.push(event);
    const key = dedupKey(event);
    if (key) index.add(key);
  });
  const handle: FileHandle = await open(file, 'a');
  // A crash mid-write can leave a partial last line; start the next write on a fresh line.
  if (text !== '' && !text.endsWith('\n')) await handle.appendFile('\n');

  let duplicates = 0;
  const duplicatesById = new Map<string, number>();
  let uploads: UploadRecord[] = [];
  const payloads = new Map<string, string>();
  let payloadChars = 0;
  let rejected: RejectedUpload[] = [];
  let closing: Promise<void> | undefined;
  let isClosed = false;
  // One write at a time, so the de-dup check and the append are atomic with respect to other uploads.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  /** Drops one kept body; returns its length. */
  const forget = (id: string | undefined): number => {
    const text = id === undefined ? undefined : payloads.get(id);
    if (id !== undefined) payloads.delete(id);
    return text?.length ?? 0;
  };

  const filtered = (eventType?: string) =>
    eventType === undefined ? events.slice() : events.filter((e) => e.event_type === eventType);

  return {
    events: filtered,
    duplicates: () => duplicates,
    duplicatesOf: (insertId) => duplicatesById.get(insertId) ?? 0,
    uploads: () => uploads.slice(),
    rejected: () => rejected.slice(),
    snapshot: (eventType): CollectorSnapshot => ({
      events: filtered(eventType),
      duplicates,
      duplicates_by_insert_id: Object.fromEntries(duplicatesById),
      uploads: uploads.slice(),
      rejected: rejected.slice(),
    }),
    append: (input) =>
      serial(async () => {
        if (isClosed) throw new Error('store is closed');
        const fresh: StoredEvent[] = [];
        const keys = new Set<string>();
        const repeated: string[] = [];
        for (const event of input.events) {
          const key = dedupKey(event);
          if (key && (index.has(key) || keys.has(key))) {
            repeated.push(String(event.insert_id));
            if (dedupe) continue;
          }
          if (key) keys.add(key);
          fresh.push({ ...event, received_at: input.receivedAt, api_key: input.apiKey, upload_id: input.uploadId });
        }
        if (fresh.length > 0) {
          await handle.appendFile(fresh.map((e) => JSON.stringify(e)).join('\n') + '\n');
          await handle.sync();
        }
        // Memory changes only after the data is durable, so a failed write leaves no trace.
        keys.forEach((key) => index.add(key));
        events.push(...fresh);
        duplicates += repeated.length;
        for (const id of repeated) duplicatesById.set(id, (duplicatesById.get(id) ?? 0) + 1);
        return { stored: fresh, duplicates: repeated.length, duplicateIds: repeated };
      }),
    recordUpload: (upload, payload) => {
      uploads.push(upload);
      if (uploads.length > MAX_UPLOADS) payloadChars -= forget(uploads.shift()?.id);
      if (payload === undefined) return;
      payloads.set(upload.id, payload);
      payloadChars += payload.length;
      for (const id of payloads.keys()) {
        if (payloadChars <= MAX_PAYLOAD_CHARS) break;
        payloadChars -= forget(id);
      }
    },
    payload: (uploadId) => payloads.get(uploadId),
    recordRejected: (entry) => {
      rejected = [...rejected, entry].slice(-MAX_REJECTED);
    },
    reset: () =>
      serial(async () => {
        events.length = 0;
        index.clear();
        duplicates = 0;
        duplicatesById.clear();
        uploads = [];
        payloads.clear();
        payloadChars = 0;
        rejected = [];
        await handle.truncate(0);
        await handle.sync();
      }),
    close: () =>
      (closing ??= serial(async () => {
        isClosed = true;
        await handle.close();
      })),
  };
}

async function readHistory(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

function parseLine(line: string): StoredEvent | undefined {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'event_type' in value) {
      return value as StoredEvent;
    }
  } catch {
    // fall through: reported by the caller with the line number
  }
  return undefined;
}
