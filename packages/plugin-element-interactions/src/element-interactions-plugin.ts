import type { Plugin } from '@footprint/core';
import { onPage } from '@footprint/dom';
import { ACTION_CLICK_WINDOW_MS, DEFAULT_ACTION_CLICK_ALLOWLIST, DEFAULT_CSS_SELECTOR_ALLOWLIST, type ElementInteractionsOptions } from './options';
import { createSession } from './session';
import { closest, eventElement } from './snapshot';

/** Event types, as the anchor sends them. */
export const ELEMENT_CLICKED = '[Amplitude] Element Clicked';
export const ELEMENT_CHANGED = '[Amplitude] Element Changed';

/**
 * Tracks `[Amplitude] Element Clicked` and `[Amplitude] Element Changed` (the anchor's
 * `autocapture.elementInteractions`). Listeners are passive and capture-phase; the click records
 * what it needs and the rest happens in idle time. It has no `execute`: it only adds events, so the
 * pipeline skips it for every event.
 * @example client.add(elementInteractionsPlugin({ cssSelectorAllowlist: ['.amp-tracking'], actionClickAllowlist: [] }))
 */
export const elementInteractionsPlugin = (options: ElementInteractionsOptions = {}): Plugin => ({
  name: '@footprint/plugin-element-interactions',
  type: 'enrichment',
  ...onPage((host, config, client) => {
    const s = createSession(host, config, 'elementInteractionsPlugin', options, client);
    const always = s.selector(options.cssSelectorAllowlist ?? DEFAULT_CSS_SELECTOR_ALLOWLIST);
    const onChange = s.selector(options.actionClickAllowlist ?? DEFAULT_ACTION_CLICK_ALLOWLIST);
    const resolver = options.shouldTrackEventResolver;
    s.frames((frame, target) => {
      const handler = (e: globalThis.Event) => {
        const start = eventElement(e);
        if (!start || !s.allowed()) return;
        const click = e.type === 'click';
        let el = closest(start, always);
        let conditional = false;
        if (!el && click) conditional = !!(el = closest(start, onChange));
        if (resolver) {
          el ??= start;
          if (!resolver(click ? 'click' : 'change', el)) return;
          conditional = false;
        }
        if (!el) return;
        const f = frame();
        const snap = s.snap(click, el, f);
        const emit = () => s.send(click ? ELEMENT_CLICKED : ELEMENT_CHANGED, snap);
        if (conditional) s.watch(f, ACTION_CLICK_WINDOW_MS, (changed) => changed && emit());
        else emit();
      };
      s.on(target, 'click', handler);
      s.on(target, 'change', handler);
    });
    return s.teardown;
  }),
});

/** The anchor's name for the same factory (`@amplitude/plugin-autocapture-browser`). */
export const autocapturePlugin = elementInteractionsPlugin;
