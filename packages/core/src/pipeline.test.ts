import { describe, expect, it, vi } from 'vitest';
import { createLogger } from './logger';
import { createPipeline } from './pipeline';
import { LogLevel, type Config, type Event, type Plugin, type Result } from './types';

const config = {} as Config;
/** The event's result, as the client reads it. */
const push = (pipeline: ReturnType<typeof createPipeline>, event: Event) => new Promise<Result>((settle) => pipeline.push(event, settle));
const logger = () => ({ log: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() });

/** A pipeline with the given plugins and a recording destination that answers 200. */
const setup = async (...plugins: Plugin[]) => {
  const provider = logger();
  const log = createLogger(LogLevel.Debug, provider);
  const pipeline = createPipeline(() => log);
  const received: Event[] = [];
  for (const p of plugins) await pipeline.register(p, config, undefined);
  await pipeline.register(
    { name: 'dest', type: 'destination', execute: async (e: Event): Promise<Result> => (received.push(e), { event: e, code: 200, message: 'ok' }) },
    config,
    undefined,
  );
  return { pipeline, received, provider };
};

describe('pipeline', () => {
  it('runs events one at a time in order: an async plugin is awaited before the next step and the next event', async () => {
    const seen: string[] = [];
    const slowBefore: Plugin = {
      name: 'slow',
      type: 'before',
      execute: (e) => (e.event_type === 'a' ? new Promise((r) => setTimeout(() => r(e), 10)) : e),
    };
    const enrich: Plugin = { name: 'enrich', execute: (e) => (seen.push(e.event_type), { ...e, event_properties: { enriched: true } }) };
    const { pipeline, received } = await setup(enrich, slowBefore);
    const results = await Promise.all(['a', 'b', 'c'].map((t) => push(pipeline, { event_type: t })));
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(received.map((e) => [e.event_type, e.event_properties])).toEqual([
      ['a', { enriched: true }],
      ['b', { enriched: true }],
      ['c', { enriched: true }],
    ]);
    expect(results.map((r) => r.code)).toEqual([200, 200, 200]);
  });

  it('plugins that answer synchronously run back to back: no microtask runs between events of one slice', async () => {
    let ticks = 0;
    const at: number[] = [];
    const counter: Plugin = { name: 'counter', type: 'before', execute: (e) => (at.push(ticks), queueMicrotask(() => (ticks += 1)), e) };
    const { pipeline } = await setup(counter);
    await Promise.all([1, 2, 3, 4, 5].map((i) => push(pipeline, { event_type: `e${i}` })));
    expect(at).toEqual([0, 0, 0, 0, 0]);
  });

  it('each plugin gets its own copy: mutating it changes neither the pushed event nor what a dropped result reports', async () => {
    const event: Event = { event_type: 'orig', event_properties: { a: 1 } };
    const mutator: Plugin = { name: 'mutator', type: 'before', execute: (e) => ((e.event_type = 'changed'), null) };
    const { pipeline, received } = await setup(mutator);
    const r = await push(pipeline, event);
    expect(r).toEqual({ event: { event_type: 'orig', event_properties: { a: 1 } }, code: 0, message: '' });
    expect(event.event_type).toBe('orig');
    expect(received).toEqual([]);
  });

  it('a plugin that throws or rejects is logged with its name and skipped; the event goes on unchanged', async () => {
    const throws: Plugin = { name: 'throws', type: 'before', execute: () => { throw new Error('sync boom'); } };
    const rejects: Plugin = { name: 'rejects', execute: () => Promise.reject(new Error('async boom')) };
    const { pipeline, received, provider } = await setup(throws, rejects);
    expect((await push(pipeline, { event_type: 'x' })).code).toBe(200);
    expect(received.map((e) => e.event_type)).toEqual(['x']);
    const errors = provider.error.mock.calls.map((c) => c.map(String).join(' ')).join('\n');
    expect(errors).toContain('plugin "throws" failed in execute');
    expect(errors).toContain('plugin "rejects" failed in execute');
  });

  it('a destination that throws, rejects or answers nothing gives a result, never a rejection; with several, the first one answers', async () => {
    const provider = logger();
    const log = createLogger(LogLevel.Debug, provider);
    const resultOf = async (...destinations: Array<Plugin['execute']>) => {
      const pipeline = createPipeline(() => log);
      for (const [i, execute] of destinations.entries()) await pipeline.register({ name: `d${i}`, type: 'destination', execute }, config, undefined);
      const settled: Result[] = [];
      pipeline.push({ event_type: 'x' }, (r) => settled.push(r));
      await vi.waitFor(() => expect(settled).toHaveLength(1));
      await new Promise((r) => setTimeout(r, 20));
      expect(settled).toHaveLength(1); // once, even with several destinations
      return [settled[0].code, settled[0].message];
    };
    const unexpected = [0, 'Unexpected error occurred'];
    expect(await resultOf(() => { throw new Error('sync'); })).toEqual(unexpected);
    expect(await resultOf(() => Promise.reject(new Error('async')))).toEqual(unexpected);
    expect(await resultOf((() => undefined) as unknown as Plugin['execute'])).toEqual(unexpected);
    expect(await resultOf((e) => ({ event: e, code: 202, message: 'sync answer' }))).toEqual([202, 'sync answer']);
    expect(await resultOf()).toEqual([100, 'Event not tracked, no destination plugins on the instance']);
    expect(
      await resultOf(
        async (e) => (await new Promise((r) => setTimeout(r, 5)), { event: e, code: 200, message: 'first' }),
        async (e) => ({ event: e, code: 500, message: 'second' }),
      ),
    ).toEqual([200, 'first']);
    expect(provider.error.mock.calls.map((c) => c.map(String).join(' ')).filter((m) => m.includes('failed in execute'))).toHaveLength(2);
  });

  it('a destination that answers by returning the function it was given settles through it, once, with no promise', async () => {
    const pipeline = createPipeline(() => createLogger(LogLevel.Debug, logger()));
    const later: Array<() => void> = [];
    const execute = ((e: Event, answer: (r: Result) => void) => (later.push(() => answer({ event: e, code: 201, message: 'by callback' })), answer)) as unknown as Plugin['execute'];
    await pipeline.register({ name: 'engine', type: 'destination', execute }, config, undefined);
    await pipeline.register({ name: 'other', type: 'destination', execute: async (e) => ({ event: e, code: 500, message: 'second' }) }, config, undefined);
    const settled: Result[] = [];
    pipeline.push({ event_type: 'x' }, (r) => settled.push(r));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toHaveLength(0); // the returned function is not taken for an answer
    later.forEach((f) => f());
    await new Promise((r) => setTimeout(r, 20));
    expect(settled.map((r) => [r.code, r.message])).toEqual([[201, 'by callback']]);
  });

  it('every result passes through `seen` once, just before its event’s settle, on every path', async () => {
    const order: string[] = [];
    const pipeline = createPipeline(
      () => createLogger(LogLevel.None, logger()),
      (r) => order.push(`seen ${r.event.event_type} ${r.code}`),
    );
    const drop: Plugin = { name: 'drop', type: 'before', execute: (e) => (e.event_type === 'dropped' ? null : e) };
    await pipeline.register(drop, config, undefined);
    const settle = (r: Result) => order.push(`settle ${r.event.event_type} ${r.code}`);
    pipeline.push({ event_type: 'dropped' }, settle);
    pipeline.push({ event_type: 'no destination' }, settle);
    await pipeline.flush();
    await pipeline.register({ name: 'd', type: 'destination', execute: async (e) => ({ event: e, code: 200, message: 'ok' }) }, config, undefined);
    pipeline.push({ event_type: 'delivered' }, settle);
    await vi.waitFor(() => expect(order).toHaveLength(6));
    expect(order).toEqual(['seen dropped 0', 'settle dropped 0', 'seen no destination 100', 'settle no destination 100', 'seen delivered 200', 'settle delivered 200']);
  });

  it('a long burst is processed in slices, letting other tasks run in between', async () => {
    const busy: Plugin = {
      name: 'busy',
      type: 'before',
      execute: (e) => {
        const until = Date.now() + 3;
        while (Date.now() < until);
        return e;
      },
    };
    const { pipeline, received } = await setup(busy);
    const pushed = Array.from({ length: 12 }, (_, i) => push(pipeline, { event_type: `e${i}` }));
    let processedWhenTimerRan = -1;
    setTimeout(() => (processedWhenTimerRan = received.length), 0);
    await Promise.all(pushed);
    expect(processedWhenTimerRan).toBeGreaterThan(0);
    expect(processedWhenTimerRan).toBeLessThan(12);
  });

  it('flush() waits for the events queued before it to reach the destinations, then flushes them', async () => {
    const flush = vi.fn();
    const slow: Plugin = { name: 'slow', execute: (e) => new Promise((r) => setTimeout(() => r(e), 5)) };
    const { pipeline, received } = await setup(slow);
    await pipeline.register({ name: 'dest2', type: 'destination', flush, execute: () => new Promise(() => {}) }, config, undefined);
    void push(pipeline, { event_type: 'a' });
    void push(pipeline, { event_type: 'b' });
    await pipeline.flush();
    expect(received.map((e) => e.event_type)).toEqual(['a', 'b']);
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('a plugin added or removed applies to the events processed after it', async () => {
    const tag: Plugin = { name: 'tag', execute: (e) => ({ ...e, event_properties: { tagged: true } }) };
    const { pipeline, received } = await setup();
    await push(pipeline, { event_type: 'before-add' });
    await pipeline.register(tag, config, undefined);
    await push(pipeline, { event_type: 'added' });
    await pipeline.deregister('tag');
    await push(pipeline, { event_type: 'removed' });
    expect(received.map((e) => e.event_properties)).toEqual([undefined, { tagged: true }, undefined]);
  });
});

describe('hurryPipelines (the page is going away)', () => {
  it('a drain waiting out its yield resumes at once and runs to the end without yielding again', async () => {
    const { hurryPipelines } = await import('./pipeline');
    // A plugin slow enough that a burst spans several slices.
    const slow: Plugin = { name: 'slow', type: 'enrichment', execute: (e) => { const t = Date.now(); while (Date.now() - t < 3); return e; } };
    const { pipeline, received } = await setup(slow);
    for (let i = 0; i < 40; i++) void push(pipeline, { event_type: `e${i}` });
    await Promise.resolve();
    await Promise.resolve(); // the first slice ran and yields to a task
    const before = received.length;
    expect(before).toBeLessThan(40);
    try {
      hurryPipelines(true); // from a pagehide listener: no later task may come
      for (let i = 0; i < 5; i++) await Promise.resolve(); // microtasks only, as after a listener returns
      expect(received).toHaveLength(40);
    } finally {
      hurryPipelines(false);
    }
  });
});
