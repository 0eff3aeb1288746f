/** One click, as the rage detector sees it. */
export interface Click<T = unknown> {
  x: number;
  y: number;
  time: number;
  element: Element;
  data?: T;
}

/** Rage click thresholds (docs/autocapture.md "Frustration"). */
export interface RageRules {
  /** @default 4 */
  clicks: number;
  /** @default 1000 */
  windowMs: number;
  /** @default 50 */
  distance: number;
}

export const DEFAULT_RAGE_RULES: RageRules = { clicks: 4, windowMs: 1000, distance: 50 };

/**
 * Groups clicks into bursts: same element, inside a `distance`-px box, and the newest `clicks` clicks
 * within `windowMs`. `push` returns a finished burst that was a rage click, `end` closes the current one.
 * Pure: no timers, no DOM reads.
 */
export const rageDetector = <T>(rules: RageRules = DEFAULT_RAGE_RULES) => {
  let burst: Click<T>[] = [];
  const close = () => {
    const done = burst;
    burst = [];
    return done.length >= rules.clicks ? done : null;
  };
  const fits = (c: Click<T>) => {
    if (!burst.length) return true;
    if (burst[burst.length - 1].element !== c.element) return false;
    const wide = (axis: 'x' | 'y') => {
      const v = [...burst, c].map((b) => b[axis]);
      return Math.max(...v) - Math.min(...v) > rules.distance;
    };
    if (wide('x') || wide('y')) return false;
    const first = burst[Math.max(0, burst.length - rules.clicks + 1)];
    return c.time - first.time < rules.windowMs;
  };
  return {
    push(c: Click<T>): Click<T>[] | null {
      const done = fits(c) ? null : close();
      burst.push(c);
      return done;
    },
    end: close,
  };
};

/** The rage click's own properties (the element's are added by the caller). */
export const rageProperties = (clicks: Click[]) => {
  const first = clicks[0];
  const last = clicks[clicks.length - 1];
  return {
    '[Amplitude] Begin Time': new Date(first.time).toISOString(),
    '[Amplitude] End Time': new Date(last.time).toISOString(),
    '[Amplitude] Duration': last.time - first.time,
    '[Amplitude] Clicks': clicks.map((c) => ({ X: c.x, Y: c.y, Time: c.time })),
    '[Amplitude] Click Count': clicks.length,
  };
};
