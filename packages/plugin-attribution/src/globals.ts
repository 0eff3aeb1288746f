// The only module of this package that reads `window` and `document`. Everything else gets them passed in,
// so importing the package during server-side rendering touches nothing.
import { memoryStorage, type Storage } from '@footprint/core';

/** What the plugin needs from the page. */
export interface Host {
  win: Window & typeof globalThis;
  doc: Document;
}

/** The page's window and document, or `undefined` outside a browser (SSR, workers). */
export const getHost = (): Host | undefined =>
  typeof window !== 'undefined' && typeof document !== 'undefined' ? { win: window as Host['win'], doc: document } : undefined;

/**
 * localStorage as an async {@link Storage} of JSON values (the anchor's LocalStorage format), or memory
 * when localStorage can't be used. Never throws: a full or blocked storage is ignored.
 * @example
 * await localStore<Campaign>(window).set('AMP_MKTG_0123456789', { utm_source: 'news' });
 */
export const localStore = <T>(win: Window): Storage<T> => {
  let s: globalThis.Storage;
  try {
    s = win.localStorage;
    s.setItem('AMP_TEST', '1');
    s.removeItem('AMP_TEST');
  } catch {
    return memoryStorage<T>();
  }
  const written = new Set<string>();
  const attempt = <R>(fn: () => R): Promise<R | undefined> => {
    try {
      return Promise.resolve(fn());
    } catch {
      return Promise.resolve(undefined);
    }
  };
  return {
    isEnabled: async () => true,
    get: (key) => attempt(() => JSON.parse(s.getItem(key) ?? 'null') ?? undefined),
    getRaw: (key) => attempt(() => s.getItem(key) ?? undefined),
    set: async (key, value) => {
      await attempt(() => s.setItem(key, JSON.stringify(value)));
      written.add(key);
    },
    remove: async (key) => {
      await attempt(() => s.removeItem(key));
      written.delete(key);
    },
    // Only what this store wrote: localStorage is shared with the host page.
    reset: async () => {
      for (const key of written) await attempt(() => s.removeItem(key));
      written.clear();
    },
  };
};

/** `setTimeout` that returns its own cancel. */
export const later = (win: Window, fn: () => void, ms: number): (() => void) => {
  const id = win.setTimeout(fn, ms);
  return () => win.clearTimeout(id);
};
