// Writes the unsent-event queue to storage without blocking the caller (docs/delivery.md "Durable queue").
// The queue is stored in segments of at most SEGMENT_EVENTS events / SEGMENT_BYTES, so a change rewrites
// one small segment, never the whole queue: segment 0 is the slot key itself (the anchor's key and format,
// a JSON array of events), later segments are `<key>:<n>`, and `<key>:index` lists the segment numbers in
// queue order when there is more than segment 0. A segment lists every event not settled yet, in queue
// order, but stores only those that have not left the page (`stores`): an event in flight is not written,
// and comes back into its segment (and storage) if its request provably failed. Appended events are
// written at idle time in slices of a few milliseconds; events that left or settled leave their segment
// soon (the key is removed once nothing in it is to be stored, else the segment is rewritten about a
// second after it first lost one, or when the page hides). A full storage (QuotaExceededError) keeps what
// was written and the rest in memory, with one warning. See docs/delivery.md.
import type { Event } from '../types';
import type { StorageProvider } from './options';
// The stored layout's keys, and reading and removing a stored queue, are in stored-queue.ts.
import { indexKey, segmentKey } from './stored-queue';

/** Most events in one stored segment. */
export const SEGMENT_EVENTS = 100;
/** Most UTF-8 bytes of event JSON in one stored segment. */
export const SEGMENT_BYTES = 48 * 1024;
/**
 * How long a stored segment may keep events that left before it is rewritten without them. Short, so a
 * tab that adopts the queue after a crash, or after a close whose last writes were lost, sends little
 * twice; not at once, so a long queue draining batch after batch rewrites each segment about once.
 */
const SHRINK_MS = 1000;
/** Longest an idle-time slice of writes runs before it yields the main thread. */
const SLICE_MS = 6;

/** The part of a queue entry the persister reads; `seg` is the persister's own bookkeeping. */
export interface Persistable {
  json: string;
  bytes: number;
  seg?: unknown;
  /** When it is to be written if still queued (the persister's own bookkeeping). */
  due?: number;
}

// What a segment's change is, and what a write covers (numbers: never stored, fewer bytes than names).
const DUE = 0, GROWN = 1, SHRUNK = 2, ALL = 3;

interface Segment<T> {
  n: number;
  entries: T[];
  bytes: number;
  /** `GROWN`: holds events to store that are not stored yet; `SHRUNK`: storage holds events that left; 0: neither. */
  dirty: 0 | typeof GROWN | typeof SHRUNK;
  /** Entries not settled yet. */
  kept: number;
  /** When storage started to hold events of it that left (the persister's own bookkeeping). */
  shrunkAt?: number;
  /** No event added since its last write falls due before this (a bound that lets a write skip the segment). */
  dueAt?: number;
}

/** An idle-time deadline as `requestIdleCallback` gives it. */
export interface IdleDeadline {
  timeRemaining(): number;
}

export interface PersisterDeps<T> {
  storage: StorageProvider | undefined;
  /** Whether an entry is still in the queue (not settled). */
  keep: (entry: T) => boolean;
  /** Whether an entry is to be stored: it is in the queue and has not left the page (not in flight). */
  stores: (entry: T) => boolean;
  /** Bytes of everything queued, to retry a failed write only once the queue has shrunk. */
  size: () => number;
  warn: (...args: unknown[]) => void;
  /** Schedules a deferred write at idle time, at the latest after `maxDelayMs`; returns a cancel. */
  defer: (task: (deadline?: IdleDeadline) => void, maxDelayMs: number) => () => void;
  /**
   * How long new events wait before they are written: most are delivered by then and never need a write.
   * @default 0
   */
  delayMs?: number;
}

/** The index to store for these segment numbers: none when segment 0 alone holds the queue. */
const indexOf = (ns: number[]) => (ns.length > 1 || (ns.length && ns[0]) ? JSON.stringify(ns) : '');

/**
 * A write-behind persister for one slot key.
 * @example
 * const p = createPersister({ storage, keep: (e) => e.state !== FINAL, size: () => bytes, warn, defer });
 * p.setKey('AMP_unsent_0123456789', []); p.append(entry); // written at the next idle moment
 */
