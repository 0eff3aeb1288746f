// localStorage as the unsent-event store (docs/protocol.md §A.6: `AMP_unsent_<key10>` holds a JSON array of events).
import type { Event, StorageProvider } from '@footprint/core';

/**
 * A `storageProvider` over a Web Storage area. Writes happen synchronously inside the call (so they are
 * safe from `pagehide`); a full storage rejects with the browser's `QuotaExceededError`.
 * @example
 * init('API_KEY', { storageProvider: localStorageProvider(() => window.localStorage) });
 */
export const localStorageProvider = (area: () => Storage | undefined): StorageProvider => {
  // Throws at once (not a rejected promise) when the storage is full, so the engine stops writing there and
  // keeps the rest in memory (docs/delivery.md "Durable queue").
  const write = (key: string, json: string) => {
    const s = area();
    if (!s) throw new Error('localStorage is not available');
    s.setItem(key, json);
    return Promise.resolve();
  };
  return {
    async isEnabled() {
      try {
        const s = area();
        if (!s) return false;
        const probe = 'AMP_unsent_probe';
        s.setItem(probe, '1');
        s.removeItem(probe);
        return true;
      } catch {
        return false;
      }
    },
    async get(key) {
      try {
        const raw = area()?.getItem(key);
        return raw ? (JSON.parse(raw) as Event[]) : undefined;
      } catch {
        return undefined;
      }
    },
    async getRaw(key) {
      return area()?.getItem(key) ?? undefined;
    },
    set: async (key, value) => write(key, JSON.stringify(value)),
    setRaw: write,
    async remove(key) {
      area()?.removeItem(key);
    },
    async reset() {
      const s = area();
      if (!s) return;
      const keys = Array.from({ length: s.length }, (_, i) => s.key(i)).filter((k): k is string => !!k && k.startsWith('AMP_unsent_'));
      keys.forEach((k) => s.removeItem(k));
    },
  };
};
