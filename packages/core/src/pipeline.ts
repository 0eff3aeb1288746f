import type { SdkLogger } from './logger';
import type { Config, Event, Plugin, PluginType, Result } from './types';
import { uuid } from './uuid';

/** Returned by {@link Pipeline.call} when the hook threw. */
export const FAILED: unique symbol = Symbol('failed');

const result = (event: Event, code: number, message: string): Result => ({ event, code, message });

const stageOf = (p: Plugin): PluginType => p.type ?? 'enrichment';

/** Longest run of event processing before the pipeline lets the browser do other work (a long task is 50 ms). */
const SLICE_MS = 8;
/** Resolves in a later task, so input, rendering and other tasks can run in between. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The plugin timeline (PROTOCOL §A.2): one event at a time through every `before`, then every
 * `enrichment` plugin, then all destinations in parallel, each on its own shallow copy.
 * Every plugin hook is called through {@link Pipeline.call}, the one place that catches a plugin's
 * error, logs it with the plugin's name and lets the event continue.
 */
export const createPipeline = (log: () => SdkLogger) => {
  const plugins: Plugin[] = [];
  const names = new Set<string>();
  let chain: Promise<unknown> = Promise.resolve();
  /** Events pushed and not yet started, and since when the current run of processing goes. */
  let pending = 0;
  let runStart = 0;

  const call = async <K extends keyof Plugin>(plugin: Plugin, hook: K, ...args: unknown[]): Promise<unknown> => {
    const fn = plugin[hook];
    if (typeof fn !== 'function') return undefined;
    try {
      return await (fn as (...a: unknown[]) => unknown).apply(plugin, args);
    } catch (e) {
      log().error(`plugin "${String(plugin.name)}" failed in ${hook}; it is skipped for this call:`, e);
      return FAILED;
    }
  };

  const register = async (plugin: Plugin, config: Config, client: unknown): Promise<void> => {
    if (!plugin || typeof plugin !== 'object') {
      log().warn('add() needs a plugin object ({ name, type, setup, execute }); ignored:', plugin);
      return;
    }
    if (plugin.type !== undefined && !['before', 'enrichment', 'destination'].includes(plugin.type)) {
      log().warn(`plugin "${String(plugin.name)}" has type "${String(plugin.type)}"; expected 'before', 'enrichment' or 'destination'. It will never run.`);
    }
    if (plugin.name === undefined) {
      plugin.name = uuid();
      log().debug(`a plugin without a name was given the name ${plugin.name}; name it to remove it later`);
    }
    const name = plugin.name;
    if (names.has(name)) {
      log().warn(`plugin "${name}" is already added; this add() is ignored (remove it first)`);
      return;
    }
    names.add(name); // taken before setup, so a concurrent add() of the same name is refused
    if ((await call(plugin, 'setup', config, client)) === FAILED) {
      names.delete(name);
      return;
    }
    if (names.has(name)) plugins.push(plugin);
  };

  const deregister = async (name: string): Promise<void> => {
    names.delete(name);
    const i = plugins.findIndex((p) => p.name === name);
    if (i < 0) {
      log().warn(`remove(): no plugin named "${name}"`);
      return;
    }
    const [plugin] = plugins.splice(i, 1);
    await call(plugin, 'teardown');
  };

  // Returns the result promise boxed, so awaiting `apply` does not wait for the destinations.
  const apply = async (event: Event): Promise<{ done: Promise<Result> }> => {
    for (const stage of ['before', 'enrichment'] as const) {
      for (const p of plugins.filter((p) => stageOf(p) === stage && p.execute)) {
        const out = (await call(p, 'execute', { ...event })) as Event | null | undefined | typeof FAILED;
        if (out === FAILED) continue;
        if (out === null || out === undefined || typeof out !== 'object') {
          if (out !== null) log().warn(`plugin "${String(p.name)}" returned ${String(out)} from execute, so the event "${event.event_type}" is dropped (return null to drop on purpose)`);
          else log().log(`event "${event.event_type}" dropped by plugin "${String(p.name)}"`);
          return { done: Promise.resolve(result(event, 0, '')) };
        }
        event = out;
      }
    }
    const destinations = plugins.filter((p) => p.type === 'destination' && p.execute);
    if (!destinations.length) return { done: Promise.resolve(result(event, 100, 'Event not tracked, no destination plugins on the instance')) };
    const done = destinations.map((p) =>
      call(p, 'execute', { ...event }).then((r) =>
        r && r !== FAILED && typeof r === 'object' ? (r as Result) : result(event, 0, 'Unexpected error occurred'),
      ),
    );
    return { done: Promise.all(done).then((all) => all[0]) };
  };

  return {
    plugins,
    call,
    register,
    deregister,
    /** Queues an event; the promise settles when the first destination has its result. */
    push(event: Event): Promise<Result> {
      // A burst of track() calls is processed in slices of a few milliseconds, each in its own task,
      // instead of one long microtask run right after the caller's loop.
      if (pending++ === 0) runStart = Date.now();
      const applied = chain.then(() => {
        pending -= 1;
        if (Date.now() - runStart < SLICE_MS) return apply(event);
        return nextTask().then(() => {
          runStart = Date.now();
          return apply(event);
        });
      });
      chain = applied.catch(() => undefined);
      return applied.then((box) => box.done, () => result(event, 0, 'Unexpected error occurred'));
    },
    /** Calls `hook` on every plugin that has it; nothing waits for it. */
    notify(hook: 'onIdentityChanged' | 'onSessionIdChanged' | 'onOptOutChanged' | 'onReset', arg?: unknown) {
      for (const p of plugins) if (p[hook]) void call(p, hook, arg);
    },
    /** Waits for queued events to reach the destinations, then flushes every destination. */
    async flush(): Promise<void> {
      await chain;
      await Promise.all(plugins.filter((p) => p.type === 'destination').map((p) => call(p, 'flush')));
    },
    /** Tears every plugin down (in reverse order) and forgets them. */
    async teardown(): Promise<void> {
      const all = plugins.splice(0).reverse();
      names.clear();
      for (const p of all) await call(p, 'teardown');
    },
  };
};

export type Pipeline = ReturnType<typeof createPipeline>;
