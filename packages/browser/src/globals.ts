import type { CookieJar } from './storage/cookie-domain';
import type { WebStorageArea } from './storage/web-storage';

/**
 * Everything the browser layer's storage, consent, cross-domain and remote-config code reads from the
 * page, gathered in one place so those modules get it passed in (docs/architecture.md "Conventions": one module touches globals)
 * and tests pass fakes. Each member is read when called, never at import time, so importing the
 * package during server-side rendering touches nothing.
 */
export interface BrowserGlobals {
  /** Whether a DOM is present at all (false in Node, workers, SSR). */
  isBrowser: boolean;
  /** `document` as a cookie jar, when there is a document. */
  jar: CookieJar | undefined;
  /** `location.hostname`, or `''`. */
  hostname: string;
  /** `location.search`, read at call time. */
  search(): string;
  /** `location.href`, read at call time. */
  href(): string | undefined;
  localStorage(): WebStorageArea | undefined;
  sessionStorage(): WebStorageArea | undefined;
  /** Calls `listener` when the page is hidden or unloaded; returns the unsubscribe. */
  onHide(listener: () => void): () => void;
  /** The page's `fetch`, when there is one. */
  fetch: typeof fetch | undefined;
}

const area = (name: 'localStorage' | 'sessionStorage') => (): WebStorageArea | undefined => {
  try {
    return (globalThis as any)[name] ?? undefined; // the getter itself throws in sandboxed iframes
  } catch {
    return undefined;
  }
};

/**
 * Reads the page's globals at call time.
 * @example
 * const g = browserGlobals();
 * if (g.isBrowser) cookieStorage({ jar: g.jar!, hostname: g.hostname });
 */
export const browserGlobals = (): BrowserGlobals => {
  const w: any = typeof window === 'undefined' ? undefined : window;
  const doc: Document | undefined = w?.document;
  return {
    isBrowser: !!doc,
    jar: doc,
    hostname: w?.location?.hostname ?? '',
    search: () => (w?.location?.search as string | undefined) ?? '',
    href: () => w?.location?.href as string | undefined,
    localStorage: area('localStorage'),
    sessionStorage: area('sessionStorage'),
    onHide(listener) {
      if (!w || !doc) return () => {};
      const safe = () => {
        try {
          listener();
        } catch {
          // an SDK error never reaches the host page
        }
      };
      const onVisibility = () => doc.visibilityState === 'hidden' && safe();
      w.addEventListener('pagehide', safe);
      doc.addEventListener('visibilitychange', onVisibility);
      return () => {
        w.removeEventListener('pagehide', safe);
        doc.removeEventListener('visibilitychange', onVisibility);
      };
    },
    fetch: typeof w?.fetch === 'function' ? w.fetch.bind(w) : undefined,
  };
};
