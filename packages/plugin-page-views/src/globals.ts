// The only module of this package that reads `window` and `document`. Everything else gets them passed in,
// so importing the package during server-side rendering touches nothing.
import type { Config, Storage } from '@footprint/core';

/** What the plugins need from the page. */
export interface Host {
  win: Window & typeof globalThis;
  doc: Document;
}

/** The page's window and document, or `undefined` outside a browser (SSR, workers). */
export const getHost = (): Host | undefined =>
  typeof window !== 'undefined' && typeof document !== 'undefined' ? { win: window as Host['win'], doc: document } : undefined;

/** Where the plugins keep their per-tab records: the part of core's `Storage` they use. */
export type TabStore = Pick<Storage<unknown>, 'get' | 'set' | 'remove'>;

/**
 * `sessionStorage` or `localStorage` as a core `Storage` of JSON values (the anchor's format), or
 * `undefined` when it can't be used (blocked third-party frames, some privacy modes). Never rejects: a
 * full or blocked storage resolves `undefined`. `reset` removes only what this store wrote, since the
 * storage is shared with the host page.
 * @example
 * const store = webStore<Campaign>(window, 'localStorage') ?? memoryStorage<Campaign>();
 */
export const webStore = <T>(win: Window, name: 'localStorage' | 'sessionStorage'): Storage<T> | undefined => {
  let s: globalThis.Storage;
  try {
    s = win[name];
    s.setItem('AMP_TEST', '1');
    s.removeItem('AMP_TEST');
  } catch {
    return undefined;
  }
  const written = new Set<string>();
  // Runs `fn` now; a full or blocked storage resolves `undefined`.
  const attempt = <R>(fn: () => R) => new Promise<R>((resolve) => resolve(fn())).catch(() => undefined);
  return {
    isEnabled: async () => true,
    get: (key) => attempt(() => JSON.parse(s.getItem(key) ?? 'null') ?? undefined),
    getRaw: (key) => attempt(() => s.getItem(key) ?? undefined),
    set: (key, value) =>
      attempt(() => {
        written.add(key);
        s.setItem(key, JSON.stringify(value));
      }),
    remove: (key) =>
      attempt(() => {
        written.delete(key);
        s.removeItem(key);
      }),
    reset: () =>
      attempt(() => {
        for (const key of written) s.removeItem(key);
        written.clear();
      }),
  };
};

/**
 * The client's per-tab storage (`config.tabStorage`: the browser client's, held in memory until consent
 * is granted), else the tab's sessionStorage, probed only then (`undefined` when it can't be used:
 * callers then keep their state in memory only).
 * @example
 * const store = tabStore(config, window);
 */
export const tabStore = (config: Pick<Config, 'tabStorage'>, win: Window): TabStore | undefined =>
  config.tabStorage ?? webStore(win, 'sessionStorage');

/** `setTimeout` that returns its own cancel. */
export const later = (win: Window, fn: () => void, ms: number): (() => void) => {
  const id = win.setTimeout(fn, ms);
  return () => win.clearTimeout(id);
};
