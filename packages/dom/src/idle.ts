// Idle-time work and DOM observers, past Zone.js like the rest (see zone.ts). Apart from zone.ts so that
// bundles which load the plugins using these on demand load them with those plugins only.
import { callUnpatched, later } from './zone';

/**
 * A scheduler: `(fn) => cancel` runs `fn` when the browser is idle (at most `timeout` ms later), or on a
 * timer where `requestIdleCallback` is missing.
 * @example
 * const onIdle = idleScheduler(window);
 * onIdle(() => track('Clicked'));
 */
export const idleScheduler =
  (win: Window, timeout = 1000) =>
  (fn: () => void): (() => void) => {
    if (typeof win.requestIdleCallback !== 'function') return later(win, fn, 1);
    const id = callUnpatched(win, 'requestIdleCallback', fn, { timeout });
    return () => callUnpatched(win, 'cancelIdleCallback', id);
  };

/**
 * The page's `MutationObserver` constructor, not wrapped by Zone.js.
 * @example
 * const Observer = observerCtor(window);
 */
export const observerCtor = (win: Window): typeof MutationObserver | undefined => (win as any).__zone_symbol__MutationObserver ?? (win as Window & typeof globalThis).MutationObserver;
