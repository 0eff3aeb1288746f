/**
 * The identity cookie's value format (docs/protocol.md §A.6): `btoa(encodeURIComponent(JSON.stringify(value)))`.
 * Pure string functions: no `document`, so they run anywhere and are tested without a DOM.
 */

/**
 * Encodes a value the way the anchor SDK writes its `AMP_<key>` cookie.
 * @example
 * encodeCookieValue({ deviceId: 'd-1', optOut: false }); // 'JTdCJTIyZGV2aWNlSWQlMjIlM0El...'
 */
export const encodeCookieValue = (value: unknown): string => btoa(encodeURIComponent(JSON.stringify(value)));

const tryDecode = (raw: string): string | undefined => {
  try {
    return decodeURIComponent(atob(raw));
  } catch {
    return undefined;
  }
};

/**
 * Decodes a cookie value written by {@link encodeCookieValue}, or by a server that URL-encoded it once
 * more (Rails 7 writes `%3D` for `=`). Returns `undefined` for anything that is not such a value.
 * @example
 * decodeCookieValue(encodeCookieValue({ a: 1 })); // { a: 1 }
 * decodeCookieValue(encodeURIComponent(encodeCookieValue({ a: 1 }))); // { a: 1 }
 */
export const decodeCookieValue = <T = unknown>(raw: string | undefined): T | undefined => {
  if (!raw) return undefined;
  let text = tryDecode(raw);
  if (text === undefined) {
    try {
      text = tryDecode(decodeURIComponent(raw));
    } catch {
      // not URL-encoded either
    }
  }
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
};

/**
 * Every value of cookie `name` in a `document.cookie` string, in the browser's order (a name can appear
 * more than once when it is set on several domains or paths).
 * @example
 * readCookies('a=1; AMP_x=2; AMP_x=3', 'AMP_x'); // ['2', '3']
 */
export const readCookies = (cookieString: string, name: string): string[] => {
  const out: string[] = [];
  for (const part of cookieString.split(';')) {
    const pair = part.trim();
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq) === name) out.push(pair.slice(eq + 1));
  }
  return out;
};

/** Attributes of one cookie write. */
export interface CookieAttributes {
  /** `.example.com` to share with subdomains; empty or undefined for a host-only cookie. */
  domain?: string;
  /** Days until expiry; a negative number deletes the cookie; 0 or undefined makes a session cookie. */
  expirationDays?: number;
  /** @default 'Lax' */
  sameSite?: string;
  /** @default false */
  secure?: boolean;
}

/**
 * The string to assign to `document.cookie` to write (or, with `expirationDays < 0`, delete) a cookie.
 * @example
 * serializeCookie('AMP_x', 'v', { domain: '.example.com', expirationDays: 365 });
 * // 'AMP_x=v; expires=…; path=/; domain=.example.com; SameSite=Lax'
 */
export const serializeCookie = (name: string, value: string, attrs: CookieAttributes = {}, now = Date.now()): string => {
  let str = `${name}=${value}`;
  const days = attrs.expirationDays;
  if (days) str += `; expires=${new Date(days < 0 ? 0 : now + days * 864e5).toUTCString()}`;
  str += '; path=/';
  if (attrs.domain) str += `; domain=${attrs.domain}`;
  if (attrs.secure) str += '; Secure';
  str += `; SameSite=${attrs.sameSite || 'Lax'}`;
  return str;
};
