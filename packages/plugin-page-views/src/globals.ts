// The only module of this package that reads `window` and `document`. Everything else gets them passed in,
// so importing the package during server-side rendering touches nothing.

/** What the plugins need from the page. */
export interface Host {
  win: Window & typeof globalThis;
  doc: Document;
}

/** The page's window and document, or `undefined` outside a browser (SSR, workers). */
export const getHost = (): Host | undefined =>
  typeof window !== 'undefined' && typeof document !== 'undefined' ? { win: window as Host['win'], doc: document } : undefined;

/** JSON values in one web storage area; every call is safe (a full or blocked storage is ignored). */
export interface JsonStore {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  remove(key: string): void;
}

/**
 * The tab's sessionStorage as a {@link JsonStore}, or `undefined` when it can't be used (blocked
 * third-party frames, some privacy modes): callers then keep their state in memory only.
 */
export const sessionStore = (win: Window): JsonStore | undefined => {
  let s: Storage;
  try {
    s = win.sessionStorage;
    s.setItem('AMP_TEST', '1');
    s.removeItem('AMP_TEST');
  } catch {
    return undefined;
  }
  return {
    get: (key) => {
      try {
        const raw = s.getItem(key);
        return raw ? JSON.parse(raw) : undefined;
      } catch {
        return undefined;
      }
    },
    set: (key, value) => {
      try {
        s.setItem(key, JSON.stringify(value));
      } catch {
        // quota or blocked: the in-memory state still works for this page
      }
    },
    remove: (key) => {
      try {
        s.removeItem(key);
      } catch {
        // nothing to undo
      }
    },
  };
};

/** `setTimeout` that returns its own cancel. */
export const later = (win: Window, fn: () => void, ms: number): (() => void) => {
  const id = win.setTimeout(fn, ms);
  return () => win.clearTimeout(id);
};
