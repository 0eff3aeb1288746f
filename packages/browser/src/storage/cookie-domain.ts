import { readCookies, serializeCookie } from './cookie-codec';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * The domains a cookie could be shared on for `hostname`, shortest first: `a.b.example.com` →
 * `['example.com', 'b.example.com', 'a.b.example.com']`. Empty for single-label hosts (`localhost`) and
 * IP addresses, which only take host-only cookies. Public suffixes (`co.uk`, `github.io`) are listed
 * too: the browser refuses a cookie on them, so the probe in {@link discoverCookieDomain} moves on. (The
 * anchor skips a list of common ones to save that one refused write; we save the bytes instead.)
 * @example
 * candidateDomains('shop.example.co.uk'); // ['co.uk', 'example.co.uk', 'shop.example.co.uk']
 */
export const candidateDomains = (hostname: string): string[] => {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  const parts = host.split('.');
  if (parts.length < 2 || IPV4.test(host) || host.includes(':')) return [];
  const out: string[] = [];
  for (let i = parts.length - 2; i >= 0; i--) out.push(parts.slice(i).join('.'));
  return out;
};

/** The part of `document` cookie code needs: a readable and writable `cookie` string. */
export interface CookieJar {
  cookie: string;
}

/**
 * Finds the widest domain this page may set cookies on, by writing an `AMP_TLDTEST` probe at each
 * candidate from the shortest up and deleting it again (docs/protocol.md §A.6). Returns `.example.com`, or `''`
 * (host-only) when no domain accepts the probe.
 * @example
 * discoverCookieDomain(document, location.hostname); // '.example.com'
 */
export const discoverCookieDomain = (jar: CookieJar, hostname: string): string => {
  const probe = 'AMP_TLDTEST';
  for (const domain of candidateDomains(hostname)) {
    const value = String(Date.now());
    const attrs = { domain: `.${domain}` };
    try {
      jar.cookie = serializeCookie(probe, value, { ...attrs, expirationDays: 1 });
      const ok = readCookies(jar.cookie, probe).includes(value);
      jar.cookie = serializeCookie(probe, '', { ...attrs, expirationDays: -1 });
      if (ok) return `.${domain}`;
    } catch {
      // a jar that throws (sandboxed iframe, disabled cookies) accepts no domain
      return '';
    }
  }
  return '';
};

/**
 * Whether two cookie domains name the same scope (`.example.com` and `example.com` do; `''`, host-only,
 * only equals `''`; a missing domain equals nothing).
 * @example
 * sameDomain('.Example.com', 'example.com'); // true
 */
export const sameDomain = (a: unknown, b: unknown): boolean =>
  typeof a === 'string' && typeof b === 'string' && a.replace(/^\./, '').toLowerCase() === b.replace(/^\./, '').toLowerCase();
