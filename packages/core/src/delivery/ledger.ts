// The delivery engine's queue (docs/delivery.md "Bounds"; docs/differences.md §C.1–C.4): its entries in order
// with their count and bytes, how an entry is settled (its promise gets its result, storage forgets it), who
// waits for it, and what an upload's answer does to the events it carried: delivered, dropped one by one
// with the server's reason, split after a 413, held back per user or device after a 429, or retried with
// backoff until retries are exhausted for this page life (then parked, never dropped).
import type { Event, TransportResponse } from '../types';
import { backoffDelay } from './backoff';
import { classifyAnswer, DONE, REQUEUE, SPLIT } from './classify';
import { FINAL, makeEntry, PARKED, QUEUED, type Entry } from './entry';
import { OVERSIZE, PARKED as PARKED_MESSAGE, QUEUE_OVERFLOW, SUCCESS } from './messages';
import type { Persister } from './persister';
import type { Settings } from './settings';

/**
 * The queue of one engine. `persist()` is the engine's persister of the moment (it changes when the engine
 * starts again). What it returns, by position:
 * - `queue`: the entries in queue order, settled ones until the next `compact()` (one array, changed in place);
 * - `count()`, `bytes()`: the entries not settled, and their event JSON's bytes;
 * - `finish(e, code, message)`: settles `e` (once) and reports it;
 * - `compact()`: takes the settled entries out;
 * - `put(entries, bounded)`: adds entries at the tail; with `bounded`, one beyond the memory bound is
 *   refused with its reason (nothing already accepted is dropped);
 * - `restore(entries)`: puts entries read back from storage at the head (storage holds them already);
 * - `unknown(events)`: new entries for the events not in the queue yet (by `insert_id`);
 * - `settled(pending)`: resolves once every entry of `pending` is settled, or at `release()`;
 * - `handle(batch, res)`: applies an answer (or `null`, no answer) to the entries of `batch` still out, and
 *   says whether the queue should drain now (a split, a 429 or a retry waits for its turn in it);
 * - `resume()`: parked entries are queued again with fresh retries (the endpoint, the network or `flush()`
 *   says to try again);
 * - `holds`: user and device keys held back after a 429, with the time each is free again;
 * - `notBefore(t?)`: the time before which nothing is sent (backoff), set to `t` when given.
 * @example
 * const [queue, count, bytes, finish, compact, put, restore, unknown, settled, release, handle, resume, holds, notBefore] = createLedger(() => persist, () => s);
 */
