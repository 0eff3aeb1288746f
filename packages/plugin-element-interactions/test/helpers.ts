// Shared by this package's tests: a client that records what plugins track.
import type { Config, Plugin } from '@footprint/core';
import { vi } from 'vitest';

export interface Tracked {
  type: string;
  props: Record<string, any>;
  time?: number;
}

export const setupPlugin = (plugin: Plugin) => {
  const tracked: Tracked[] = [];
  const warnings: string[] = [];
  const errors: unknown[] = [];
  const client = {
    track: vi.fn((type: string, props?: Record<string, any>, opts?: { time?: number }) => {
      tracked.push({ type, props: props ?? {}, time: opts?.time });
    }),
  };
  const config = {
    loggerProvider: { warn: (m: string) => warnings.push(m), error: (...a: unknown[]) => errors.push(a), log() {}, debug() {} },
  } as unknown as Config;
  plugin.setup!(config, client);
  return { tracked, warnings, errors, client };
};

export const click = (el: Element, init: MouseEventInit = {}) =>
  el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, ...init }));

export const change = (el: Element) => el.dispatchEvent(new Event('change', { bubbles: true }));

/** Counts live listeners and observers on the page, to prove teardown undoes setup. */
export const countLiveHooks = () => {
  const live = new Map<string, number>();
  const key = (t: unknown, type: string, fn: unknown) => `${t === window ? 'w' : t === document ? 'd' : 'o'}:${type}:${String(fn).length}`;
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  const winAdd = window.addEventListener;
  const winRemove = window.removeEventListener;
  let observers = 0;
  const observe = MutationObserver.prototype.observe;
  const disconnect = MutationObserver.prototype.disconnect;
  const spies = [
    vi.spyOn(EventTarget.prototype, 'addEventListener').mockImplementation(function (this: EventTarget, type, fn, opts) {
      live.set(key(this, type, fn), (live.get(key(this, type, fn)) ?? 0) + 1);
      return add.call(this, type, fn, opts);
    }),
    vi.spyOn(EventTarget.prototype, 'removeEventListener').mockImplementation(function (this: EventTarget, type, fn, opts) {
      live.set(key(this, type, fn), (live.get(key(this, type, fn)) ?? 0) - 1);
      return remove.call(this, type, fn, opts);
    }),
    // happy-dom's window has its own listener methods.
    vi.spyOn(window, 'addEventListener').mockImplementation(function (this: Window, type: string, fn: any, opts?: any) {
      live.set(key(window, type, fn), (live.get(key(window, type, fn)) ?? 0) + 1);
      return winAdd.call(window, type, fn, opts);
    }),
    vi.spyOn(window, 'removeEventListener').mockImplementation(function (this: Window, type: string, fn: any, opts?: any) {
      live.set(key(window, type, fn), (live.get(key(window, type, fn)) ?? 0) - 1);
      return winRemove.call(window, type, fn, opts);
    }),
    vi.spyOn(MutationObserver.prototype, 'observe').mockImplementation(function (this: MutationObserver, ...a) {
      observers++;
      return observe.apply(this, a);
    }),
    vi.spyOn(MutationObserver.prototype, 'disconnect').mockImplementation(function (this: MutationObserver) {
      observers--;
      return disconnect.call(this);
    }),
  ];
  return {
    listeners: () => [...live.values()].reduce((a, b) => a + b, 0),
    observers: () => observers,
    restore: () => spies.forEach((s) => s.mockRestore()),
  };
};
