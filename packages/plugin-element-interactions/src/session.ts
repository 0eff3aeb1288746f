import type { Config } from '@footprint/core';
import { watchForChange } from './change-watch';
import { listen, onIdle, type Host } from './globals';
import type { Frame } from './snapshot';

/** The part of the client a plugin uses. */
export interface Tracker {
  track(eventType: string, eventProperties?: Record<string, unknown>, eventOptions?: { time?: number }): unknown;
}

/**
 * Everything a DOM-watching plugin sets up, in one place, so `teardown` undoes all of it: listeners on
 * the page and on same-origin iframes, pending change watches, and the idle-time work queue.
 */
export const createSession = (host: Host, config: Config, name: string) => {
  const { win, doc } = host;
  const undos = new Set<() => void>();
  const queue: Array<() => void> = [];
  let cancelIdle: (() => void) | undefined;
  const onError = (e: unknown) => {
    try {
      config.loggerProvider?.error(`${name}:`, e);
    } catch {
      // A broken logger must not reach the host either.
    }
  };
  const keep = (undo: () => void) => {
    undos.add(undo);
    return () => {
      undos.delete(undo);
      undo();
    };
  };
  const drain = () => {
    cancelIdle?.();
    cancelIdle = undefined;
    for (const task of queue.splice(0)) {
      try {
        task();
      } catch (e) {
        onError(e);
      }
    }
  };
  // Work left for idle time still leaves when the page hides.
  keep(listen(win, 'pagehide', drain, onError));
  keep(listen(doc, 'visibilitychange', () => doc.visibilityState === 'hidden' && drain(), onError));

  return {
    win,
    doc,
    onError,
    warn: (msg: string) => config.loggerProvider?.warn(`${name}: ${msg}`),
    /** Runs `task` in idle time (or when the page hides). */
    defer(task: () => void) {
      queue.push(task);
      cancelIdle ??= onIdle(win, drain);
    },
    /** Adds a passive, capture-phase, error-swallowing listener, removed on teardown. */
    on(target: EventTarget, type: string, handler: (e: any) => void) {
      return keep(listen(target, type, handler, onError));
    },
    /** Calls `done(changed)` after `ms`, or at once when the DOM changes or the page navigates. */
    watch(frame: Frame, ms: number, done: (changed: boolean) => void) {
      let remove = () => {};
      const { win: w, doc: d } = frame.inner ?? frame;
      remove = keep(watchForChange(w, d, ms, (changed) => (remove(), done(changed)), onError));
    },
    /**
     * Calls `attach(frame)` for the page and for every same-origin iframe, now and as iframes load.
     * Cross-origin iframes can't be observed and are skipped silently.
     */
    frames(attach: (frame: () => Frame, target: Document) => void) {
      const seen = new WeakSet<Document>();
      const attachFrame = (iframe: HTMLIFrameElement) => {
        let fdoc: Document | null = null;
        try {
          fdoc = iframe.contentDocument;
        } catch {
          return;
        }
        const fwin = iframe.contentWindow;
        if (!fdoc || !fwin || seen.has(fdoc)) return;
        seen.add(fdoc);
        attach(() => {
          const r = iframe.getBoundingClientRect();
          return { win, doc, offset: { left: r.left + iframe.clientLeft, top: r.top + iframe.clientTop }, inner: { win: fwin, doc: fdoc! } };
        }, fdoc);
      };
      seen.add(doc);
      attach(() => ({ win, doc }), doc);
      doc.querySelectorAll('iframe').forEach(attachFrame);
      keep(listen(doc, 'load', (e: Event) => (e.target as Element)?.tagName === 'IFRAME' && attachFrame(e.target as HTMLIFrameElement), onError));
    },
    teardown() {
      cancelIdle?.();
      cancelIdle = undefined;
      queue.length = 0;
      for (const undo of Array.from(undos)) undo();
      undos.clear();
    },
  };
};

export type Session = ReturnType<typeof createSession>;