export const createPersister = <T extends Persistable>(deps: PersisterDeps<T>) => {
  let key: string | undefined;
  let segments: Segment<T>[] = [];
  /** Segment numbers that exist in storage, and the index as last written. */
  let stored = new Set<number>();
  let storedIndex = '';
  let cancel: (() => void) | undefined;
  let suspended = false;
  // After a failed write, only retry once the queue has shrunk well below the size that failed.
  let failedAt = Infinity;
  let warned = false;

  const fail = (error: unknown) => {
    failedAt = deps.size();
    if (!warned) {
      warned = true;
      const name = (error as { name?: string } | undefined)?.name ?? 'error';
      deps.warn(__DEV__ ? `could not store all unsent events (${name}); what did not fit stays in memory for this page only (see docs/delivery.md)` : `E4 storage full (${name}): memory used`);
    }
  };

  const put = (storage: StorageProvider, k: string, json: string) => {
    try {
      const done = storage.setRaw ? storage.setRaw(k, json) : storage.set(k, JSON.parse(json) as Event[]);
      void Promise.resolve(done).then(() => (failedAt = Infinity), fail);
      return true;
    } catch (e) {
      fail(e);
      return false;
    }
  };

  // At once (not later), so that writes reach other tabs in the order they were made (see `closedKey`).
  const drop = (storage: StorageProvider, k: string) => {
    try {
      void Promise.resolve(storage.remove(k)).catch(() => undefined);
    } catch {
      // a storage that cannot remove keeps the key; its events are sent again at worst, never lost
    }
  };

  /**
   * Writes what changed: what is due (`DUE`), every segment holding events not stored yet (`GROWN`),
   * or also the segments that only lost events (`ALL`). Returns `false` when `more()` stopped it, else
   * when the next segment falls due (`Infinity`: none).
   */
  const write = (mode: typeof DUE | typeof GROWN | typeof ALL, more: () => boolean): number | false => {
    const storage = deps.storage;
    if (!storage || key === undefined) return Infinity;
    if (failedAt !== Infinity && deps.size() >= failedAt / 2) return Infinity;
    const now = Date.now();
    let next = Infinity;
    for (const seg of segments) {
      if (!seg.dirty) continue;
      // A long queue has many segments never stored, none of whose events is due yet: skipped without
      // looking at their events (for one never stored, a write would only forget settled ones).
      if (mode === DUE && seg.dueAt! > now && !stored.has(seg.n)) {
        next = Math.min(next, seg.dueAt!);
        continue;
      }
      const live = seg.entries.filter(deps.keep);
      const out = live.filter(deps.stores);
      // A grown segment falls due with its oldest event to store; a shrunk one SHRINK_MS after it first
      // lost one, or at once when nothing in it is to be stored any more (then its key just goes).
      const due = seg.dirty === GROWN ? out.reduce((t, e) => Math.min(t, e.due ?? 0), Infinity) : (seg.shrunkAt ?? now) + SHRINK_MS;
      if (out.length && mode !== ALL && ((mode === GROWN && seg.dirty === SHRUNK) || (mode === DUE && due > now))) {
        next = Math.min(next, due);
        continue;
      }
      seg.shrunkAt = seg.dueAt = undefined; // (a segment not written now is looked at in full next time)
      if (!more()) return false;
      seg.entries = live; // (its byte count stays as appended: a pruned segment just fills up sooner)
      seg.dirty = 0;
      if (!out.length) {
        if (stored.delete(seg.n)) drop(storage, segmentKey(key, seg.n));
        continue;
      }
      if (!put(storage, segmentKey(key, seg.n), `[${out.map((e) => e.json).join(',')}]`)) {
        // Not stored: an older copy of it must not be read back; tried again once the queue has shrunk.
        if (stored.delete(seg.n)) drop(storage, segmentKey(key, seg.n));
        seg.dirty = GROWN;
        break;
      }
      stored.add(seg.n);
    }
    segments = segments.filter((s) => s.entries.length || s.dirty);
    const index = indexOf(segments.filter((s) => stored.has(s.n)).map((s) => s.n));
    if (index !== storedIndex) {
      if (index) put(storage, indexKey(key), index);
      else drop(storage, indexKey(key));
      storedIndex = index;
    }
    for (const n of stored) {
      if (segments.some((s) => s.n === n)) continue;
      drop(storage, segmentKey(key, n));
      stored.delete(n);
    }
    return next;
  };

  // One pending wake-up at a time: a timer until the earliest due moment, then idle-time slices.
  let timerAt = Infinity;
  const stop = () => {
    cancel?.();
    cancel = undefined;
    timerAt = Infinity;
  };
  const slice = () => {
    timerAt = -Infinity; // an idle slice is pending: it picks up everything due by then
    cancel = deps.defer((deadline) => {
      stop();
      const started = Date.now();
      const more = () => Date.now() - started < SLICE_MS && (!deadline || deadline.timeRemaining() > 1);
      const next = write(DUE, more);
      if (next === false) slice();
      else if (next !== Infinity) schedule(next);
    }, 250);
  };
  const schedule = (at: number) => {
    if (suspended || !deps.storage || key === undefined || timerAt <= at) return;
    stop();
    const wait = at - Date.now();
    if (wait <= 0) return slice();
    timerAt = at;
    const timer = setTimeout(slice, wait);
    cancel = () => clearTimeout(timer);
  };

  // A stored segment lost an event: rewritten without it soon (SHRINK_MS), its key removed once empty.
  const shrink = (seg: Segment<T>) => {
    if (seg.dirty !== GROWN) seg.dirty = SHRUNK;
    const now = Date.now();
    seg.shrunkAt ??= now;
    schedule(seg.kept ? seg.shrunkAt + SHRINK_MS : now);
  };

  const append = (e: T, due = Date.now() + (deps.delayMs ?? 0)) => {
    let tail = segments[segments.length - 1];
    if (!tail || tail.entries.length >= SEGMENT_EVENTS || (tail.entries.length && tail.bytes + e.bytes > SEGMENT_BYTES)) {
      tail = { n: tail ? tail.n + 1 : 0, entries: [], bytes: 0, dirty: 0, kept: 0 };
      segments.push(tail);
    }
    tail.entries.push(e);
    tail.bytes += e.bytes;
    tail.kept += 1;
    e.seg = tail;
    e.due = due;
    tail.dirty = GROWN;
    if (!(tail.dueAt! <= due)) tail.dueAt = due; // the earliest (a restored or returning event is due at once)
    schedule(due);
  };

  return {
    /** The key writes go to, and the segments stored there now; `undefined` stops writing. */
    setKey(next: string | undefined, existing: number[] = []) {
      key = next;
      stored = new Set(existing);
      storedIndex = indexOf(existing);
    },
    key: () => key,
    /** Lays out `entries` afresh (after a restore), all written at the next idle moment. */
    reset(entries: T[]) {
      segments = [];
      const now = Date.now();
      entries.filter(deps.keep).forEach((e) => append(e, now));
      // Stored segments that are not part of the new layout go at the next write.
      if (!entries.length && stored.size) schedule(now);
    },
    /** A new event at the end of the queue: written after `delayMs` at an idle moment, if still queued. */
    append: (e: T) => append(e),
    /** An event was settled (delivered or dropped). */
    removed(e: T) {
      const seg = e.seg as Segment<T> | undefined;
      if (!seg) return;
      e.seg = undefined;
      seg.kept -= 1;
      // Only a stored segment needs a write (or its key removed) when it loses events; one never stored
      // is forgotten as soon as it is empty, so settled events are not kept in memory until a write.
      if (!stored.has(seg.n)) {
        if (!seg.kept) segments = segments.filter((x) => x !== seg);
        return;
      }
      shrink(seg);
    },
    /** An event left the page (its request started): storage no longer needs it. */
    left(e: T) {
      const seg = e.seg as Segment<T> | undefined;
      if (seg && stored.has(seg.n)) shrink(seg);
    },
    /** An event that left is queued again (its request provably failed): stored at the next idle moment. */
    back(e: T) {
      const seg = e.seg as Segment<T> | undefined;
      if (!seg) return append(e, Date.now());
      seg.dueAt = e.due = Date.now();
      seg.dirty = GROWN;
      schedule(e.due);
    },
    /**
     * Write everything now, synchronously as far as the storage allows (page hide, teardown); `grown`: only
     * what holds events never stored, the quick first step of a page hide.
     */
    writeNow(grown?: boolean) {
      stop();
      write(grown ? GROWN : ALL, () => true);
    },
    /**
     * After the slot was given up (another tab may have adopted what it held meanwhile): stores `entries`,
     * never stored before, in a segment of their own, rewriting nothing else, so nothing is stored twice.
     */
    writeApart(entries: T[]) {
      const storage = deps.storage;
      if (!storage || key === undefined || !entries.length) return;
      const n = Math.max(-1, ...stored, ...segments.map((x) => x.n)) + 1;
      if (!put(storage, segmentKey(key, n), `[${entries.map((e) => e.json).join(',')}]`)) return;
      stored.add(n);
      put(storage, indexKey(key), JSON.stringify([...stored].sort((x, y) => x - y)));
    },
    /** No more idle-time writes (the slot was given up); `writeNow()` still writes. */
    suspend() {
      suspended = true;
      stop();
    },
    cancel: stop,
  };
};

/** A persister of queue entries of type `T`. */
export type Persister<T extends Persistable> = ReturnType<typeof createPersister<T>>;
