import type { Config, Plugin } from '@footprint/core';
import { onCLS, onFCP, onINP, onLCP, onTTFB } from 'web-vitals';
import { getHost, listen } from './globals';
import { metricProperty, pageProperties, WEB_VITALS, type MetricLike } from './vitals';

/** The part of the client this plugin uses. */
interface Tracker {
  track(eventType: string, eventProperties?: Record<string, unknown>): unknown;
}

/**
 * Collects INP, LCP, FCP, CLS and TTFB with the `web-vitals` library and sends them, with the page they
 * belong to, as ONE `[Amplitude] Web Vitals` event when the page first becomes hidden (tab switch,
 * navigation away, tab close). Metrics the page did not produce are left out.
 *
 * The page hides with `visibilitychange` → hidden (tab switch, and after `pagehide` on unload) or with
 * `pagehide` (navigation away, tab close: it comes first). Both listeners are capture-phase, so they run
 * before the delivery engine's own (bubble-phase) page-hide listeners, which then send the event with
 * keepalive/sendBeacon; a `document` listener also runs after web-vitals' (window, capture) listeners
 * have reported the final CLS, INP and LCP. Metrics are observed with `reportAllChanges`, so at
 * `pagehide` the event still carries the latest values.
 * @example client.add(webVitalsPlugin())
 */
export const webVitalsPlugin = (): Plugin => {
  let stop: (() => void) | undefined;
  return {
    name: '@footprint/plugin-web-vitals',
    type: 'enrichment',
    setup(config: Config, client: unknown) {
      const host = getHost();
      if (!host || stop) return;
      const log = config.loggerProvider;
      const tracker = client as Tracker;
      const { doc } = host;
      // The metrics describe the document as loaded, so the page is the one at setup (as in the anchor).
      const props: Record<string, unknown> = pageProperties(host.loc, doc.title ?? '');
      // web-vitals has no unsubscribe: after teardown or the send, its callbacks find `live` false.
      let live = true;
      const keep = (m: MetricLike) => {
        if (live) props[`[Amplitude] ${m.name}`] = metricProperty(m, host.timeOrigin);
      };
      for (const observe of [onLCP, onFCP, onINP, onCLS, onTTFB]) {
        try {
          observe(keep, { reportAllChanges: true });
        } catch (e) {
          log.warn('webVitalsPlugin: a metric cannot be observed in this browser:', e);
        }
      }
      const send = () => {
        if (!live) return;
        stop!();
        // No flush(): the event reaches the delivery engine's queue in the microtask checkpoint after this
        // listener, and the engine's page-hide listener (bubble phase, so after ours) sends it with
        // keepalive/sendBeacon. A flush() here would start an ordinary upload first, which the hide path
        // skips as "in flight" and the unloading page then cancels.
        tracker.track(WEB_VITALS, props);
      };
      const onError = (e: unknown) => log.error('webVitalsPlugin: the Web Vitals event could not be sent:', e);
      const off = [
        listen(doc, 'visibilitychange', () => doc.visibilityState === 'hidden' && send(), onError),
        listen(host.win, 'pagehide', send, onError),
      ];
      stop = () => {
        live = false;
        off.forEach((f) => f());
      };
    },
    execute: (event) => event,
    teardown() {
      stop?.();
      stop = undefined;
    },
  };
};
