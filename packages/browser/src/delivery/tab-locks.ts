// Cross-tab locks for tab slots (docs/differences.md §C.5; design in packages/browser/DELIVERY.md).
import type { TabLocks } from '@footprint/core';

/** The part of the Web Locks API we use. */
export interface LockManagerLike {
  request(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<void> | null): Promise<unknown>;
  query?(): Promise<{ held?: Array<{ name?: string }> }>;
}

/**
 * Web Locks: a lock is freed when its tab releases it or goes away, crash included.
 * @example
 * const locks = webLocks(navigator.locks);
 */
export const webLocks = (manager: LockManagerLike): TabLocks => ({
  tryHold: (name) =>
    new Promise((resolve) => {
      manager
        .request(name, { ifAvailable: true }, (lock) => {
          if (!lock) {
            resolve(undefined);
            return null;
          }
          return new Promise<void>((release) => resolve(() => release()));
        })
        .catch(() => resolve(undefined));
    }),
  held: async () => ((await manager.query?.())?.held ?? []).map((lock) => lock.name ?? ''),
});

/** How long a lease lives without a heartbeat, and how often the holder renews it. */
export const LEASE_MS = 6000;
const HEARTBEAT_MS = 2000;

/** A lease's key is its lock name with this suffix; its value is `<tab id> <expiry>`. */
const LEASE = ':lease';
const lease = (s: Storage, key: string) => (s.getItem(key) ?? '').split(' ');

/**
 * Fallback where Web Locks are missing: a lease in localStorage (`<name>` → `<tab id> <expiry>`) renewed by
 * a heartbeat; a lease past its expiry belongs to a tab that is gone.
 * @example
 * const locks = leaseLocks(() => localStorage, crypto.randomUUID());
 */
export const leaseLocks = (area: () => Storage | undefined, tabId: string, now: () => number = Date.now): TabLocks => ({
  async tryHold(name) {
    const s = area();
    if (!s) return () => {};
    const key = `${name}${LEASE}`;
    const read = () => lease(s, key);
    const [owner, expiry] = read();
    if (owner && owner !== tabId && Number(expiry) > now()) return undefined;
    const renew = () => s.setItem(key, `${tabId} ${now() + LEASE_MS}`);
    try {
      renew();
    } catch {
      return undefined;
    }
    if (read()[0] !== tabId) return undefined;
    const timer = setInterval(() => {
      try {
        renew();
      } catch {
        // storage full: the lease may lapse and another tab adopt our queue (some events may then go twice).
      }
    }, HEARTBEAT_MS);
    return () => {
      clearInterval(timer);
      if (read()[0] === tabId) s.removeItem(key);
    };
  },
  async held() {
    const s = area();
    const names: string[] = [];
    for (let i = 0; s && i < s.length; i++) {
      const key = s.key(i) ?? '';
      if (key.endsWith(LEASE) && Number(lease(s, key)[1]) > now()) names.push(key.slice(0, -LEASE.length));
    }
    return names;
  },
});
