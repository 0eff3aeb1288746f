// The calls made before `init` (docs/architecture.md "Order"): kept in call order and replayed by init,
// add/remove first so early plugins register before the built-ins (docs/protocol.md §A.2).
import type { SdkLogger } from './logger';

/**
 * The pre-init queue of one client. `early(fn)` runs an add/remove now once the config exists, else
 * queues it; `whenReady(fn)` runs any other call now once init is done, else queues it; `whenOpen(run)`
 * does so with a tracked event, whose replay starts the session first. `setUp` replays the add/remove
 * calls, `open` the others; the last function counts what waits.
 * @example
 * const [early, whenReady, whenOpen, setUp, open, queued] = createPreInit(() => log);
 */
export const createPreInit = (log: () => SdkLogger) => {
  /** The config exists: plugins can be set up. */
  let ready = false;
  /** Built-ins are installed: calls and events apply at once instead of being queued. */
  let isOpen = false;
  /** add/remove made before init: replayed first, so early plugins register before the built-ins. */
  const q: Array<() => unknown> = [];
  /** Every other call made before init, in call order; `event` marks the tracked ones. */
  const dispatchQ: Array<{ event?: boolean; run: () => unknown }> = [];

  /** Runs a call queued before init; one that fails is logged and the next ones still run. */
  const runQueued = (run: () => unknown) => {
    try {
      run();
    } catch (e) {
      log().error(__DEV__ ? 'a call made before init() failed:' : 'E17 queued call failed', e);
    }
  };

  const early = (fn: () => unknown) => (ready ? fn() : void q.push(fn));

  /** Runs `fn` now once init is done, else queues it in call order with the events. */
  const whenReady = (fn: () => unknown) => (isOpen ? fn() : void dispatchQ.push({ run: fn }));

  /** A tracked event's `run`: now once init is done, else queued; the promise is its result. */
  const whenOpen = <T>(run: () => Promise<T>): Promise<T> => (isOpen ? run() : new Promise((resolve) => dispatchQ.push({ event: true, run: () => resolve(run()) })));

  /** The config exists: replays the queued add/remove calls, in order. */
  const setUp = async () => {
    ready = true;
    while (q.length) await q.shift()!();
  };

  /**
   * Init is done (or failed): every other queued call runs in the order it was made; `beforeEvent` runs
   * once, before the first queued event.
   */
  const open = (beforeEvent?: () => void) => {
    isOpen = true;
    while (dispatchQ.length) {
      const item = dispatchQ.shift()!;
      if (item.event) beforeEvent?.();
      runQueued(item.run);
    }
  };

  return [early, whenReady, whenOpen, setUp, open, () => q.length + dispatchQ.length] as const;
};
