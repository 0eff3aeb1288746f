/** Thrashed cursor thresholds (docs/autocapture.md "Frustration"). */
export interface ThrashRules {
  /** Direction changes on one axis that make a thrash. @default 10 */
  directionChanges: number;
  /** …within this many milliseconds. @default 2000 */
  threshold: number;
}

export const DEFAULT_THRASH_RULES: ThrashRules = { directionChanges: 10, threshold: 2000 };

/**
 * Counts cursor direction changes per axis (X and Y separately) and reports when one axis has
 * `directionChanges` of them inside `threshold` ms. `move` returns the time the thrash started, once per
 * thrash; the series then starts over. Pure: feed it positions and times.
 */
export const thrashDetector = (rules: ThrashRules = DEFAULT_THRASH_RULES) => {
  const axis = () => ({ last: NaN, dir: 0, changes: [] as number[] });
  const x = axis();
  const y = axis();
  const step = (a: ReturnType<typeof axis>, pos: number, time: number) => {
    const delta = pos - a.last;
    a.last = pos;
    if (!delta || Number.isNaN(delta)) return false;
    const dir = Math.sign(delta);
    if (a.dir && dir !== a.dir) a.changes.push(time);
    a.dir = dir;
    while (a.changes.length && time - a.changes[0] >= rules.threshold) a.changes.shift();
    return a.changes.length >= rules.directionChanges;
  };
  return {
    move(px: number, py: number, time: number): number | null {
      const hitX = step(x, px, time);
      const hitY = step(y, py, time);
      if (!hitX && !hitY) return null;
      const start = Math.min(hitX ? x.changes[0] : Infinity, hitY ? y.changes[0] : Infinity);
      x.changes = [];
      y.changes = [];
      return start;
    },
  };
};
