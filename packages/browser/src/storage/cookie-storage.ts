import type { CookieOptions, Storage } from '@footprint/core';
import { decodeCookieValue, encodeCookieValue, readCookies, serializeCookie, type CookieAttributes } from './cookie-codec';
import { candidateDomains, discoverCookieDomain, sameDomain, type CookieJar } from './cookie-domain';

/** What {@link cookieStorage} needs from the page; the browser layer passes `document` and `location`. */
export interface CookieStorageOptions {
  /** `document`, or anything with a `cookie` string property that behaves like it. */
  jar: CookieJar;
  /** `location.hostname`: where the cookie domain is discovered. */
  hostname: string;
  cookieOptions?: CookieOptions;
  /** Longest delay, in ms, before a change that only moves counters (`lastEventTime`, `lastEventId`, `pageCounter`) is written. @default 1000 */
  writeDelay?: number;
  /** Subscribes to the page being hidden or unloaded, so delayed writes land first; returns the unsubscribe. */
  onHide?: (listener: () => void) => () => void;
}

/** Fields that change with every event; a change to only these may wait for a batched write. */
const COUNTERS = ['lastEventTime', 'lastEventId', 'pageCounter'];

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSession = (v: unknown): v is Json => isRecord(v) && ('deviceId' in v || 'optOut' in v);
const onlyCountersDiffer = (a: unknown, b: unknown): boolean => {
  if (!isRecord(a) || !isRecord(b)) return false;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) if (!COUNTERS.includes(k) && a[k] !== b[k]) return false;
  return true;
};

/**
 * Picks one value when a cookie name appears several times (set on `.example.com` and `sub.example.com`,
 * docs/differences.md §C.11): the most recently used identity (largest `lastEventTime`) wins, then the one written for
 * `domain`, then the browser's first.
 * @example
 * pickDuplicate([older, newer], '.example.com'); // newer
 */
export const pickDuplicate = <T>(values: T[], domain: string | undefined): T | undefined => {
  let best: T | undefined;
  let bestScore = -Infinity;
  for (const v of values) {
    const time = isRecord(v) && typeof v.lastEventTime === 'number' ? v.lastEventTime : 0;
    const score = time * 2 + (isRecord(v) && sameDomain(v.cookieDomain, domain) ? 1 : 0);
    if (score > bestScore) [best, bestScore] = [v, score];
  }
  return best;
};

/**
 * Identity storage in first-party cookies, named and encoded as the anchor SDK does (docs/protocol.md §A.6), so a
 * site switching SDKs keeps its users. Reads `document.cookie` once per key and keeps an in-memory copy;
 * writes through, batching changes that only move counters (at most one write per `writeDelay`, and at
 * once when the page hides). Reading never writes: the domain probe, duplicate clean-up and the first
 * write all wait for the first `set`, so nothing is stored before the SDK is allowed to store.
 * @example
 * const s = cookieStorage<UserSession>({ jar: document, hostname: location.hostname, cookieOptions: { secure: true } });
 * await s.set('AMP_a2dbce0e18', { deviceId: 'd-1', optOut: false });
 */
export const cookieStorage = <T>(options: CookieStorageOptions) => {
  const { jar, hostname, cookieOptions = {}, writeDelay = 1000, onHide } = options;
  const cache = new Map<string, T | undefined>();
  const written = new Map<string, unknown>(); // last value actually in the jar, per key
  const duplicated = new Set<string>(); // keys seen more than once; cleaned up on their next write
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe: (() => void) | undefined;
  let domain: string | undefined = cookieOptions.domain;

  const cookieDomain = () => (domain ??= discoverCookieDomain(jar, hostname));
  const attrs = (expirationDays: number): CookieAttributes => ({
    domain: cookieDomain(),
    expirationDays,
    sameSite: cookieOptions.sameSite,
    secure: cookieOptions.secure,
  });
  const expire = (key: string, at: string) => {
    jar.cookie = serializeCookie(key, '', { ...attrs(-1), domain: at });
  };

  const write = (key: string) => {
    pending.delete(key);
    const value = cache.get(key);
    if (duplicated.delete(key)) {
      // One cookie per name: drop the copies on other scopes before writing ours.
      for (const d of ['', ...candidateDomains(hostname).map((c) => `.${c}`)]) if (!sameDomain(d, cookieDomain())) expire(key, d);
    }
    if (value === undefined) {
      expire(key, cookieDomain());
      written.delete(key);
      return;
    }
    const stored = isSession(value) ? { ...value, cookieDomain: cookieDomain() } : value;
    const encoded = encodeCookieValue(stored);
    jar.cookie = serializeCookie(key, encoded, attrs(cookieOptions.expiration ?? 365));
    const first = !written.has(key);
    written.set(key, value);
    // Verify the first write of each key only: later ones would cost a cookie read per event.
    if (first && !readCookies(jar.cookie, key).includes(encoded)) {
      written.delete(key);
      throw new Error(`cookie ${key} was refused`);
    }
  };

  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    unsubscribe?.();
    unsubscribe = undefined;
    for (const key of [...pending]) {
      try {
        write(key);
      } catch {
        // the next set() of this key reports it
      }
    }
  };

  const storage: Storage<T> & { flush(): void; domain(): string } = {
    async isEnabled() {
      const probe = 'AMP_TEST';
      const value = String(Date.now());
      try {
        jar.cookie = serializeCookie(probe, value, { expirationDays: 1 });
        const ok = readCookies(jar.cookie, probe).includes(value);
        jar.cookie = serializeCookie(probe, '', { expirationDays: -1 });
        return ok;
      } catch {
        return false;
      }
    },
    async get(key) {
      if (cache.has(key)) return cache.get(key);
      const values = readCookies(jar.cookie, key)
        .map((raw) => decodeCookieValue<T>(raw))
        .filter((v): v is T => v !== undefined);
      if (values.length > 1) duplicated.add(key);
      const value = pickDuplicate(values, domain);
      cache.set(key, value);
      if (value !== undefined) written.set(key, value);
      return value;
    },
    async set(key, value) {
      cache.set(key, value);
      if (written.has(key) && JSON.stringify(written.get(key)) === JSON.stringify(value)) return;
      if (written.has(key) && onlyCountersDiffer(written.get(key), value) && !duplicated.has(key)) {
        pending.add(key);
        if (timer === undefined) timer = setTimeout(flush, writeDelay);
        if (!unsubscribe && onHide) unsubscribe = onHide(flush);
        return;
      }
      write(key);
    },
    async remove(key) {
      cache.set(key, undefined);
      write(key);
    },
    async reset() {
      for (const key of [...cache.keys()]) await storage.remove(key);
    },
    flush,
    domain: cookieDomain,
  };
  return storage;
};

/** A cookie storage (what {@link cookieStorage} returns). */
export type CookieStorage<T> = ReturnType<typeof cookieStorage<T>>;
