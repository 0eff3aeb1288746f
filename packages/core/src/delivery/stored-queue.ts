// A stored queue's layout in storage (docs/delivery.md "Durable queue"): the keys of its segments, its
// index and its closed mark, and reading or removing a whole stored queue. The persister writes it.
import type { Event } from '../types';
import type { StorageProvider } from './options';

export const segmentKey = (key: string, n: number) => (n === 0 ? key : `${key}:${n}`);
export const indexKey = (key: string) => `${key}:index`;
/**
 * Written last when a tab gives its slot up. Another tab's copy of localStorage may lag behind the writes
 * of a tab that just closed; once this key shows, everything written before it shows too, so the queue
 * is read as it was left (docs/delivery.md "Tabs").
 */
export const closedKey = (key: string) => `${key}:closed`;

const readJson = async (storage: StorageProvider, key: string): Promise<unknown> => {
  try {
    return await storage.get(key);
  } catch {
    return undefined;
  }
};

/**
 * Reads a stored queue, tolerating junk: anything that is not an array of events is ignored.
 * @example
 * const { events, segments } = await readStored(storage, 'AMP_unsent_0123456789');
 */
export const readStored = async (storage: StorageProvider | undefined, key: string): Promise<{ events: Event[]; segments: number[] }> => {
  if (!storage) return { events: [], segments: [] };
  // Segment numbers in queue order; a plain anchor-style array is segment 0 alone.
  const index = await readJson(storage, indexKey(key));
  const segments = Array.isArray(index) ? (index as number[]) : [0];
  const events: Event[] = [];
  for (const n of segments) {
    const value = await readJson(storage, segmentKey(key, n));
    if (Array.isArray(value)) for (const e of value) if (e && typeof e === 'object' && typeof (e as Event).event_type === 'string') events.push(e as Event);
  }
  return { events, segments };
};

/**
 * Removes a stored queue with all its segments.
 * @example
 * await removeStored(storage, 'AMP_unsent_0123456789_1', segments);
 */
export const removeStored = async (storage: StorageProvider | undefined, key: string, segments: number[]) => {
  if (!storage) return;
  await storage.remove(indexKey(key));
  for (const n of [0, ...segments]) await storage.remove(segmentKey(key, n));
  await storage.remove(closedKey(key));
};
