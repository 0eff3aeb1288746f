// Writes the unsent-event queue to storage without blocking the caller (PROTOCOL §A.6, §C.4):
// changes are coalesced into one write at idle time, written at once when the page hides, and a full
// storage (QuotaExceededError) degrades to memory with one warning instead of throwing.
import type { Event } from '../types';
import type { StorageProvider } from './options';

export interface PersisterDeps {
  storage: StorageProvider | undefined;
  /** Current JSON strings of the events to keep, in queue order. */
  snapshot: () => string[];
  warn: (...args: unknown[]) => void;
  /** Schedules a deferred write at idle time, at the latest after `maxDelayMs`; returns a cancel. */
  defer: (task: () => void, maxDelayMs: number) => () => void;
}

/**
 * A write-behind persister for one storage key (the key can move when a tab changes slot).
 * @example
 * const p = createPersister({ storage, snapshot: () => queue.map((e) => e.json), warn, defer });
 * p.setKey('AMP_unsent_0123456789'); p.dirty();
 */
export const createPersister = (deps: PersisterDeps) => {
  let key: string | undefined;
  let cancel: (() => void) | undefined;
  // After a failed write, only retry once the queue has shrunk well below the size that failed.
  let failedAt = Infinity;
  let warned = false;
  // Writes of a large queue cost milliseconds: space them out to keep that under ~10% of the main thread.
  let lastWriteMs = 0;

  const fail = (error: unknown, size: number) => {
    failedAt = size;
    if (!warned) {
      warned = true;
      const name = (error as { name?: string } | undefined)?.name ?? 'error';
      deps.warn(`could not store unsent events (${name}); keeping them in memory for this page only. Free some storage or lower maxQueuedBytes.`);
    }
  };

  const writeNow = () => {
    cancel?.();
    cancel = undefined;
    const storage = deps.storage;
    if (!storage || key === undefined) return;
    const items = deps.snapshot();
    if (!items.length) {
      failedAt = Infinity;
      void Promise.resolve()
        .then(() => storage.remove(key!))
        .catch(() => undefined);
      return;
    }
    const started = Date.now();
    const json = `[${items.join(',')}]`;
    if (failedAt !== Infinity && json.length >= failedAt / 2) return;
    try {
      const done = storage.setRaw ? storage.setRaw(key, json) : storage.set(key, JSON.parse(json) as Event[]);
      lastWriteMs = Date.now() - started;
      void Promise.resolve(done).then(
        () => {
          failedAt = Infinity;
          warned = false;
        },
        (e) => fail(e, json.length),
      );
    } catch (e) {
      fail(e, json.length);
    }
  };

  return {
    /** The key writes go to; `undefined` stops writing. */
    setKey(next: string | undefined) {
      key = next;
    },
    key: () => key,
    /** Something changed: write at the next idle moment (one write for many changes). */
    dirty() {
      if (!cancel && deps.storage && key !== undefined) cancel = deps.defer(writeNow, Math.max(250, lastWriteMs * 10));
    },
    /** Write now, synchronously as far as the storage allows (page hide). */
    writeNow,
    cancel() {
      cancel?.();
      cancel = undefined;
    },
  };
};

/**
 * Reads a stored queue, tolerating junk: anything that is not an array of events is ignored.
 * @example
 * const events = await readStored(storage, 'AMP_unsent_0123456789');
 */
export const readStored = async (storage: StorageProvider | undefined, key: string): Promise<Event[]> => {
  if (!storage) return [];
  try {
    const value = await storage.get(key);
    return Array.isArray(value) ? value.filter((e) => e && typeof e === 'object' && typeof (e as Event).event_type === 'string') : [];
  } catch {
    return [];
  }
};
