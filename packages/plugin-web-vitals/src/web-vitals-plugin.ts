import type { Config, Plugin, PluginClient } from '@footprint/core';
import { getHost, listen, pageProperties } from '@footprint/dom';
import { onCLS, onFCP, onINP, onLCP, onTTFB } from 'web-vitals';
import { metricProperty, WEB_VITALS, type MetricLike } from './vitals';

/**
 * Collects INP, LCP, FCP, CLS and TTFB with the `web-vitals` library and sends them, with the page they
 * belong to, as ONE `[Amplitude] Web Vitals` event when the page first becomes hidden (tab switch,
 * navigation away, tab close). Metrics the page did not produce are left out.
 *
 * "Hidden" is the first `visibilitychange` → hidden: a tab switch, and also every navigation away and tab
 * close, where the browser fires it right after `pagehide`. `pagehide` itself is not used: at that moment
 * web-vitals may not have processed the last interaction yet (it does so in an idle callback, or at that
 * `visibilitychange`), so the event would miss an INP the user just produced. web-vitals reports its final
 * values from `window` capture-phase listeners, which run before this `document` capture listener, and
 * the delivery engine's bubble-phase listeners run after it and send the event.
 * @example client.add(webVitalsPlugin())
 */
export const webVitalsPlugin = (): Plugin => {
  let stop: (() => void) | undefined;
  return {
    name: '@footprint/plugin-web-vitals',
    type: 'enrichment',
    setup(config: Config, client: PluginClient) {
      const host = getHost();
      if (!host || stop) return;
      const log = config.loggerProvider;
      const { win, doc } = host;
      // When navigation started, in ms since the epoch.
      const timeOrigin = win.performance?.timeOrigin ?? Date.now();
      // The metrics describe the document as loaded, so the page is the one at setup (as in the anchor).
      const props: Record<string, unknown> = pageProperties(win.location, doc.title ?? '');
      // web-vitals has no unsubscribe: after teardown or the send, its callbacks find `live` false.
      let live = true;
      const keep = (m: MetricLike) => {
        if (live) props[`[Amplitude] ${m.name}`] = metricProperty(m, timeOrigin);
      };
      for (const observe of [onLCP, onFCP, onINP, onCLS, onTTFB]) {
        try {
          observe(keep, { reportAllChanges: true });
        } catch (e) {
          log.warn(__DEV__ ? 'webVitalsPlugin: a metric cannot be observed in this browser:' : 'E86 web vitals: metric unobservable', e);
        }
      }
      const send = () => {
        if (!live) return;
        stop!();
        // No flush(): the event reaches the delivery engine's queue in the microtask checkpoint after this
        // listener, and the engine's page-hide listener (bubble phase, so after ours) sends it with
        // keepalive/sendBeacon. A flush() here would start an ordinary upload first, which the hide path
        // skips as "in flight" and the unloading page then cancels.
        client.track(WEB_VITALS, props);
      };
      const onError = (e: unknown) => log.error(__DEV__ ? 'webVitalsPlugin: the Web Vitals event could not be sent:' : 'E87 web vitals: event failed', e);
      const off = listen(doc, 'visibilitychange', () => doc.visibilityState === 'hidden' && send(), onError);
      stop = () => {
        live = false;
        off();
      };
    },
    execute: (event) => event,
    teardown() {
      stop?.();
      stop = undefined;
    },
  };
};
