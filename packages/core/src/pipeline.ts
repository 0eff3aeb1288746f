import type { SdkLogger } from './logger';
import type { Config, Event, Plugin, PluginType, Result } from './types';
import { UNEXPECTED } from './delivery/messages';
import { uuid } from './uuid';

/** What a plugin hook answers, through the pipeline, when it threw or rejected. */
export const FAILED: unique symbol = Symbol('failed');

/** A result as `track()` resolves it. */
export const result = (event: Event, code: number, message: string): Result => ({ event, code, message });

/** Longest run of event processing before the pipeline lets the browser do other work (a long task is 50 ms). */
const SLICE_MS = 8;

/** Drains waiting out a yield, and whether drains may yield at all (not while the page is hidden). */
const yields = new Set<() => void>();
let hurried = false;

/**
 * While `on`, drains run to the end without yielding, and those waiting to resume do so at once: the
 * delivery engine calls it when the page hides, so events tracked just before still reach the destinations
 * before the page goes away (no later task may come). See docs/delivery.md "Page lifecycle".
 * @example
 * hurryPipelines(true); // from a pagehide listener
 */
export const hurryPipelines = (on: boolean) => {
  hurried = on;
  if (on) yields.forEach((resume) => resume());
};

const isThenable = (v: unknown): v is Promise<unknown> => typeof (v as PromiseLike<unknown> | null)?.then === 'function';

/**
 * The plugin timeline (docs/protocol.md §A.2): one event at a time through every `before`, then every
 * `enrichment` plugin, then all destinations in parallel, each on its own shallow copy.
 * Every plugin hook is called through `invoke`, the one place that catches a plugin's error, logs it
 * with the plugin's name and lets the event continue.
 * Events wait in a queue drained after the caller's code, in slices of a few milliseconds, each in its
 * own task. Only a plugin that answers with a promise is awaited, so a burst of events costs no promise
 * per plugin step, and work scheduled once per microtask (the identity write) runs once per slice.
 */
