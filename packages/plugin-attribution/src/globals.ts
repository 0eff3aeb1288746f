// The only module of this package that reads `window` and `document`. Everything else gets them passed in,
// so importing the package during server-side rendering touches nothing.
import { memoryStorage, type Storage } from '@footprint/core';
import { webStore } from '@footprint/plugin-page-views';

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
 * when localStorage can't be used. Never throws: a full or blocked storage is ignored; `reset` removes
 * only what this store wrote.
 * @example
 * await localStore<Campaign>(window).set('AMP_MKTG_0123456789', { utm_source: 'news' });
 */
export const localStore = <T>(win: Window): Storage<T> => webStore<T>(win, 'localStorage') ?? memoryStorage<T>();

/** `setTimeout` that returns its own cancel. */
export const later = (win: Window, fn: () => void, ms: number): (() => void) => {
  const id = win.setTimeout(fn, ms);
  return () => win.clearTimeout(id);
};