export const createLedger = (persist: () => Persister<Entry>, settings: () => Settings) => {
  /** The same array for the engine's life: entries are taken out and put in place. */
  const queue: Entry[] = [];
  let count = 0;
  let bytes = 0;
  /** Entries settled since the last `compact()`. */
  let finals = 0;
  let overflowWarned = false;
  const waiters = new Set<{ pending: Set<Entry>; done: () => void }>();

  // (not `splice(0, n, ...entries)`: a long queue would pass too many arguments)
  const refill = (entries: Entry[]) => {
    queue.length = 0;
    for (const e of entries) queue.push(e);
  };
  const report = (e: Entry, code: number, message: string) => {
    const resolve = e.resolve;
    e.resolve = undefined;
    resolve?.({ event: e.event, code, message });
    for (const w of waiters) if (w.pending.delete(e) && w.pending.size === 0) (waiters.delete(w), w.done());
  };
  const finish = (e: Entry, code: number, message: string) => {
    if (e.state === FINAL) return;
    e.state = FINAL;
    finals += 1;
    count -= 1;
    bytes -= e.bytes;
    persist().removed(e);
    report(e, code, message);
  };
  // Settled entries are usually the oldest (a delivered batch), so they come off the head without scanning
  // the whole queue: delivering a long queue stays linear.
  const compact = () => {
    if (!finals) return;
    let head = 0;
    while (head < queue.length && queue[head].state === FINAL) head++;
    if (head < finals) refill(queue.filter((e) => e.state !== FINAL));
    else queue.splice(0, head);
    finals = 0;
  };
  const put = (entries: Entry[], bounded?: boolean) => {
    const s = settings();
    for (const e of entries) {
      if (bounded && !(count < s.maxEvents && bytes + e.bytes <= s.maxBytes)) {
        if (!overflowWarned) s.log.warn(__DEV__ ? `${QUEUE_OVERFLOW} (maxQueuedEvents ${s.maxEvents}, maxQueuedBytes ${s.maxBytes}); see docs/delivery.md` : 'E54 queue full: new events refused');
        overflowWarned = true;
        report(e, 0, QUEUE_OVERFLOW);
        continue;
      }
      queue.push(e);
      count += 1;
      bytes += e.bytes;
      persist().append(e);
    }
  };
  const restore = (entries: Entry[]) => {
    refill([...entries, ...queue]);
    count += entries.length;
    for (const e of entries) bytes += e.bytes;
  };
  const unknown = (events: Event[]) => {
    const known = new Set(queue.map((e) => e.event.insert_id));
    return events.filter((e) => !e.insert_id || !known.has(e.insert_id)).map((e) => makeEntry(e));
  };
  const settled = (pending: Set<Entry>) => new Promise<void>((done) => waiters.add({ pending, done }));
  const release = () => [...waiters].forEach((w) => (waiters.delete(w), w.done()));
  let failures = 0;
  let waitUntil = 0;
  let parked = false;
  const holds = new Map<string, number>();

  const resume = () => {
    if (parked) for (const e of queue) if (e.state === PARKED) (e.state = QUEUED), (e.attempts = 0);
    parked = false;
  };

  const handle = (batch: Entry[], res: TransportResponse | null): boolean => {
    if (!batch.length) return false;
    const s = settings();
    const now = Date.now();
    const v = classifyAnswer(res, batch.map((e) => e.event), now, s.retryAfterMax);
    let drain = v.action !== DONE;
    for (const [i, message] of v.drop) finish(batch[i], v.code, message);
    const rest = batch.filter((e) => e.state !== FINAL);
    // Not delivered: queued again, and stored again (the request provably did not deliver them).
    if (drain) rest.forEach((e) => ((e.state = QUEUED), persist().back(e)));
    if (!drain) {
      rest.forEach((e) => finish(e, v.code, SUCCESS));
      failures = 0;
      resume(); // the endpoint is healthy again: what was parked can go
    } else if (v.action === SPLIT) {
      if (rest.length === 1) finish(rest[0], v.code, v.code === 413 ? `${v.message}: ${OVERSIZE}` : v.message);
      else rest.forEach((e) => (e.limit = Math.ceil(rest.length / 2)));
    } else if (v.action === REQUEUE) {
      const until = now + (v.retryAfterMs ?? s.throttle);
      for (const u of v.hold?.users ?? []) holds.set(`u:${u}`, until);
      for (const d of v.hold?.devices ?? []) holds.set(`d:${d}`, until);
    } else {
      failures += 1;
      rest.forEach((e) => (e.attempts += 1));
      if (rest.some((e) => e.attempts >= s.maxRetries)) {
        // Retries are exhausted for this page life: park everything waiting, never drop it (docs/differences.md §C.4).
        s.log.warn(__DEV__ ? `upload failed ${s.maxRetries} times (${v.message}); keeping events stored until the next page load, online, or flush()` : `E56 upload failed ${s.maxRetries} times (${v.message}), kept`);
        for (const e of queue) if (e.state === QUEUED) (e.state = PARKED), report(e, v.code, PARKED_MESSAGE);
        parked = true;
        drain = false;
      } else waitUntil = now + (v.retryAfterMs ?? backoffDelay(failures, { baseMs: s.retryBase, maxMs: s.retryMax }));
    }
    compact();
    return drain;
  };

  const notBefore = (t?: number) => (t === undefined ? waitUntil : (waitUntil = t));
  return [queue, () => count, () => bytes, finish, compact, put, restore, unknown, settled, release, handle, resume, holds, notBefore] as const;
};
