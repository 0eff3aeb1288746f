import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { frustrationPlugin } from './frustration-plugin';
import { click, countLiveHooks, setupPlugin } from '../test/helpers';

let plugin: ReturnType<typeof frustrationPlugin>;
const start = (options?: Parameters<typeof frustrationPlugin>[0]) => setupPlugin((plugin = frustrationPlugin(options)));
const $ = (sel: string) => document.querySelector(sel)!;
const types = (t: { type: string }[]) => t.map((e) => e.type);

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = '<button id="b">Save</button><div id="d">Area</div><button id="ok">OK</button><div id="out"></div>';
  $('#ok').addEventListener('click', () => ($('#out').textContent = 'saved'));
});
afterEach(() => {
  plugin?.teardown?.();
  vi.useRealTimers();
});

describe('frustrationPlugin', () => {
  it('tracks a rage click: 4 clicks in under a second within 50 px', async () => {
    const { tracked } = start({ deadClicks: false });
    for (let i = 0; i < 4; i++) {
      click($('#d'), { clientX: 10 + i, clientY: 10 });
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(1100);
    expect(types(tracked)).toEqual(['[Amplitude] Rage Click']);
    expect(tracked[0].props).toMatchObject({ '[Amplitude] Click Count': 4, '[Amplitude] Element ID': 'd', '[Amplitude] Element Tag': 'div' });
    expect(tracked[0].props['[Amplitude] Clicks']).toHaveLength(4);
  });

  it('does not call 3 clicks, or slow clicks, rage', async () => {
    const { tracked } = start({ deadClicks: false });
    for (let i = 0; i < 3; i++) click($('#d'));
    await vi.advanceTimersByTimeAsync(2000);
    for (let i = 0; i < 4; i++) {
      click($('#d'));
      await vi.advanceTimersByTimeAsync(400);
    }
    await vi.advanceTimersByTimeAsync(2000);
    expect(tracked).toEqual([]);
  });

  it('honours rageClicks.cssSelectorAllowlist', async () => {
    const { tracked } = start({ deadClicks: false, rageClicks: { cssSelectorAllowlist: ['button'] } });
    for (let i = 0; i < 4; i++) click($('#d'));
    await vi.advanceTimersByTimeAsync(2000);
    expect(tracked).toEqual([]);
  });

  it('tracks a dead click when nothing changes within 3 s, with X and Y', async () => {
    const { tracked } = start({ rageClicks: false });
    click($('#b'), { clientX: 12, clientY: 34 });
    await vi.advanceTimersByTimeAsync(2900);
    expect(tracked).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(types(tracked)).toEqual(['[Amplitude] Dead Click']);
    click($('#ok')); // changes the DOM: alive
    await vi.advanceTimersByTimeAsync(3100);
    expect(tracked).toHaveLength(1);
    expect(tracked[0].props).toMatchObject({ '[Amplitude] Element ID': 'b', '[Amplitude] X': 12, '[Amplitude] Y': 34 });
  });

  it('only looks for dead clicks on interactable elements by default', async () => {
    const { tracked } = start({ rageClicks: false });
    click($('#d'));
    await vi.advanceTimersByTimeAsync(4000);
    expect(tracked).toEqual([]);
  });

  it('tracks an error click: an error or unhandled rejection within 2 s of a click', async () => {
    const { tracked } = start({ rageClicks: false, deadClicks: false, errorClicks: true });
    click($('#b'));
    const error = new Error('boom at jane@corp.com');
    window.dispatchEvent(new ErrorEvent('error', { error, message: error.message, filename: 'app.js', lineno: 3, colno: 7 }));
    await vi.advanceTimersByTimeAsync(10);
    expect(types(tracked)).toEqual(['[Amplitude] Error Click']);
    expect(tracked[0].props).toMatchObject({
      '[Amplitude] Kind': 'uncaught exception',
      '[Amplitude] Message': 'boom at *****',
      '[Amplitude] Filename': 'app.js',
      '[Amplitude] Line Number': 3,
      '[Amplitude] Column Number': 7,
      '[Amplitude] Element ID': 'b',
    });
    expect(tracked[0].props['[Amplitude] Stack']).toContain('Error');

    click($('#b'));
    const rejection = new Event('unhandledrejection') as any;
    rejection.reason = new Error('nope');
    window.dispatchEvent(rejection);
    await vi.advanceTimersByTimeAsync(10);
    expect(tracked[1].props).toMatchObject({ '[Amplitude] Kind': 'unhandled promise rejection', '[Amplitude] Message': 'nope' });

    click($('#b'));
    await vi.advanceTimersByTimeAsync(2100);
    window.dispatchEvent(new ErrorEvent('error', { error: new Error('late'), message: 'late' }));
    await vi.advanceTimersByTimeAsync(10);
    expect(tracked).toHaveLength(2);
  });

  it('leaves error clicks and thrashed cursor off unless asked', async () => {
    const { tracked } = start(true);
    click($('#ok'));
    window.dispatchEvent(new ErrorEvent('error', { error: new Error('x'), message: 'x' }));
    for (let i = 0; i < 30; i++) document.dispatchEvent(new MouseEvent('mousemove', { clientX: i % 2 ? 100 : 0, clientY: 0 }));
    await vi.advanceTimersByTimeAsync(4000);
    expect(tracked).toEqual([]);
  });

  it('tracks a thrashed cursor, clamping directionChanges to at least 5', async () => {
    const { tracked, warnings } = start({ rageClicks: false, deadClicks: false, thrashedCursor: { directionChanges: 2, threshold: 9000 } });
    expect(warnings).toHaveLength(2);
    for (let i = 0; i < 7; i++) {
      document.dispatchEvent(new MouseEvent('mousemove', { clientX: i % 2 ? 100 : 0, clientY: 0 }));
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(types(tracked)).toEqual(['[Amplitude] Thrashed Cursor']);
    expect(tracked[0].time).toBeTypeOf('number');
  });

  it('respects pageUrlExcludelist', async () => {
    const { tracked } = start({ pageUrlExcludelist: [/./] });
    click($('#b'));
    await vi.advanceTimersByTimeAsync(4000);
    expect(tracked).toEqual([]);
  });

  it('teardown removes every listener and observer it added', async () => {
    const hooks = countLiveHooks();
    try {
      const before = hooks.listeners();
      const { tracked } = start({ errorClicks: true, thrashedCursor: true });
      click($('#b'));
      expect(hooks.observers()).toBe(1);
      plugin.teardown!();
      expect(hooks.listeners()).toBe(before);
      expect(hooks.observers()).toBe(0);
      await vi.advanceTimersByTimeAsync(4000);
      expect(tracked).toEqual([]);
    } finally {
      hooks.restore();
    }
  });
});
