// Zone.js (Angular) patches timers, observers and addEventListener; calling the patched versions from
// autocapture drives the app's change detection on every click (docs/differences.md §C.13), so the
// helpers here call the originals Zone.js keeps under `__zone_symbol__<name>` when there are any.

/**
 * Calls `owner[name](...args)` as it was before Zone.js patched it (`__zone_symbol__<name>`), or as it is
 * where there is no Zone.js.
 * @example
 * callUnpatched(window, 'setTimeout', fn, 0);
 */
export const callUnpatched = (owner: any, name: string, ...args: unknown[]) => (owner[`__zone_symbol__${name}`] ?? owner[name]).apply(owner, args);

/**
 * Adds a passive capture-phase listener whose errors go to `onError`, never to the page; returns the
 * undo. Capture phase on the document sees every element, including ones added later and ones whose
 * own handlers call `stopPropagation()`.
 * @example
 * const off = listen(document, 'click', (e: MouseEvent) => seen(e.target), log.error);
 */
export const listen = <E extends Event = Event>(target: EventTarget, type: string, handler: (e: E) => void, onError: (e: unknown) => void): (() => void) => {
  const safe = (e: Event) => {
    try {
      handler(e as E);
    } catch (err) {
      onError(err);
    }
  };
  const opts = { capture: true, passive: true };
  callUnpatched(target, 'addEventListener', type, safe, opts);
  return () => callUnpatched(target, 'removeEventListener', type, safe, opts);
};

/** The timers of a window, and the originals Zone.js keeps when it has patched them. */
type Timers = Pick<Window, 'setTimeout' | 'clearTimeout'> & { __zone_symbol__setTimeout?: Window['setTimeout']; __zone_symbol__clearTimeout?: Window['clearTimeout'] };

/**
 * `setTimeout` that returns its own cancel.
 * @example
 * const cancel = later(window, flush, 500);
 */
export const later = (win: Timers, fn: () => void, ms: number): (() => void) => {
  // Timers need no `this`: called alone, a window's timer runs on that window.
  const id = (win.__zone_symbol__setTimeout ?? win.setTimeout)(fn, ms);
  return () => (win.__zone_symbol__clearTimeout ?? win.clearTimeout)(id);
};
