import type { Config, Event, Plugin } from '@footprint/core';
import { compilePatterns, DEFAULT_DATA_ATTRIBUTE_PREFIX } from '@footprint/plugin-masking';
import { getHost } from './globals';
import {
  ACTION_CLICK_WINDOW_MS,
  DEFAULT_ACTION_CLICK_ALLOWLIST,
  DEFAULT_CSS_SELECTOR_ALLOWLIST,
  isUrlAllowed,
  validSelector,
  type ActionType,
  type ElementInteractionsOptions,
} from './options';
import { createSession, type Session, type Tracker } from './session';
import { closestMatching, eventElement, snapshot, toProperties, type Frame } from './snapshot';

/** Event types, as the anchor sends them. */
export const ELEMENT_CLICKED = '[Amplitude] Element Clicked';
export const ELEMENT_CHANGED = '[Amplitude] Element Changed';

/**
 * Tracks `[Amplitude] Element Clicked` and `[Amplitude] Element Changed` (the anchor's
 * `autocapture.elementInteractions`). Listeners are passive and capture-phase; the click records
 * what it needs and the rest happens in idle time.
 * @example client.add(elementInteractionsPlugin({ cssSelectorAllowlist: ['.amp-tracking'], actionClickAllowlist: [] }))
 */
export const elementInteractionsPlugin = (options: ElementInteractionsOptions = {}): Plugin => {
  let session: Session | undefined;
  return {
    name: '@footprint/plugin-element-interactions',
    type: 'enrichment',
    setup(config: Config, client: unknown) {
      const host = getHost();
      if (!host || session) return;
      const s = (session = createSession(host, config, 'elementInteractionsPlugin'));
      const tracker = client as Tracker;
      const patterns = compilePatterns(options.maskTextRegex, (p) => s.warn(`ignoring invalid maskTextRegex ${String(p)}`));
      const probe = host.doc.createElement('div');
      const invalid = (sel: string) => s.warn(`ignoring invalid CSS selector "${sel}"`);
      const always = validSelector(options.cssSelectorAllowlist ?? DEFAULT_CSS_SELECTOR_ALLOWLIST, probe, invalid);
      const onChange = validSelector(options.actionClickAllowlist ?? DEFAULT_ACTION_CLICK_ALLOWLIST, probe, invalid);
      const prefix = options.dataAttributePrefix ?? DEFAULT_DATA_ATTRIBUTE_PREFIX;
      const trackPrefix = typeof prefix === 'string' ? prefix : DEFAULT_DATA_ATTRIBUTE_PREFIX;
      const resolver = options.shouldTrackEventResolver;

      const handler = (frame: () => Frame) => (e: globalThis.Event) => {
        if (!isUrlAllowed(host.win.location.href, options.pageUrlAllowlist, options.pageUrlExcludelist)) return;
        const target = eventElement(e);
        if (!target) return;
        const action: ActionType = e.type === 'click' ? 'click' : 'change';
        let el = closestMatching(target, always);
        let conditional = false;
        if (!el && action === 'click') conditional = !!(el = closestMatching(target, onChange));
        if (resolver) {
          el ??= target;
          if (!resolver(action, el)) return;
          conditional = false;
        }
        if (!el) return;
        const f = frame();
        const snap = snapshot(action, el, f, patterns, trackPrefix);
        const emit = () =>
          s.defer(() =>
            tracker.track(action === 'click' ? ELEMENT_CLICKED : ELEMENT_CHANGED, toProperties(snap, patterns, prefix), { time: snap.time }),
          );
        if (conditional) s.watch(f, ACTION_CLICK_WINDOW_MS, (changed) => changed && emit());
        else emit();
      };
      s.frames((frame, target) => {
        const h = handler(frame);
        s.on(target, 'click', h);
        s.on(target, 'change', h);
      });
    },
    execute: (event: Event) => event,
    teardown() {
      session?.teardown();
      session = undefined;
    },
  };
};

/** The anchor's name for the same factory (`@amplitude/plugin-autocapture-browser`). */
export const autocapturePlugin = elementInteractionsPlugin;
