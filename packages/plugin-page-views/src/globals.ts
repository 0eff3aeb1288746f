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
 * The tab's sessionStorage as a {@link TabStore} of JSON values, or `undefined` when it can't be used
 * (blocked third-party frames, some privacy modes): callers then keep their state in memory only.
 * Used only when the client offers no `config.tabStorage` (a bare core client).
 */
export const sessionStore = (win: Window): TabStore | undefined => {
  let s: globalThis.Storage;
  try {
    s = win.sessionStorage;
    s.setItem('AMP_TEST', '1');
    s.removeItem('AMP_TEST');
  } catch {
    return undefined;
  }
  const attempt = <R>(fn: () => R): Promise<R | undefined> => {
    try {
      return Promise.resolve(fn());
    } catch {
      // quota or blocked: the in-memory state still works for this page
      return Promise.resolve(undefined);
    }
  };
  return {
    get: (key) => attempt(() => JSON.parse(s.getItem(key) ?? 'null') ?? undefined),
    set: async (key, value) => void (await attempt(() => s.setItem(key, JSON.stringify(value)))),
    remove: async (key) => void (await attempt(() => s.removeItem(key))),
  };
};

/**
 * The client's per-tab storage (`config.tabStorage`: the browser client's, held in memory until consent
 * is granted), else the tab's sessionStorage, probed only then.
 * @example
 * const store = tabStore(config, window);
 */
export const tabStore = (config: Pick<Config, 'tabStorage'>, win: Window): TabStore | undefined => config.tabStorage ?? sessionStore(win);

/** `setTimeout` that returns its own cancel. */
export const later = (win: Window, fn: () => void, ms: number): (() => void) => {
  const id = win.setTimeout(fn, ms);
  return () => win.clearTimeout(id);
};
