import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MetricLike } from './vitals';

// web-vitals cannot measure in happy-dom: a stand-in records the callbacks so tests can report metrics.
const callbacks = vi.hoisted(() => new Map<string, ((m: unknown) => void)[]>());
const optionsSeen = vi.hoisted(() => [] as unknown[]);
vi.mock('web-vitals', () => {
  const on = (name: string) => (cb: (m: unknown) => void, opts?: unknown) => {
    optionsSeen.push(opts);
    callbacks.set(name, [...(callbacks.get(name) ?? []), cb]);
  };
  return { onLCP: on('LCP'), onFCP: on('FCP'), onINP: on('INP'), onCLS: on('CLS'), onTTFB: on('TTFB') };
});

const { webVitalsPlugin } = await import('./web-vitals-plugin');
const { metricProperty } = await import('./vitals');
const { pageProperties } = await import('@footprint/dom');

const VITALS = '[Amplitude] Web Vitals';
let visibility: DocumentVisibilityState = 'visible';
let plugin: ReturnType<typeof webVitalsPlugin> | undefined;

const metric = (name: string, value: number, startTime = 100, delta = value): MetricLike => ({
  name,
  value,
  rating: 'good',
  delta,
  navigationType: 'navigate',
  id: `v5-${name}`,
  entries: [{ startTime }],
});
const report = (m: MetricLike) => callbacks.get(m.name)?.forEach((cb) => cb(m));
const setVisibility = (state: DocumentVisibilityState) => {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
};
const start = () => {
  plugin = webVitalsPlugin();
  const tracked: { type: string; props: Record<string, any> }[] = [];
  const warnings: unknown[][] = [];
  const errors: unknown[][] = [];
  const client = {
    track: vi.fn((type: string, props: Record<string, any>) => void tracked.push({ type, props: structuredClone(props) })),
    flush: vi.fn(),
  };
  const config = { loggerProvider: { warn: (...a: unknown[]) => warnings.push(a), error: (...a: unknown[]) => errors.push(a), log() {}, debug() {} } } as any;
  void plugin.setup!(config, client);
  return { tracked, client, warnings, errors };
};

beforeEach(() => {
  callbacks.clear();
  optionsSeen.length = 0;
  visibility = 'visible';
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  history.replaceState(null, '', '/caf%C3%A9/menu?table=4#top');
  document.title = 'Menu';
});
afterEach(() => {
  void plugin?.teardown?.();
  plugin = undefined;
});

