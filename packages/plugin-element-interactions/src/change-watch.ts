import { later, listen, observerCtor } from '@footprint/dom';

/**
 * Watches for a DOM change or a navigation during `ms` after an interaction, then calls
 * `done(changed)` once. The observer exists only while a watch is pending, so idle pages pay nothing.
 * Returns a cancel that stops the watch without calling `done`.
 */
export const watchForChange = (win: Window, doc: Document, ms: number, done: (changed: boolean) => void, onError: (e: unknown) => void) => {
  const href = win.location.href;
  let finished = false;
  const Observer = observerCtor(win);
  const observer = Observer ? new Observer(() => finish(true)) : undefined;
  observer?.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, characterData: true });
  const undos = ['pagehide', 'popstate', 'hashchange'].map((type) => listen(win, type, () => finish(true), onError));
  undos.push(later(win, () => finish(win.location.href !== href), ms));
  const stop = () => {
    finished = true;
    observer?.disconnect();
    undos.forEach((undo) => undo());
  };
  function finish(changed: boolean) {
    if (finished) return;
    stop();
    try {
      done(changed);
    } catch (e) {
      onError(e);
    }
  }
  return stop;
};
