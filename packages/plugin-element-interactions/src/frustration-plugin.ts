import type { Plugin } from '@footprint/core';
import { later, onPage } from '@footprint/dom';
import { redactText } from '@footprint/plugin-masking';
import type { CommonOptions } from './options';
import { DEFAULT_RAGE_RULES, rageDetector, rageProperties, type Click } from './rage';
import { createSession } from './session';
import { closest, eventElement, type Frame, type Snapshot } from './snapshot';
import { DEFAULT_THRASH_RULES, thrashDetector } from './thrash';

export const RAGE_CLICK = '[Amplitude] Rage Click';
export const DEAD_CLICK = '[Amplitude] Dead Click';
export const ERROR_CLICK = '[Amplitude] Error Click';
export const THRASHED_CURSOR = '[Amplitude] Thrashed Cursor';

/** Where dead and error clicks are looked for by default. */
export const DEFAULT_DEAD_CLICK_ALLOWLIST = [
  ...['button', 'submit', 'reset', 'image', 'file'].map((t) => `input[type="${t}"]`),
  'a',
  'button',
  ...['button', 'link', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option', 'tab', 'treeitem'].map((r) => `[role="${r}"]`),
  '[contenteditable="true" i]',
];
export const DEFAULT_ERROR_CLICK_ALLOWLIST = DEFAULT_DEAD_CLICK_ALLOWLIST;
/** Rage clicks count on any element. */
export const DEFAULT_RAGE_CLICK_ALLOWLIST = ['*'];
/** A click with no DOM change or navigation within this window is dead. */
export const DEFAULT_DEAD_CLICK_WINDOW_MS = 3000;
/** An error within this window after a click is an error click. */
export const ERROR_CLICK_WINDOW_MS = 2000;

/** Per-signal options: a CSS allowlist. */
export interface SelectorOptions {
  cssSelectorAllowlist?: string[];
}

/** Options of `frustrationPlugin`; the anchor's `autocapture.frustrationInteractions` object. */
export interface FrustrationInteractionsOptions extends CommonOptions {
  /** @default true */
  rageClicks?: boolean | (SelectorOptions & { clicks?: number; windowMs?: number; distance?: number });
  /** @default true */
  deadClicks?: boolean | (SelectorOptions & { windowMs?: number });
  /** @default false */
  errorClicks?: boolean | SelectorOptions;
  /** @default false */
  thrashedCursor?: boolean | { directionChanges?: number; threshold?: number };
}

const sub = <T extends object>(v: boolean | T | undefined, dflt: boolean): T | undefined =>
  v === undefined ? (dflt ? ({} as T) : undefined) : v === true ? ({} as T) : v || undefined;

/**
 * Tracks rage, dead and error clicks and thrashed cursors (the anchor's
 * `autocapture.frustrationInteractions`). Rage and dead clicks are on by default, error clicks and
 * thrashed cursor when asked for.
 * @example client.add(frustrationPlugin({ errorClicks: true, thrashedCursor: { directionChanges: 8 } }))
 */
export const frustrationPlugin = (options: FrustrationInteractionsOptions | boolean = {}): Plugin => {
  const o: FrustrationInteractionsOptions = typeof options === 'object' ? options : {};
  return {
    name: '@footprint/plugin-frustration',
    type: 'enrichment',
    ...onPage((host, config, client) => {
      if (options === false) return undefined;
      const s = createSession(host, config, 'frustrationPlugin', o, client);
      const rage = sub(o.rageClicks, true);
      const dead = sub(o.deadClicks, true);
      const error = sub(o.errorClicks, false);
      const thrash = sub(o.thrashedCursor, false);
      const rageSel = rage && s.selector(rage.cssSelectorAllowlist ?? DEFAULT_RAGE_CLICK_ALLOWLIST);
      const deadSel = dead && s.selector(dead.cssSelectorAllowlist ?? DEFAULT_DEAD_CLICK_ALLOWLIST);
      const errorSel = error && s.selector(error.cssSelectorAllowlist ?? DEFAULT_ERROR_CLICK_ALLOWLIST);
      const resolver = o.shouldTrackEventResolver;
      const find = (target: Element, sel: string | undefined) => {
        if (!sel) return null;
        const el = closest(target, sel) ?? (resolver ? target : null);
        return el && (!resolver || resolver('click', el)) ? el : null;
      };

      // Rage: bursts close on a click that doesn't fit, or `windowMs` after the last click.
      const rules = { clicks: rage?.clicks ?? DEFAULT_RAGE_RULES.clicks, windowMs: rage?.windowMs ?? DEFAULT_RAGE_RULES.windowMs, distance: rage?.distance ?? DEFAULT_RAGE_RULES.distance };
      const bursts = rageDetector<Snapshot>(rules);
      let cancelBurstTimer = () => {};
      const reportRage = (clicks: Click<Snapshot>[] | null) => clicks && s.send(RAGE_CLICK, clicks[0].data!, rageProperties(clicks), clicks[0].time);
      if (rage) s.on(host.win, 'pagehide', () => reportRage(bursts.end()));

      // Error: the latest tracked click, for 2 s.
      let lastClick: { snap: Snapshot; until: number } | undefined;
      const onError = (kind: string, err: any, ev?: ErrorEvent) => {
        if (!lastClick || Date.now() > lastClick.until) return;
        const snap = lastClick.snap;
        lastClick = undefined;
        const message = err instanceof Error ? err.message : ev?.message ?? String(err);
        s.send(ERROR_CLICK, snap, {
          '[Amplitude] Kind': kind,
          '[Amplitude] Message': redactText(String(message), s.patterns),
          '[Amplitude] Stack': err instanceof Error && err.stack ? redactText(err.stack, s.patterns) : undefined,
          '[Amplitude] Filename': ev?.filename,
          '[Amplitude] Line Number': ev?.lineno,
          '[Amplitude] Column Number': ev?.colno,
        });
      };
      if (error) {
        s.on(host.win, 'error', (e: ErrorEvent) => e instanceof host.win.ErrorEvent && onError('uncaught exception', e.error, e));
        s.on(host.win, 'unhandledrejection', (e: PromiseRejectionEvent) => onError('unhandled promise rejection', e.reason));
      }

      const pendingDead = new WeakSet<Element>();
      const onClick = (frame: () => Frame) => (e: MouseEvent) => {
        const target = eventElement(e);
        if (!target || !s.allowed()) return;
        let f: Frame | undefined;
        // Rage, dead and error clicks mostly find the same element: read it once.
        let last: [Element, Snapshot] | undefined;
        const snap = (el: Element) => (last?.[0] === el ? last : (last = [el, s.snap(true, el, (f ??= frame()))]))[1];
        const rageEl = find(target, rageSel);
        if (rageEl) {
          reportRage(bursts.push({ x: e.pageX, y: e.pageY, time: Date.now(), element: rageEl, data: snap(rageEl) }));
          cancelBurstTimer();
          cancelBurstTimer = later(host.win, () => reportRage(bursts.end()), rules.windowMs);
        }
        const deadEl = find(target, deadSel);
        if (deadEl && !pendingDead.has(deadEl)) {
          const ds = snap(deadEl);
          pendingDead.add(deadEl);
          const xy = { '[Amplitude] X': e.clientX, '[Amplitude] Y': e.clientY };
          s.watch(f!, (dead as { windowMs?: number }).windowMs ?? DEFAULT_DEAD_CLICK_WINDOW_MS, (changed) => {
            pendingDead.delete(deadEl);
            if (!changed) s.send(DEAD_CLICK, ds, xy);
          });
        }
        const errorEl = find(target, errorSel);
        if (errorEl) lastClick = { snap: snap(errorEl), until: Date.now() + ERROR_CLICK_WINDOW_MS };
      };

      if (thrash) {
        let changes = thrash.directionChanges ?? DEFAULT_THRASH_RULES.directionChanges;
        let threshold = thrash.threshold ?? DEFAULT_THRASH_RULES.threshold;
        if (changes < 5) {
          s.warn(__DEV__ ? `thrashedCursor.directionChanges ${changes} is below the minimum; using 5` : `E75 directionChanges ${changes} < 5`);
          changes = 5;
        }
        if (threshold > 4000) {
          s.warn(__DEV__ ? `thrashedCursor.threshold ${threshold} is above the maximum; using 4000` : `E76 threshold ${threshold} > 4000`);
          threshold = 4000;
        }
        const detector = thrashDetector({ directionChanges: changes, threshold });
        s.on(host.doc, 'mousemove', (e: MouseEvent) => {
          const start = detector.move(e.clientX, e.clientY, Date.now());
          if (start !== null && s.allowed()) s.defer(() => client.track(THRASHED_CURSOR, undefined, { time: start }));
        });
      }
      s.frames((frame, target) => s.on(target, 'click', onClick(frame)));
      return () => {
        cancelBurstTimer();
        s.teardown();
      };
    }),
  };
};
