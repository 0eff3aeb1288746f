import type { Event } from '../types';
import type { StorageProvider } from './options';

/**
 * A `storageProvider` that keeps unsent events in memory (lost on reload): for Node, workers and tests.
 * @example
 * init('API_KEY', { storageProvider: memoryStorage() });
 */
export const memoryEventStorage = (map: Map<string, string> = new Map()): StorageProvider & { map: Map<string, string> } => ({
  map,
  isEnabled: async () => true,
  get: async (key) => {
    const raw = map.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as Event[]);
  },
  getRaw: async (key) => map.get(key),
  set: async (key, value) => void map.set(key, JSON.stringify(value)),
  setRaw: async (key, json) => void map.set(key, json),
  remove: async (key) => void map.delete(key),
  reset: async () => map.clear(),
});
