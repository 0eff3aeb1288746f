import { readCookies, serializeCookie } from './cookie-codec';

/**
 * Public suffixes of two labels that are common enough to skip without probing (a probe on them always
 * fails, and some browsers log each failure). The anchor skips the same kind of list (PROTOCOL §A.6).
 */
const TWO_LEVEL_SUFFIXES =
  'ac.in ac.jp ac.kr ac.th ac.uk ac.za appspot.com asn.au azurewebsites.net blogspot.com cloudfront.net co.ca co.in co.jp ' +
  'co.kr co.nz co.th co.uk co.za com.ar com.au com.br com.cn com.hk com.in com.jp com.kr com.mx com.pl com.sg com.tr com.tw ' +
  'ed.jp edu.au edu.br edu.cn edu.hk edu.sg edu.th edu.tr edu.tw firebaseapp.com fly.dev gc.ca geek.nz github.io gitlab.io ' +
  'go.jp go.kr go.th gob.ar gob.mx gov.au gov.br gov.cn gov.hk gov.in gov.pl gov.sg gov.tr gov.uk herokuapp.com myshopify.com ' +
  'ne.jp net.au net.br net.cn netlify.app ng.com or.jp or.kr org.au org.br org.cn org.uk pages.dev vercel.app';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * The domains a cookie could be shared on for `hostname`, shortest first: `a.b.example.com` →
 * `['example.com', 'b.example.com', 'a.b.example.com']`. Empty for single-label hosts (`localhost`) and
 * IP addresses, which only take host-only cookies.
 * @example
 * candidateDomains('shop.example.co.uk'); // ['example.co.uk', 'shop.example.co.uk']
 */
export const candidateDomains = (hostname: string): string[] => {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  const parts = host.split('.');
  if (parts.length < 2 || IPV4.test(host) || host.includes(':')) return [];
  const skip = TWO_LEVEL_SUFFIXES.split(' ').some((s) => host.endsWith(`.${s}`)) ? 2 : 1;
  const out: string[] = [];
  for (let i = parts.length - skip - 1; i >= 0; i--) out.push(parts.slice(i).join('.'));
  return out;
};

/** The part of `document` cookie code needs: a readable and writable `cookie` string. */
export interface CookieJar {
  cookie: string;
}

/**
 * Finds the widest domain this page may set cookies on, by writing an `AMP_TLDTEST` probe at each
 * candidate from the shortest up and deleting it again (PROTOCOL §A.6). Returns `.example.com`, or `''`
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
