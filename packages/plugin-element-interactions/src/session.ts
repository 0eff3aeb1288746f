import type { Config, PluginClient } from '@footprint/core';
import { idleScheduler, listen, type Host } from '@footprint/dom';
import { compilePatterns, DEFAULT_DATA_ATTRIBUTE_PREFIX } from '@footprint/plugin-masking';
import { watchForChange } from './change-watch';
import { isUrlAllowed, type CommonOptions } from './options';
import { snapshot, toProperties, type Frame, type Snapshot } from './snapshot';

/**
 * Everything a DOM-watching plugin sets up, in one place, so `teardown` undoes all of it: listeners on
 * the page and on same-origin iframes, pending change watches, and the idle-time work queue. Also what
 * both plugins do alike: options, snapshots and tracking in idle time.
 */
export const createSession = (host: Host, config: Config, name: string, o: CommonOptions, tracker: PluginClient) => {
  const { win, doc } = host;
  const warn = (msg: string) => config.loggerProvider?.warn(`${name}: ${msg}`);
  const patterns = compilePatterns(o.maskTextRegex, (p) => warn(__DEV__ ? `ignoring invalid maskTextRegex ${String(p)}` : `E73 bad maskTextRegex ${String(p)}`));
  const prefix = o.dataAttributePrefix ?? DEFAULT_DATA_ATTRIBUTE_PREFIX;
  const trackPrefix = typeof prefix === 'string' ? prefix : DEFAULT_DATA_ATTRIBUTE_PREFIX;
  const probe = doc.createElement('div');
  const onIdle = idleScheduler(win);
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

  /** Runs `task` in idle time (or when the page hides). */
  const defer = (task: () => void) => {
    queue.push(task);
    cancelIdle ??= onIdle(drain);
  };

  return {
    warn,
    defer,
    patterns,
    /** Whether interactions on the current page are tracked (`pageUrlAllowlist` / `pageUrlExcludelist`). */
    allowed: () => !(o.pageUrlAllowlist || o.pageUrlExcludelist) || isUrlAllowed(win.location.href, o.pageUrlAllowlist, o.pageUrlExcludelist),
    /** The selectors of `list` that parse, joined with `,` for one `closest()` call; warns about the others. */
    selector: (list: string[]) =>
      list
        .filter((sel) => {
          try {
            probe.matches(sel);
            return true;
          } catch {
            warn(__DEV__ ? `ignoring invalid CSS selector "${sel}"` : `E74 bad selector "${sel}"`);
            return false;
          }
        })
        .join(','),
    /** Reads what an interaction with `el` needs, now. */
    snap: (click: boolean, el: Element, frame: Frame) => snapshot(click, el, frame, patterns, trackPrefix, prefix),
    /** Tracks `type` in idle time with the snapshot's element properties, then `extra`. */
    send: (type: string, snap: Snapshot, extra?: Record<string, unknown>, time = snap.time) =>
      defer(() => tracker.track(type, { ...toProperties(snap, patterns), ...extra }, { time })),
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
