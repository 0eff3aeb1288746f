// The `[Amplitude] Web Vitals` payload, built from plain values so it can be tested without a browser.
// Behaviour: docs/autocapture.md "Web vitals".

/** The event type, as the anchor sends it. */
export const WEB_VITALS = '[Amplitude] Web Vitals';

/** The fields of a `web-vitals` metric this plugin reads. */
export interface MetricLike {
  name: string;
  value: number;
  rating: string;
  delta: number;
  navigationType: string;
  id: string;
  entries: { startTime: number }[];
}

/** One metric as it travels in the event: the web-vitals figures plus when it happened (ms since the epoch). */
export interface MetricProperty {
  value: number;
  rating: string;
  delta: number;
  navigationType: string;
  id: string;
  /** `navigationStart` + the first entry's `startTime`, floored. */
  timestamp: number;
  /** `performance.timeOrigin`, floored. */
  navigationStart: number;
}

/**
 * The event property for `metric` (`[Amplitude] LCP` and friends), in the anchor's shape.
 * @example metricProperty(lcp, performance.timeOrigin) // { value: 812.4, rating: 'good', delta: 812.4, ... }
 */
export const metricProperty = (m: MetricLike, timeOrigin: number): MetricProperty => ({
  value: m.value,
  rating: m.rating,
  // The event is the metric's only report, so the change since the last report is the whole value
  // (web-vitals' own delta counts from its previous callback, which `reportAllChanges` makes frequent).
  delta: m.value,
  navigationType: m.navigationType,
  id: m.id,
  timestamp: Math.floor(timeOrigin + (m.entries[0]?.startTime || 0)),
  navigationStart: Math.floor(timeOrigin),
});