export const createPipeline = (log: () => SdkLogger, seen: (r: Result) => void = () => {}) => {
  const plugins: Plugin[] = [];
  const names = new Set<string>();
  /**
   * Events waiting to be processed, each followed by what settles its result (one flat array: a burst of
   * events waits here without an array per event).
   */
  const queue: Array<Event | ((r: Result) => void)> = [];
  /** Settles an event's result, once `seen` had it. */
  const answer = (settle: (r: Result) => void, r: Result) => (seen(r), settle(r));
  /** Settles once the queue is drained; `undefined` while there is nothing to process. */
  let draining: Promise<void> | undefined;
  /** The `before` then the `enrichment` plugins, and the destinations, as of the last add/remove. */
  let lanes: Plugin[][] | undefined;

  /** Calls a hook: its answer, or a promise of it when the hook answered with one; FAILED when it failed. */
  const invoke = (plugin: Plugin, hook: keyof Plugin, ...args: unknown[]): unknown => {
    const fail = (e: unknown) => {
      log().error(__DEV__ ? `plugin "${String(plugin.name)}" failed in ${hook}; it is skipped for this call:` : `E40 plugin "${String(plugin.name)}" failed in ${hook}`, e);
      return FAILED;
    };
    try {
      const out = (plugin[hook] as ((...a: unknown[]) => unknown) | undefined)?.apply(plugin, args);
      return isThenable(out) ? Promise.resolve(out).catch(fail) : out;
    } catch (e) {
      return fail(e);
    }
  };

  const register = async (plugin: Plugin, config: Config, client: unknown): Promise<void> => {
    if (!plugin || typeof plugin !== 'object') {
      log().warn(__DEV__ ? 'add() needs a plugin object ({ name, type, setup, execute }); ignored:' : 'E41 add: not a plugin', plugin);
      return;
    }
    if (plugin.type !== undefined && !['before', 'enrichment', 'destination'].includes(plugin.type)) {
      log().warn(__DEV__ ? `plugin "${String(plugin.name)}" has type "${String(plugin.type)}"; expected 'before', 'enrichment' or 'destination'. It will never run.` : `E42 plugin "${String(plugin.name)}": unknown type`);
    }
    if (plugin.name === undefined) {
      plugin.name = uuid();
      log().debug(__DEV__ ? `a plugin without a name was given the name ${plugin.name}; name it to remove it later` : `E43 plugin named ${plugin.name}`);
    }
    const name = plugin.name;
    if (names.has(name)) {
      log().warn(__DEV__ ? `plugin "${name}" is already added; this add() is ignored (remove it first)` : `E44 add: "${name}" already added`);
      return;
    }
    names.add(name); // taken before setup, so a concurrent add() of the same name is refused
    if ((await invoke(plugin, 'setup', config, client)) === FAILED) {
      names.delete(name);
      return;
    }
    if (names.has(name)) plugins.push(plugin), (lanes = undefined);
  };

  const deregister = async (name: string): Promise<void> => {
    names.delete(name);
    const i = plugins.findIndex((p) => p.name === name);
    if (i < 0) {
      log().warn(__DEV__ ? `remove(): no plugin named "${name}"` : `E45 remove: no "${name}"`);
      return;
    }
    const [plugin] = plugins.splice(i, 1);
    lanes = undefined;
    await invoke(plugin, 'teardown');
  };

  const stage = (type: PluginType) => plugins.filter((p) => (p.type ?? 'enrichment') === type && p.execute);

  /**
   * Hands the event to every destination, each on its own copy, in parallel, and settles with the first
   * one's answer once all have answered. A destination's promise costs two `then`s (its failure, its
   * answer); the pipeline adds no promise of its own per event. `execute` also gets the function that
   * takes its answer: a destination that answers by returning that function (the delivery engine) calls
   * it once with the result instead, and costs no promise at all.
   */
  const deliver = (event: Event, destinations: Plugin[], settle: (r: Result) => void) => {
    let left = destinations.length;
    let first: any;
    if (!left) answer(settle, result(event, 100, 'Event not tracked, no destination plugins on the instance'));
    destinations.forEach((p, i) => {
      const done = (r: unknown) => {
        if (!i) first = r;
        if (!--left) answer(settle, first && first !== FAILED && typeof first === 'object' ? first : result(event, 0, UNEXPECTED));
      };
      const out = invoke(p, 'execute', { ...event }, done);
      if (out === done) return;
      if (isThenable(out)) out.then(done);
      else done(out);
    });
  };

  /** Processes queued events in order, yielding to the browser every SLICE_MS. */
  const drain = async () => {
    let sliceStart = Date.now();
    next: for (let head = 0; head < queue.length; ) {
      if (!hurried && Date.now() - sliceStart >= SLICE_MS) {
        await new Promise<void>((resolve) => {
          const resume = () => (yields.delete(resume), clearTimeout(timer), resolve());
          const timer = setTimeout(resume, 0);
          yields.add(resume);
        });
        sliceStart = Date.now();
      }
      let event = queue[head++] as Event;
      const settle = queue[head++] as (r: Result) => void;
      try {
        const [steps, destinations] = (lanes ??= [[...stage('before'), ...stage('enrichment')], stage('destination')]);
        for (const p of steps) {
          let out = invoke(p, 'execute', { ...event });
          if (isThenable(out)) out = await out;
          if (out === FAILED) continue;
          if (out === null || typeof out !== 'object') {
            if (out !== null) log().warn(__DEV__ ? `plugin "${String(p.name)}" returned ${String(out)} from execute, so the event "${event.event_type}" is dropped (return null to drop on purpose)` : `E46 plugin "${String(p.name)}" returned ${String(out)}: "${event.event_type}" dropped`);
            else log().log(__DEV__ ? `event "${event.event_type}" dropped by plugin "${String(p.name)}"` : `E47 "${event.event_type}" dropped by "${String(p.name)}"`);
            answer(settle, result(event, 0, ''));
            continue next;
          }
          event = out as Event;
        }
        deliver(event, destinations, settle);
      } catch {
        answer(settle, result(event, 0, UNEXPECTED));
      }
    }
    queue.length = 0;
    draining = undefined;
  };

  return {
    plugins,
    register,
    deregister,
    /** Queues an event; `settle` is called once, with the first destination's result, after `seen`. */
    push(event: Event, settle: (r: Result) => void) {
      queue.push(event, settle);
      draining ??= Promise.resolve().then(drain);
    },
    /** Calls `hook` on every plugin that has it; nothing waits for it. */
    notify(hook: 'onIdentityChanged' | 'onSessionIdChanged' | 'onOptOutChanged' | 'onReset', arg?: unknown) {
      for (const p of plugins) invoke(p, hook, arg);
    },
    /** Waits for queued events to reach the destinations, then flushes every destination. */
    async flush(): Promise<void> {
      await draining;
      await Promise.all(stage('destination').map((p) => invoke(p, 'flush')));
    },
  };
};

export type Pipeline = ReturnType<typeof createPipeline>;
