// The engine's parts tested on their own (engine.test.ts tests them through the engine): its timers, the
// batch byte limits, one upload's timeouts, and the persister's idle-time writes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TransportResponse } from '../types';
import { createTimers } from './timers';
import { batchBytes } from './batch';
import { upload } from './upload';
import { resolveSettings } from './settings';
import { memoryLocks } from './tab-slots';
import { createPersister, type Persistable } from './persister';

describe('createTimers', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps one flush interval pending: a second call does not add or move it', () => {
    const due = vi.fn();
    const [interval] = createTimers(due);
    interval(1000);
    vi.advanceTimersByTime(600);
    interval(1000);
    vi.advanceTimersByTime(400);
    expect(due).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(2000);
    expect(due).toHaveBeenCalledTimes(1);
    interval(1000); // a new one once the last has fired
    vi.advanceTimersByTime(1000);
    expect(due).toHaveBeenCalledTimes(2);
  });

  it('wakes at the earliest time asked for, once', () => {
    const due = vi.fn();
    const [, wake] = createTimers(due);
    const now = Date.now();
    wake(now + 5000);
    wake(now + 2000); // earlier: replaces
    wake(now + 3000); // later: ignored
    vi.advanceTimersByTime(1999);
    expect(due).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(due).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10_000);
    expect(due).toHaveBeenCalledTimes(1);
  });

  it('stop() clears both, and a wake-up can be set again after it', () => {
    const due = vi.fn();
    const [interval, wake, stop] = createTimers(due);
    interval(100);
    wake(Date.now() + 50);
    stop();
    vi.advanceTimersByTime(1000);
    expect(due).not.toHaveBeenCalled();
    wake(Date.now() + 3000); // not ignored: stop() forgot the earlier time
    vi.advanceTimersByTime(3000);
    expect(due).toHaveBeenCalledTimes(1);
  });
});

describe('batchBytes', () => {
  it('fits a keepalive for a plain body, four times that when gzipped', () => {
    expect(batchBytes(false)).toBeLessThan(16 * 1024);
    expect(batchBytes(true)).toBe(4 * batchBytes(false));
  });
});

describe('upload', () => {
  const s = resolveSettings({ apiKey: 'k', requestTimeoutMillis: 1000, loggerProvider: { log() {}, warn() {}, error() {}, debug() {} } as never }, 'https://x.test/2/httpapi', memoryLocks);
  const payload = { api_key: 'k', events: [] };
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('releases the queue at the request timeout but still takes a late answer', async () => {
    let answer!: (r: TransportResponse) => void;
    const release = vi.fn();
    const res = upload({ send: () => new Promise((r) => (answer = r)) }, s, payload, { timeoutMs: 4000 }, release);
    await vi.advanceTimersByTimeAsync(1000);
    expect(release).toHaveBeenCalledTimes(1);
    answer({ status: 200, body: { code: 200 } });
    await expect(res).resolves.toEqual({ status: 200, body: { code: 200 } });
  });

  it('gives up with null 2 s after the transport’s own limit, and on a transport that throws', async () => {
    const never = upload({ send: () => new Promise(() => undefined) }, s, payload, { timeoutMs: 4000 }, () => undefined);
    await vi.advanceTimersByTimeAsync(6000);
    await expect(never).resolves.toBeNull();
    const thrown = upload({ send: () => Promise.reject(new Error('boom')) }, s, payload, { timeoutMs: 4000 }, () => undefined);
    await expect(thrown).resolves.toBeNull();
  });

  it('reads a keepalive failure one task later (the page-hide path runs first); other failures at once', async () => {
    const flushMicrotasks = async () => {
      for (let i = 0; i < 20; i++) await Promise.resolve();
    };
    for (const survives of [true, false]) {
      let settled = false;
      const res = upload({ send: async () => null }, s, payload, { timeoutMs: 4000, survives }, () => undefined).then((r) => ((settled = true), r));
      await flushMicrotasks();
      expect(settled).toBe(!survives);
      await vi.advanceTimersByTimeAsync(0);
      expect(settled).toBe(true);
      expect(await res).toBeNull();
    }
  });
});

describe('createPersister', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A persister over a map, with idle time run as a timer; counts how often it looked at an event. */
  const setup = (setRaw?: (k: string, json: string) => Promise<void>) => {
    const data = new Map<string, string>();
    let looked = 0;
    let size = 0;
    const p = createPersister<Persistable>({
      storage: {
        get: async () => undefined,
        set: async () => undefined,
        remove: async (k: string) => void data.delete(k),
        reset: async () => undefined,
        getRaw: async () => undefined,
        setRaw: setRaw ?? (async (k: string, json: string) => void data.set(k, json)),
      } as any,
      keep: () => true,
      stores: () => (looked++, true),
      size: () => size,
      warn: () => undefined,
      defer: (task) => {
        const t = setTimeout(task, 0);
        return () => clearTimeout(t);
      },
      delayMs: 2000,
    });
    p.setKey('q');
    const entry = (i: number) => ({ json: `{"i":${i}}`, bytes: 7 });
    return { p, data, entry, looked: () => looked, setSize: (n: number) => (size = n) };
  };

  it('writes a long queue once its events fall due, without reading them before', async () => {
    const { p, data, entry, looked } = setup();
    for (let i = 0; i < 1000; i++) p.append(entry(i)); // ten segments
    await vi.advanceTimersByTimeAsync(1500);
    expect(data.size).toBe(0);
    expect(looked()).toBe(0);
    await vi.advanceTimersByTimeAsync(600);
    expect(data.size).toBe(11); // ten segments and their index
    expect(JSON.parse(data.get('q:9')!)).toHaveLength(100);
  });

  it('writes an event that comes back at once, though the segment it joins is not due yet', async () => {
    const { p, data, entry } = setup();
    p.append(entry(1));
    p.back(entry(2)); // it had left without a segment (e.g. at a page hide) and its request failed
    await vi.advanceTimersByTimeAsync(10);
    expect(JSON.parse(data.get('q')!)).toEqual([{ i: 1 }, { i: 2 }]);
  });

  it('tries a segment that failed to store again once the queue has shrunk', async () => {
    let fail = true;
    const { p, data, entry, setSize } = setup((k, json) => {
      if (fail) throw new DOMException('full', 'QuotaExceededError');
      data.set(k, json);
      return Promise.resolve();
    });
    setSize(1000);
    for (let i = 0; i < 100; i++) p.append(entry(i)); // segment 0, full
    await vi.advanceTimersByTimeAsync(2100);
    expect(data.size).toBe(0);
    fail = false;
    setSize(10);
    p.append(entry(100)); // segment 1: its write also retries segment 0
    await vi.advanceTimersByTimeAsync(2100);
    expect(JSON.parse(data.get('q')!)).toHaveLength(100);
    expect(JSON.parse(data.get('q:1')!)).toEqual([{ i: 100 }]);
  });
});
