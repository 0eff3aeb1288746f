// The only module of this package that touches `window`/`document`. Everything else gets them passed in.
// Zone.js (Angular) patches timers, observers and addEventListener; calling the patched versions from
// autocapture drives change detection on every click (docs/differences.md §C.13), so we prefer the originals it keeps.

/** What the plugins need from the page. */
export interface Host {
  win: Window & typeof globalThis;
  doc: Document;
}

/** The page's window and document, or `undefined` outside a browser (SSR, workers). */
export const getHost = (): Host | undefined =>
  typeof window !== 'undefined' && typeof document !== 'undefined' ? { win: window as Host['win'], doc: document } : undefined;

const unpatched = <T>(owner: any, name: string): T => owner[`__zone_symbol__${name}`] ?? owner[name];

/** Adds a passive capture-phase listener that swallows its own errors; returns the undo. */
export const listen = (
  target: EventTarget,
  type: string,
  handler: (e: any) => void,
  onError: (e: unknown) => void,
): (() => void) => {
  const safe = (e: Event) => {
    try {
      handler(e);
    } catch (err) {
      onError(err);
    }
  };
  const opts = { capture: true, passive: true };
  const add = unpatched<EventTarget['addEventListener']>(target, 'addEventListener');
  const remove = unpatched<EventTarget['removeEventListener']>(target, 'removeEventListener');
  add.call(target, type, safe, opts);
  return () => remove.call(target, type, safe, opts);
};

/** `setTimeout` that returns its own cancel. */
export const later = (win: Window, fn: () => void, ms: number): (() => void) => {
  const set = unpatched<typeof setTimeout>(win, 'setTimeout');
  const clear = unpatched<typeof clearTimeout>(win, 'clearTimeout');
  const id = set.call(win, fn, ms);
  return () => clear.call(win, id);
};

/**
 * A scheduler: `(fn) => cancel` runs `fn` when the browser is idle (at most `timeout` ms later), or on a
 * timer where `requestIdleCallback` is missing. The functions are looked up once, not per call.
 */
export const idleScheduler = (win: Window, timeout = 1000) => {
  const ric = unpatched<Window['requestIdleCallback'] | undefined>(win, 'requestIdleCallback');
  const cancel = unpatched<Window['cancelIdleCallback']>(win, 'cancelIdleCallback');
  return (fn: () => void): (() => void) => {
    if (typeof ric !== 'function') return later(win, fn, 1);
    const id = ric.call(win, fn, { timeout });
    return () => cancel.call(win, id);
  };
};

/** A MutationObserver constructor not wrapped by zone.js. */
export const observerCtor = (win: Window): typeof MutationObserver | undefined => unpatched(win, 'MutationObserver');
