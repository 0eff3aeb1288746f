import type { Config, Event, Plugin } from '@footprint/core';
import { compilePatterns, DEFAULT_DATA_ATTRIBUTE_PREFIX, redactText, type MaskPattern } from '@footprint/plugin-masking';
import { getHost, later } from './globals';
import { isUrlAllowed, validSelector, type ActionType, type UrlRule } from './options';
import { DEFAULT_RAGE_RULES, rageDetector, rageProperties, type Click } from './rage';
import { createSession, type Session, type Tracker } from './session';
import { closestMatching, eventElement, snapshot, toProperties, type Frame, type Snapshot } from './snapshot';
import { DEFAULT_THRASH_RULES, thrashDetector } from './thrash';

export const RAGE_CLICK = '[Amplitude] Rage Click';
export const DEAD_CLICK = '[Amplitude] Dead Click';
export const ERROR_CLICK = '[Amplitude] Error Click';
export const THRASHED_CURSOR = '[Amplitude] Thrashed Cursor';

const CLICKABLE = ['a', 'button', '[role="button"]', '[role="link"]', '[role="menuitem"]', '[role="menuitemcheckbox"]', '[role="menuitemradio"]', '[role="option"]', '[role="tab"]', '[role="treeitem"]', '[contenteditable="true" i]'];
/** Where dead and error clicks are looked for by default. */
export const DEFAULT_DEAD_CLICK_ALLOWLIST = ['input[type="button"]', 'input[type="submit"]', 'input[type="reset"]', 'input[type="image"]', 'input[type="file"]', ...CLICKABLE];
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
export interface FrustrationInteractionsOptions {
  pageUrlAllowlist?: UrlRule[];
  pageUrlExcludelist?: (UrlRule | { pattern: string })[];
  dataAttributePrefix?: string | RegExp;
  maskTextRegex?: MaskPattern[];
  /** @default true */
  rageClicks?: boolean | (SelectorOptions & { clicks?: number; windowMs?: number; distance?: number });
  /** @default true */
  deadClicks?: boolean | (SelectorOptions & { windowMs?: number });
  /** @default false */
  errorClicks?: boolean | SelectorOptions;
  /** @default false */
  thrashedCursor?: boolean | { directionChanges?: number; threshold?: number };
  /** Decides instead of the allowlists whether an element's frustration is tracked. */
  shouldTrackEventResolver?: (actionType: ActionType, element: Element) => boolean;
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
  let session: Session | undefined;
  return {
    name: '@footprint/plugin-frustration',
    type: 'enrichment',
    setup(config: Config, client: unknown) {
      const host = getHost();
      if (!host || session || options === false) return;
      const s = (session = createSession(host, config, 'frustrationPlugin'));
      const tracker = client as Tracker;
      const patterns = compilePatterns(o.maskTextRegex, (p) => s.warn(`ignoring invalid maskTextRegex ${String(p)}`));
      const prefix = o.dataAttributePrefix ?? DEFAULT_DATA_ATTRIBUTE_PREFIX;
      const trackPrefix = typeof prefix === 'string' ? prefix : DEFAULT_DATA_ATTRIBUTE_PREFIX;
      const probe = host.doc.createElement('div');
      const selector = (list: string[] | undefined, dflt: string[]) =>
        validSelector(list ?? dflt, probe, (sel) => s.warn(`ignoring invalid CSS selector "${sel}"`));
      const rage = sub(o.rageClicks, true);
      const dead = sub(o.deadClicks, true);
      const error = sub(o.errorClicks, false);
      const thrash = sub(o.thrashedCursor, false);
      const rageSel = rage && selector(rage.cssSelectorAllowlist, DEFAULT_RAGE_CLICK_ALLOWLIST);
      const deadSel = dead && selector(dead.cssSelectorAllowlist, DEFAULT_DEAD_CLICK_ALLOWLIST);
      const errorSel = error && selector(error.cssSelectorAllowlist, DEFAULT_ERROR_CLICK_ALLOWLIST);
      const allowed = () => isUrlAllowed(host.win.location.href, o.pageUrlAllowlist, o.pageUrlExcludelist);
      const find = (target: Element, sel: string | undefined) => {
        if (!sel) return null;
        const el = closestMatching(target, sel) ?? (o.shouldTrackEventResolver ? target : null);
        return el && (!o.shouldTrackEventResolver || o.shouldTrackEventResolver('click', el)) ? el : null;
      };
      const send = (type: string, snap: Snapshot, extra: Record<string, unknown>, time = snap.time) =>
        s.defer(() => tracker.track(type, { ...toProperties(snap, patterns, prefix), ...extra }, { time }));

      // Rage: bursts close on a click that doesn't fit, or `windowMs` after the last click.
      const rules = { ...DEFAULT_RAGE_RULES, ...(rage && { clicks: rage.clicks ?? 4, windowMs: rage.windowMs ?? 1000, distance: rage.distance ?? 50 }) };
      const bursts = rageDetector<Snapshot>(rules);
      let cancelBurstTimer = () => {};
      const reportRage = (clicks: Click<Snapshot>[] | null) => clicks && send(RAGE_CLICK, clicks[0].data!, rageProperties(clicks), clicks[0].time);
      if (rage) s.on(host.win, 'pagehide', () => reportRage(bursts.end()));

      // Error: the latest tracked click, for 2 s.
      let lastClick: { snap: Snapshot; until: number } | undefined;
      const onError = (kind: string, err: any, ev?: ErrorEvent) => {
        if (!lastClick || Date.now() > lastClick.until) return;
        const snap = lastClick.snap;
        lastClick = undefined;
        const message = err instanceof Error ? err.message : ev?.message ?? String(err);
        send(ERROR_CLICK, snap, {
          '[Amplitude] Kind': kind,
          '[Amplitude] Message': redactText(String(message), patterns),
          '[Amplitude] Stack': err instanceof Error && err.stack ? redactText(err.stack, patterns) : undefined,
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
        if (!allowed()) return;
        const target = eventElement(e);
        if (!target) return;
        let f: Frame | undefined;
        const snap = (el: Element) => snapshot('click', el, (f ??= frame()), patterns, trackPrefix);
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
            if (!changed) send(DEAD_CLICK, ds, xy);
          });
        }
        const errorEl = find(target, errorSel);
        if (errorEl) lastClick = { snap: snap(errorEl), until: Date.now() + ERROR_CLICK_WINDOW_MS };
      };

      if (thrash) {
        let changes = thrash.directionChanges ?? DEFAULT_THRASH_RULES.directionChanges;
        let threshold = thrash.threshold ?? DEFAULT_THRASH_RULES.threshold;
        if (changes < 5) {
          s.warn(`thrashedCursor.directionChanges ${changes} is below the minimum; using 5`);
          changes = 5;
        }
        if (threshold > 4000) {
          s.warn(`thrashedCursor.threshold ${threshold} is above the maximum; using 4000`);
          threshold = 4000;
        }
        const detector = thrashDetector({ directionChanges: changes, threshold });
        s.on(host.doc, 'mousemove', (e: MouseEvent) => {
          const start = detector.move(e.clientX, e.clientY, Date.now());
          if (start !== null && allowed()) s.defer(() => tracker.track(THRASHED_CURSOR, undefined, { time: start }));
        });
      }
      s.frames((frame, target) => s.on(target, 'click', onClick(frame)));
      const teardown = s.teardown;
      s.teardown = () => {
        cancelBurstTimer();
        teardown();
      };
    },
    execute: (event: Event) => event,
    teardown() {
      session?.teardown();
      session = undefined;
    },
  };
};
