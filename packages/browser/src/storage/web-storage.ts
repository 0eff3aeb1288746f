import type { Storage } from '@footprint/core';

/** The part of the Web Storage API (`localStorage`, `sessionStorage`) this adapter uses. */
export type WebStorageArea = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * A {@link Storage} over `localStorage` or `sessionStorage`, values kept as JSON under the same keys the
 * anchor SDK uses (`AMP_<apiKey first 10>`). `area` is called on each use, because merely reading
 * `window.localStorage` throws in some sandboxed iframes and privacy modes; such errors make
 * `isEnabled()` false and reads empty, and never reach the page.
 * @example
 * const s = webStorage<UserSession>(() => window.localStorage);
 * if (await s.isEnabled()) await s.set('AMP_a2dbce0e18', { deviceId: 'd-1', optOut: false });
 */
export const webStorage = <T>(area: () => WebStorageArea | undefined): Storage<T> => {
  const keys = new Set<string>();
  const storage: Storage<T> = {
    async isEnabled() {
      try {
        const s = area();
        if (!s) return false;
        const probe = `AMP_TEST_${Date.now()}`;
        s.setItem(probe, probe);
        const ok = s.getItem(probe) === probe;
        s.removeItem(probe);
        return ok;
      } catch {
        return false;
      }
    },
    async get(key) {
      const raw = await storage.getRaw!(key);
      if (raw === undefined) return undefined;
      try {
        return JSON.parse(raw) as T;
      } catch {
        return undefined;
      }
    },
    async getRaw(key) {
      try {
        return area()?.getItem(key) ?? undefined;
      } catch {
        return undefined;
      }
    },
    async set(key, value) {
      keys.add(key);
      area()?.setItem(key, JSON.stringify(value)); // a quota error reaches the caller, which logs it
    },
    async remove(key) {
      keys.delete(key);
      try {
        area()?.removeItem(key);
      } catch {
        // nothing to remove where storage is unavailable
      }
    },
    async reset() {
      for (const key of [...keys]) await storage.remove(key);
    },
  };
  return storage;
};
