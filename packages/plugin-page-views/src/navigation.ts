/**
 * Calls `onChange` after every same-document navigation: `history.pushState` / `replaceState` (wrapped),
 * `popstate`, `hashchange`, and the Navigation API's `currententrychange` where the browser has it.
 * One navigation can arrive through several of these; callers de-duplicate by URL (USER-PAIN 10).
 * The wrappers return what the originals return and rethrow what they throw; `onChange` errors go to
 * `onError`, never to the page. The returned function undoes everything: `history` gets its original
 * methods back (unless another script wrapped over ours, whose wrapper is then left in place and ours
 * becomes a pass-through).
 * @example
 * const stop = watchNavigation(window, () => console.log(location.href), console.error);
 * stop();
 */
export const watchNavigation = (win: Window, onChange: () => void, onError: (e: unknown) => void): (() => void) => {
  let active = true;
  const undo: Array<() => void> = [];
  const notify = () => {
    if (!active) return;
    try {
      onChange();
    } catch (e) {
      onError(e);
    }
  };
  const history = win.history;
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
  return () => {
    active = false;
    for (const fn of undo.splice(0)) fn();
  };
};
