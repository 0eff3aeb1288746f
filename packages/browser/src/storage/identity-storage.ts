import { memoryStorage, type CookieOptions, type IdentityStorageType, type Storage, type UserSession } from '@footprint/core';
import type { BrowserGlobals } from '../globals';
import { readCookies, serializeCookie } from './cookie-codec';
import { candidateDomains } from './cookie-domain';
import { cookieStorage } from './cookie-storage';
import { legacyCookieName, parseLegacyCookie } from './legacy-cookie';
import { webStorage } from './web-storage';

/** What {@link identityStorage} needs. */
export interface IdentityStorageOptions {
  /** The `identityStorage` option. @default 'cookie' */
  type?: IdentityStorageType;
  /** The project API key: names the legacy `amp_<first 6>` cookie that is migrated. */
  apiKey: string;
  cookieOptions?: CookieOptions;
  globals: Pick<BrowserGlobals, 'jar' | 'hostname' | 'localStorage' | 'sessionStorage' | 'onHide'>;
  /** Receives the one warning given when the chosen storage is unavailable. */
  warn: (message: string) => void;
}

type Candidate = { name: string; storage: Storage<any> };

/**
 * The identity storage `identityStorage` names, with fallbacks: cookies blocked → localStorage →
 * memory, and one warning that says which one is used. Which storage works is found out on the first
 * `isEnabled`/`set`/`remove` (probing writes a test value); `get` before that reads the chosen storage
 * without writing anything, which is what lets consent wait (see consent.ts).
 * With cookies, the maintenance SDK's `amp_<apiKey first 6>` cookie fills any field the `AMP_` cookie
 * lacks, and (unless `cookieOptions.upgrade` is false) is deleted on the first write.
 * @example
 * const s = identityStorage({ type: 'cookie', apiKey: 'a2dbce0e18dfe5f8e', globals: browserGlobals(), warn: console.warn });
 * const session = await s.get('AMP_a2dbce0e18');
 */
export const identityStorage = <T = UserSession>(options: IdentityStorageOptions) => {
  const { type = 'cookie', apiKey, cookieOptions = {}, globals, warn } = options;
  const { jar, hostname } = globals;
  const chain: Candidate[] = [];
  const cookies = jar && cookieStorage<T>({ jar, hostname, cookieOptions, onHide: globals.onHide });
  if (type === 'cookie' && cookies) chain.push({ name: 'cookies', storage: cookies });
  if (type === 'cookie' || type === 'localStorage') chain.push({ name: 'localStorage', storage: webStorage<T>(globals.localStorage) });
  if (type === 'sessionStorage') chain.push({ name: 'sessionStorage', storage: webStorage<T>(globals.sessionStorage) });
  chain.push({ name: 'memory', storage: memoryStorage<T>() });

  let chosen: Promise<Candidate> | undefined;
  /** The first usable storage from `from` on; warns once when it is not the one asked for. */
  const pick = async (from: number, why = 'is unavailable (blocked or disabled)') => {
    for (const c of chain.slice(from)) {
      if (await c.storage.isEnabled().catch(() => false)) {
        if (c !== chain[0]) warn(__DEV__ ? `identityStorage '${type}' ${why}; using ${c.name === 'memory' ? 'memory for this page only' : c.name}` : `E61 identityStorage '${type}' unusable: ${c.name} used`);
        return c;
      }
    }
    return chain[chain.length - 1]; // memory is always enabled
  };
  const resolve = () => (chosen ??= pick(0));

  const sessionPrefix = `AMP_${apiKey.slice(0, 10)}`;
  const isSessionKey = (key: string) => key === sessionPrefix || key.startsWith(`${sessionPrefix}_`);
  const legacyName = legacyCookieName(apiKey);
  let legacyFound = false;
  const legacy = (): Partial<UserSession> | undefined => {
    if (!cookies || type !== 'cookie' || !jar) return undefined;
    const raw = readCookies(jar.cookie, legacyName)[0];
    if (!raw) return undefined;
    legacyFound = true;
    return parseLegacyCookie(raw);
  };
  const dropLegacy = () => {
    if (!legacyFound || cookieOptions.upgrade === false || !jar) return;
    legacyFound = false;
    for (const d of ['', ...candidateDomains(hostname).map((c) => `.${c}`)]) jar.cookie = serializeCookie(legacyName, '', { domain: d, expirationDays: -1 });
  };

  /** Reads without probing or writing: from the storage asked for, or the fallback already chosen. */
  const peek = async (key: string): Promise<T | undefined> => {
    const c = chosen ? await chosen : chain[0];
    const value = await c.storage.get(key).catch(() => undefined);
    if (c.storage !== cookies || !isSessionKey(key)) return value;
    const old = legacy();
    return old ? ({ ...old, ...(value as object) } as T) : value;
  };

  const storage: Storage<T> & { peek(key: string): Promise<T | undefined>; kind(): Promise<string> } = {
    isEnabled: async () => !!(await resolve()),
    get: async (key) => {
      await resolve();
      return peek(key);
    },
    set: async (key, value) => {
      const c = await resolve();
      if (isSessionKey(key)) dropLegacy();
      try {
        await c.storage.set(key, value);
      } catch (e) {
        if (c.storage !== cookies) throw e;
        // Cookies work but this one was refused (e.g. SameSite=None without secure): move on, once.
        const next = (chosen = pick(chain.indexOf(c) + 1, `cookie ${key} was refused (check cookieOptions)`));
        await (await next).storage.set(key, value);
      }
    },
    remove: async (key) => {
      await (await resolve()).storage.remove(key);
    },
    reset: async () => {
      await (await resolve()).storage.reset();
    },
    peek,
    /** Which storage is in use: 'cookies', 'localStorage', 'sessionStorage' or 'memory'. */
    kind: async () => (await resolve()).name,
  };
  return storage;
};

/** An identity storage (what {@link identityStorage} returns). */
export type IdentityStorage<T = UserSession> = ReturnType<typeof identityStorage<T>>;
