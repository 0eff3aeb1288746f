// The one module of this package that touches the page's globals: analytics.js's storage (the
// `ajs_*` cookies and localStorage keys), the current page context, and random ids. Everything runs
// inside a call, never at import time (server-side rendering imports this package).
// Formats: docs/segment.md "Storage".
import type { BufferedPageContext, Dict } from './arguments';

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/** Whether this runs in a page (not during server-side rendering or in a worker). */
const inPage = () => typeof document !== 'undefined' && typeof location !== 'undefined';

const readCookie = (name: string): string | undefined => {
  if (!inPage()) return undefined;
  for (const part of document.cookie.split(';')) {
    const i = part.indexOf('=');
    if (part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return part.slice(i + 1).trim();
      }
    }
  }
  return undefined;
};

/** analytics.js stores values JSON-encoded; analytics-next writes a plain string to the cookie. Both are read. */
const decode = (raw: string | null | undefined): unknown => {
  if (raw === null || raw === undefined || raw === '') return undefined;
  try {
    return JSON.parse(raw) ?? undefined;
  } catch {
    return raw;
  }
};

const local = (): Storage | undefined => {
  try {
    return inPage() ? window.localStorage : undefined;
  } catch {
    return undefined;
  }
};

let cookieDomain: string | undefined | null = null;
/** The widest domain this page may set cookies on (`example.com` from `www.example.com`), as analytics.js does; none for `localhost` or an IP. */
const topDomain = (): string | undefined => {
  if (cookieDomain !== null) return cookieDomain;
  cookieDomain = undefined;
  const host = location.hostname;
  const parts = host.split('.');
  if (parts.length < 2 || /^[\d.]+$/.test(host) || host.includes(':')) return cookieDomain;
  for (let i = parts.length - 2; i >= 0; i--) {
    const domain = parts.slice(i).join('.');
    document.cookie = `__tld__=1; domain=${domain}; path=/`;
    if (readCookie('__tld__')) {
      document.cookie = `__tld__=; domain=${domain}; path=/; max-age=0`;
      return (cookieDomain = domain);
    }
  }
  return cookieDomain;
};

const writeCookie = (name: string, value: string, maxAge: number) => {
  if (!inPage()) return;
  const domain = topDomain();
  document.cookie =
    `${name}=${value}; path=/; max-age=${maxAge}; SameSite=Lax` + (domain ? `; domain=${domain}` : '') + (location.protocol === 'https:' ? '; Secure' : '');
};

/** A stored analytics.js value: the cookie first, then localStorage (where analytics.js keeps a copy). */
export const readStored = (key: string): unknown => decode(readCookie(key)) ?? decode(local()?.getItem(key));

/** Stores a value JSON-encoded in localStorage and, when `cookie`, in a first-party cookie for a year. */
export const writeStored = (key: string, value: unknown, cookie: boolean): void => {
  const json = JSON.stringify(value);
  if (cookie) writeCookie(key, encodeURIComponent(json), YEAR_SECONDS);
  try {
    local()?.setItem(key, json);
  } catch {
    // storage full or blocked: the cookie (or memory) still holds it
  }
};

export const removeStored = (key: string): void => {
  if (readCookie(key) !== undefined) writeCookie(key, '', 0);
  try {
    local()?.removeItem(key);
  } catch {
    // blocked storage: nothing was stored there
  }
};

/** A random UUID v4. */
export const uuid = (): string => {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/** The page properties analytics.js adds to `page()`: from the snippet's buffered context when the call was queued, else from the page now. */
export const pageContext = (buffered?: BufferedPageContext): Dict => {
  if (!buffered && !inPage()) return {};
  const link = document.querySelector("link[rel='canonical']");
  const ctx = buffered ?? {
    c: (link && link.getAttribute('href')) || undefined,
    p: location.pathname,
    u: location.href,
    s: location.search,
    t: document.title,
    r: document.referrer,
  };
  let path = ctx.p;
  let url = ctx.u.split('#')[0];
  if (ctx.c) {
    try {
      path = new URL(ctx.c).pathname;
    } catch {
      path = ctx.c[0] === '/' ? ctx.c : `/${ctx.c}`;
    }
    url = ctx.c.includes('?') ? ctx.c : ctx.c + ctx.s;
  }
  return { path, referrer: ctx.r, search: ctx.s, title: ctx.t, url };
};
