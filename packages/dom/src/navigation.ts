type Watcher = [onChange: () => void, onError: (e: unknown) => void];

// The watchers of each page, keyed by its `History`, with the undo of its one wrap: however many plugins
// and clients follow navigation, `history` is wrapped once and each listener added once. This is page
// state (a page has one history), not client state: every caller keeps its own watcher and undo.
const pages = new WeakMap<History, [watchers: Set<Watcher>, undo: Array<() => void>]>();

/**
 * Calls `onChange` after every same-document navigation: `history.pushState` / `replaceState` (wrapped),
 * `popstate`, `hashchange`, and the Navigation API's `currententrychange` where the browser has it.
 * One navigation can arrive through several of these; callers de-duplicate by URL (docs/differences.md §C.14).
 * The page is observed once for all callers (one wrap of `history`), notified in the order they came.
 * The wrappers return what the originals return and rethrow what they throw; `onChange` errors go to
 * `onError`, never to the page. The returned function stops this caller; the last one to stop undoes
 * everything: `history` gets its original methods back (unless another script wrapped over ours, whose
 * wrapper is then left in place and ours becomes a pass-through).
 * @example
 * const stop = watchNavigation(window, () => console.log(location.href), console.error);
 * stop();
 */
export const watchNavigation = (win: Window, onChange: () => void, onError: (e: unknown) => void): (() => void) => {
  const history = win.history;
  const page = pages.get(history) ?? observe(win);
  const [watchers, undo] = page;
  const watcher: Watcher = [onChange, onError];
  watchers.add(watcher);
  return () => {
    // The last watcher to stop undoes the wrap and the page is forgotten: a later watcher wraps afresh.
    if (!watchers.delete(watcher) || watchers.size) return;
    pages.delete(history);
    undo.forEach((fn) => fn());
  };
};

/** Wraps `history` and adds the listeners for one page, whose watchers it then notifies. */
const observe = (win: Window) => {
  const history = win.history;
  const watchers = new Set<Watcher>();
  const undo: Array<() => void> = [];
  const notify = () => {
    // A watcher that stops during this loop is skipped.
    for (const [change, error] of watchers) {
      try {
        change();
      } catch (e) {
        error(e);
      }
    }
  };
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = history[name];
    if (typeof original !== 'function') continue;
    const own = Object.prototype.hasOwnProperty.call(history, name);
    const wrapper = function (this: History, ...args: Parameters<History['pushState']>) {
      const out = original.apply(this, args);
      notify();
      return out;
    };
    history[name] = wrapper;
    undo.push(() => {
      if (history[name] !== wrapper) return;
      if (own) history[name] = original;
      else delete (history as Partial<History>)[name];
    });
  }
  const listen = (target: EventTarget | undefined, type: string) => {
    if (!target || typeof target.addEventListener !== 'function') return;
    // Capture phase: at the window, capture listeners run before the app's own (its router's), so the
    // navigation is seen before the app renders the new page.
    target.addEventListener(type, notify, true);
    undo.push(() => target.removeEventListener(type, notify, true));
  };
  listen(win, 'popstate');
  listen(win, 'hashchange');
  listen((win as Window & { navigation?: EventTarget }).navigation, 'currententrychange');
  const page: [Set<Watcher>, Array<() => void>] = [watchers, undo];
  pages.set(history, page);
  return page;
};