describe('webVitalsPlugin', () => {
  it('observes all five metrics, every change reported', () => {
    start();
    expect([...callbacks.keys()].sort()).toEqual(['CLS', 'FCP', 'INP', 'LCP', 'TTFB']);
    expect(optionsSeen).toEqual(Array(5).fill({ reportAllChanges: true }));
  });

  it('sends ONE event with the page and every reported metric when the page first hides, leaving delivery to the page-hide path', () => {
    const { tracked, client } = start();
    for (const [name, value] of [['LCP', 812.5], ['FCP', 300], ['INP', 48], ['CLS', 0.12], ['TTFB', 35.2]] as const) report(metric(name, value));
    expect(tracked).toEqual([]);
    setVisibility('hidden');
    expect(tracked).toHaveLength(1);
    const [{ type, props }] = tracked;
    expect(type).toBe(VITALS);
    const origin = Math.floor(performance.timeOrigin);
    expect(props).toEqual({
      '[Amplitude] Page Domain': location.hostname,
      '[Amplitude] Page Location': `${location.origin}/café/menu?table=4#top`,
      '[Amplitude] Page Path': '/café/menu',
      '[Amplitude] Page Title': 'Menu',
      '[Amplitude] Page URL': `${location.origin}/café/menu`,
      '[Amplitude] LCP': { value: 812.5, rating: 'good', delta: 812.5, navigationType: 'navigate', id: 'v5-LCP', timestamp: Math.floor(performance.timeOrigin + 100), navigationStart: origin },
      '[Amplitude] FCP': expect.objectContaining({ value: 300 }),
      '[Amplitude] INP': expect.objectContaining({ value: 48 }),
      '[Amplitude] CLS': expect.objectContaining({ value: 0.12 }),
      '[Amplitude] TTFB': expect.objectContaining({ value: 35.2 }),
    });
    // No flush(): it would start an ordinary (possibly gzip, so asynchronous) upload that the engine's
    // page-hide send then skips as in flight.
    expect(client.flush).not.toHaveBeenCalled();
  });

  it('keeps the latest report of a metric (CLS grows until the page hides), its delta being the whole value', () => {
    const { tracked } = start();
    report(metric('CLS', 0.05));
    report(metric('CLS', 0.2, 100, 0.15));
    setVisibility('hidden');
    expect(tracked[0].props['[Amplitude] CLS']).toMatchObject({ value: 0.2, delta: 0.2 });
  });

  it('waits past pagehide for the visibilitychange that follows it, so metrics reported there are included, once', () => {
    const { tracked } = start();
    report(metric('LCP', 640));
    window.dispatchEvent(new Event('pagehide'));
    expect(tracked).toEqual([]);
    report(metric('INP', 280)); // web-vitals reports a pending interaction at visibilitychange
    setVisibility('hidden');
    expect(tracked.map((t) => [t.type, t.props['[Amplitude] LCP'].value, t.props['[Amplitude] INP'].value])).toEqual([[VITALS, 640, 280]]);
    window.dispatchEvent(new Event('pagehide'));
    setVisibility('hidden');
    expect(tracked).toHaveLength(1);
  });

  it('runs before bubble-phase page-hide listeners such as the delivery engine listeners', () => {
    const order: string[] = [];
    const engine = () => order.push('engine');
    document.addEventListener('visibilitychange', engine);
    try {
      plugin = webVitalsPlugin();
      void plugin.setup!({ loggerProvider: console } as any, { track: () => order.push('track') });
      setVisibility('hidden');
    } finally {
      document.removeEventListener('visibilitychange', engine);
    }
    expect(order).toEqual(['track', 'engine']);
  });

  it('leaves out metrics the page did not produce', () => {
    const { tracked } = start();
    report(metric('TTFB', 20));
    setVisibility('hidden');
    expect(Object.keys(tracked[0].props).filter((k) => /LCP|FCP|INP|CLS|TTFB/.test(k))).toEqual(['[Amplitude] TTFB']);
  });

  it('sends only the first time the page hides; later hides and late metrics change nothing', () => {
    const { tracked } = start();
    setVisibility('visible'); // a visibilitychange that is not a hide
    expect(tracked).toEqual([]);
    setVisibility('hidden');
    report(metric('LCP', 999));
    setVisibility('visible');
    setVisibility('hidden');
    expect(tracked).toHaveLength(1);
    expect(tracked[0].props['[Amplitude] LCP']).toBeUndefined();
  });

  it('describes the page as it was at setup, not after a single-page-app navigation', () => {
    const { tracked } = start();
    history.pushState(null, '', '/elsewhere');
    setVisibility('hidden');
    expect(tracked[0].props['[Amplitude] Page Path']).toBe('/café/menu');
  });

  it('tracks metrics reported by listeners that run before it on the hide itself (web-vitals final values)', () => {
    const { tracked } = start();
    // web-vitals reports final CLS/INP/LCP from window capture-phase visibilitychange listeners.
    const final = () => report(metric('INP', 200));
    window.addEventListener('visibilitychange', final, true);
    try {
      setVisibility('hidden');
    } finally {
      window.removeEventListener('visibilitychange', final, true);
    }
    expect(tracked[0].props['[Amplitude] INP'].value).toBe(200);
  });

  it('teardown stops observing: no event on hide, and late metric callbacks are ignored', () => {
    const { tracked } = start();
    void plugin!.teardown!();
    report(metric('LCP', 1));
    setVisibility('hidden');
    expect(tracked).toEqual([]);
    // set up again after teardown: observes afresh
    const again = start();
    setVisibility('visible');
    setVisibility('hidden');
    expect(again.tracked).toHaveLength(1);
    expect(again.tracked[0].props['[Amplitude] LCP']).toBeUndefined();
  });

  it('teardown removes its one listener, and adds none to window', () => {
    const spies = [document, window].flatMap((t) => [vi.spyOn(t, 'addEventListener'), vi.spyOn(t, 'removeEventListener')]);
    const [docAdd, docRemove, winAdd] = spies;
    try {
      start();
      void plugin!.teardown!();
      expect(docAdd).toHaveBeenCalledTimes(1);
      expect(winAdd).not.toHaveBeenCalled();
      expect(docRemove).toHaveBeenCalledWith(...docAdd.mock.calls[0]);
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
  });

  it('keeps a failing client away from the page', () => {
    plugin = webVitalsPlugin();
    const errors: unknown[] = [];
    void plugin.setup!({ loggerProvider: { warn() {}, error: (...a: unknown[]) => errors.push(a) } } as any, { track: () => { throw new Error('down'); } });
    expect(() => setVisibility('hidden')).not.toThrow();
    expect(errors).toHaveLength(1);
  });

});

describe('metricProperty and pageProperties', () => {
  it('uses navigation start as the timestamp of a metric without entries', () => {
    expect(metricProperty({ ...metric('CLS', 0), entries: [] }, 1000.7)).toMatchObject({ timestamp: 1000, navigationStart: 1000 });
  });

  it('keeps a URL that cannot be decoded as it is', () => {
    const p = pageProperties({ href: 'https://x.test/a%E0%A4%A?q=1', hostname: 'x.test', pathname: '/a%E0%A4%A', search: '?q=1' }, 'T');
    expect(p).toEqual({
      '[Amplitude] Page Domain': 'x.test',
      '[Amplitude] Page Location': 'https://x.test/a%E0%A4%A?q=1',
      '[Amplitude] Page Path': '/a%E0%A4%A',
      '[Amplitude] Page Title': 'T',
      '[Amplitude] Page URL': 'https://x.test/a%E0%A4%A',
    });
  });
});
