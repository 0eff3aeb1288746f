// Web storage (localStorage, sessionStorage) for plugins, in the anchor's JSON format. The storage is
// shared with the host page: nothing here throws into it, and `reset` removes only what a store wrote.
import type { Config, Storage } from '@footprint/core';

/** Where the plugins keep their per-tab records: the part of core's `Storage` they use. */
export type TabStore = Pick<Storage<unknown>, 'get' | 'set' | 'remove'>;

/**
 * `win.localStorage` or `win.sessionStorage`, or `undefined` where it is missing or its getter throws
 * (sandboxed iframes, some privacy modes). Not probed: a full storage still throws on `setItem`.
 * @example
 * storageArea(window, 'localStorage')?.getItem('AMP_remote_config');
 */
export const storageArea = (win: Window, name: 'localStorage' | 'sessionStorage'): globalThis.Storage | undefined => {
  try {
    return win[name] ?? undefined;
  } catch {
    return undefined;
  }
};

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
