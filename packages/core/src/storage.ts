import type { Storage } from './types';

/**
 * An in-memory {@link Storage}: the identity store when nothing persistent is configured
 * (`identityStorage: 'none'`, Node, workers). Each call makes an independent store.
 * @example
 * init('API_KEY', { cookieStorage: memoryStorage() });
 */
export const memoryStorage = <T>(): Storage<T> => {
  const map = new Map<string, T>();
  return {
    isEnabled: async () => true,
    get: async (key) => map.get(key),
    getRaw: async (key) => (map.has(key) ? JSON.stringify(map.get(key)) : undefined),
    set: async (key, value) => void map.set(key, value),
    remove: async (key) => void map.delete(key),
    reset: async () => map.clear(),
  };
};
