// The only module of this package that touches `window`/`document`; the plugins get them passed in.

/** What the plugins need from the page. */
export interface Host {
  win: Window;
  doc: Document;
}

/** The page's window and document, or `undefined` outside a browser (SSR, workers). */
export const getHost = (): Host | undefined =>
  typeof window !== 'undefined' && typeof document !== 'undefined' ? { win: window, doc: document } : undefined;

/**
 * Adds a passive capture-phase listener whose errors go to `onError`, never to the page; returns the undo.
 * Capture phase on the document sees every form and link, including ones added later and ones whose
 * own handlers call `stopPropagation()`, without a MutationObserver.
 */
export const listen = <E extends Event>(target: EventTarget, type: string, handler: (e: E) => void, onError: (e: unknown) => void) => {
  const safe = (e: Event) => {
    try {
      handler(e as E);
    } catch (err) {
      onError(err);
    }
  };
  const opts = { capture: true, passive: true };
  target.addEventListener(type, safe, opts);
  return () => target.removeEventListener(type, safe, opts);
};

/** The element an event started at, looking inside open shadow roots. */
export const eventElement = (e: Event): Element | null => {
  const t = (e.composedPath?.()[0] ?? e.target) as Node | null;
  return t && t.nodeType === 1 ? (t as Element) : null;
};
