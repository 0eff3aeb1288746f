// The only module of this package that touches `window`/`document`/`performance`; the plugin gets them passed in.

/** What the plugin needs from the page. */
export interface Host {
  win: Window;
  loc: Location;
  doc: Document;
  /** `performance.timeOrigin`: when navigation started, in ms since the epoch. */
  timeOrigin: number;
}

/** The page, or `undefined` outside a browser (SSR, workers). */
export const getHost = (): Host | undefined =>
  typeof window !== 'undefined' && typeof document !== 'undefined'
    ? { win: window, loc: window.location, doc: document, timeOrigin: window.performance?.timeOrigin ?? Date.now() }
    : undefined;

/**
 * Adds a capture-phase listener whose errors go to `onError`, never to the page; returns the undo.
 * @example const off = listen(document, 'visibilitychange', onHide, log.error)
 */
export const listen = (target: EventTarget, type: string, handler: () => void, onError: (e: unknown) => void) => {
  const safe = () => {
    try {
      handler();
    } catch (err) {
      onError(err);
    }
  };
  target.addEventListener(type, safe, true);
  return () => target.removeEventListener(type, safe, true);
};
