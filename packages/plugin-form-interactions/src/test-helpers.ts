// Shared by this package's tests: a client that records what the plugins track, and a logger that records.
import type { Config, Plugin } from '@footprint/core';

export interface Tracked {
  type: string;
  props: Record<string, any>;
}

export const setupPlugin = (plugin: Plugin) => {
  const tracked: Tracked[] = [];
  const warnings: unknown[][] = [];
  const errors: unknown[][] = [];
  const client = { track: (type: string, props?: Record<string, any>) => void tracked.push({ type, props: props ?? {} }) };
  const config = {
    loggerProvider: { warn: (...a: unknown[]) => warnings.push(a), error: (...a: unknown[]) => errors.push(a), log() {}, debug() {} },
  } as unknown as Config;
  void plugin.setup!(config, client);
  return { tracked, warnings, errors, types: () => tracked.map((t) => t.type) };
};

/** Listeners added to and removed from window and document, to prove teardown undoes setup. */
export const watchListeners = () => {
  const live = new Map<unknown, number>();
  const targets = [window, document] as EventTarget[];
  const restore = targets.map((t) => {
    const add = t.addEventListener;
    const remove = t.removeEventListener;
    t.addEventListener = function (this: EventTarget, type: string, fn: any, opts?: any) {
      live.set(fn, (live.get(fn) ?? 0) + 1);
      return add.call(this, type, fn, opts);
    };
    t.removeEventListener = function (this: EventTarget, type: string, fn: any, opts?: any) {
      if (live.has(fn)) live.set(fn, live.get(fn)! - 1);
      return remove.call(this, type, fn, opts);
    };
    return () => {
      t.addEventListener = add;
      t.removeEventListener = remove;
    };
  });
  return {
    added: () => live.size,
    live: () => [...live.values()].reduce((a, b) => a + b, 0),
    restore: () => restore.forEach((r) => r()),
  };
};
