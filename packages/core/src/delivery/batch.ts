// Choosing what goes into the next request: pure functions over queue entries (docs/protocol.md §A.4, docs/differences.md §C.2, docs/differences.md §C.3).
import { QUEUED, type State } from './entry';

/** The part of a queue entry batching looks at. */
export interface Batchable {
  event: { user_id?: string; device_id?: string };
  /** UTF-8 bytes of the event's JSON. */
  bytes: number;
  /** Largest batch this entry may travel in (set when a 413 halved its batch). */
  limit?: number;
  /** Only `QUEUED` entries are eligible; others are in flight, parked, sent on unload, or settled. */
  state: State;
}

/**
 * The next batch, in queue order: skips entries not `QUEUED` and entries of held users/devices (so each device's
 * order is kept), stops at `maxCount` events, at the smallest `limit` among the chosen, or at `maxBytes`.
 * @example
 * pickBatch(queue, { maxCount: 30, maxBytes: 1e6, holds: new Map(), now: Date.now() });
 */
export const pickBatch = <T extends Batchable>(
  queue: readonly T[],
  o: { maxCount: number; maxBytes: number; holds: ReadonlyMap<string, number>; now: number },
): T[] => {
  const out: T[] = [];
  let limit = Math.max(1, Math.floor(o.maxCount));
  let bytes = 0;
  for (const entry of queue) {
    if (entry.state !== QUEUED) continue;
    // Held back by a 429 (keys as the ledger sets them); no key is made while nothing is held.
    const { user_id: u, device_id: d } = entry.event;
    if (o.holds.size && [u && 'u:' + u, d && 'd:' + d].some((k) => k && (o.holds.get(k) ?? 0) > o.now)) continue;
    const nextLimit = Math.min(limit, entry.limit ?? Infinity);
    if (out.length && (out.length >= nextLimit || bytes + entry.bytes > o.maxBytes)) break;
    out.push(entry);
    bytes += entry.bytes;
    limit = nextLimit;
    if (out.length >= limit) break;
  }
  return out;
};

/**
 * Splits entries into consecutive chunks of at most `maxBytes` each (an entry larger than that alone).
 * @example
 * chunkByBytes(entries, 16_384); // [[…], […]]
 */
export const chunkByBytes = <T extends { bytes: number }>(entries: readonly T[], maxBytes: number): T[][] => {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const e of entries) {
    if (current.length && size + e.bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(e);
    size += e.bytes;
  }
  if (current.length) chunks.push(current);
  return chunks;
};

/** Keep requests under the HTTP V2 1 MB limit without waiting for a 413 (docs/protocol.md §B.3). */
const MAX_BATCH_BYTES = 1_000_000 - 4096;
/**
 * Largest batch of plain JSON: its request fits a keepalive (16 KiB), so it completes even if the page goes
 * away. Gzipped batches may be 4× larger (JSON events shrink far more than that).
 */
const KEEPALIVE_BATCH_BYTES = 16 * 1024 - 512;

/**
 * Most bytes of event JSON in one batch: what fits a keepalive, 4× that when the body is gzipped.
 * @example
 * pickBatch(queue, { maxCount: 30, maxBytes: batchBytes(false), holds, now: Date.now() });
 */
export const batchBytes = (compress: boolean) => Math.min((compress ? 4 : 1) * KEEPALIVE_BATCH_BYTES, MAX_BATCH_BYTES);
