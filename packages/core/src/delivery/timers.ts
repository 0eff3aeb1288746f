// The delivery engine's two timers (docs/delivery.md "The guarantee"): the flush interval, which sends a
// batch that did not fill up, and the wake-up at the end of a backoff or of a 429's hold.

/**
 * Timers that call `due()` when they fire. What it returns, by position:
 * - `interval(ms)`: fires in `ms` unless an interval is already pending;
 * - `wake(at)`: fires at the time `at` (ms since the epoch), or at an earlier wake-up already set;
 * - `stop()`: clears both.
 * @example
 * const [interval, wake, stop] = createTimers(() => pump());
 */
export const createTimers = (due: () => void) => {
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let wakeTimer: ReturnType<typeof setTimeout> | undefined;
  let wakeAt = Infinity;
  const interval = (ms: number) => {
    flushTimer ??= setTimeout(() => {
      flushTimer = undefined;
      due();
    }, ms);
  };
  const wake = (at: number) => {
    if (wakeTimer && wakeAt <= at) return;
    clearTimeout(wakeTimer);
    wakeAt = at;
    wakeTimer = setTimeout(() => {
      wakeTimer = undefined;
      wakeAt = Infinity;
      due();
    }, Math.max(0, at - Date.now()));
  };
  const stop = () => {
    clearTimeout(flushTimer);
    clearTimeout(wakeTimer);
    flushTimer = wakeTimer = undefined;
    wakeAt = Infinity;
  };
  return [interval, wake, stop] as const;
};
