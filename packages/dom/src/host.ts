// The one module of this package that reads the page's globals, and only when called: importing the
// package during server-side rendering touches nothing. Every other helper gets the window passed in.

/** What plugins need from the page. */
export interface Host {
  win: Window & typeof globalThis;
  doc: Document;
}

/**
 * The page's window and document, or `undefined` outside a browser (SSR, workers).
 * @example
 * const host = getHost();
 * if (host) listen(host.doc, 'click', onClick, log.error);
 */
export const getHost = (): Host | undefined =>
  typeof window !== 'undefined' && typeof document !== 'undefined' ? { win: window as Host['win'], doc: document } : undefined;

/** Whether `value` is an object record (not `null`, not an array): core's one definition, for plugins. */
export { isObject } from '@footprint/core';
