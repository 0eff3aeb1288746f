// Fault injection end to end (issue #4): the built script-tag bundle in Chromium against the collector's
// faults. Every valid event must be stored exactly once (by insert_id), the invalid one rejected with its
// reason, and per-device order kept where no retry forced otherwise. Prints a summary table at the end.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startTestCollector, type StoredEvent, type TestCollector } from '../support/collector';

const N = 200;
let collector: TestCollector;
let browser: Browser;
const rows: Array<{ scenario: string; tracked: number; stored: number; duplicatesOnWire: number; lost: number }> = [];

beforeAll(async () => {
  collector = await startTestCollector();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await collector?.close();
  if (rows.length) {
    const line = (c: string[]) => `| ${c.map((v, i) => (i ? v.padStart(8) : v.padEnd(38))).join(' | ')} |`;
    console.log(['', line(['scenario', 'tracked', 'stored', 'dup wire', 'lost']), ...rows.map((r) => line([r.scenario, `${r.tracked}`, `${r.stored}`, `${r.duplicatesOnWire}`, `${r.lost}`]))].join('\n'));
  }
});

const fixture = (opts: Record<string, unknown> = {}, fill = false) =>
  `${collector.url}/fixtures/delivery/index.html?opts=${encodeURIComponent(JSON.stringify(opts))}${fill ? '&fill=1' : ''}`;

const open = async (context: BrowserContext, opts: Record<string, unknown> = {}, fill = false): Promise<Page> => {
  const page = await context.newPage();
  await page.goto(fixture(opts, fill));
  await page.evaluate(() => (window as any).ready);
  return page;
};

const track = (page: Page, prefix: string, from: number, to: number, device?: (i: number) => Record<string, unknown>) =>
  page.evaluate(
    ([p, a, b, d]) => (window as any).trackMany(p, a, b, d ? (i: number) => new Function('i', `return ${d}`)(i) : undefined),
    [prefix, from, to, device ? `(${device.toString()})(i)` : ''] as const,
  );

const fates = (page: Page): Promise<Array<{ i: number; code: number; message: string }>> => page.evaluate(() => (window as any).fates);

/** Stored events of one scenario, and how many of its events reached the wire more than once. */
const tally = async (prefix: string) => {
  const snap = await collector.received();
  const mine = snap.events.filter((e) => e.event_type === prefix);
  const ids = new Set(mine.map((e) => e.insert_id));
  return { mine, unique: ids.size, duplicates: snap.duplicates };
};

const waitStored = (prefix: string, count: number, timeoutMs = 20_000) =>
  collector.waitFor((events) => events.filter((e) => e.event_type === prefix).length >= count, timeoutMs);

/** Events of each device arrived in tracking order. */
const orderKept = (events: StoredEvent[]) => {
  const last = new Map<string, number>();
  for (const e of events) {
    const i = e.event_properties?.i as number;
    if ((last.get(e.device_id!) ?? -1) > i) return false;
    last.set(e.device_id!, i);
  }
  return true;
};

const record = async (scenario: string, prefix: string, tracked: number, checkOrder: boolean) => {
  const { mine, unique, duplicates } = await tally(prefix);
  rows.push({ scenario, tracked, stored: unique, duplicatesOnWire: duplicates, lost: tracked - unique });
  expect(unique).toBe(tracked);
  expect(mine.length).toBe(unique); // stored exactly once
  if (checkOrder) expect(orderKept(mine)).toBe(true);
};

const scenario = (name: string, body: (context: BrowserContext) => Promise<void>) =>
  it(name, async () => {
    await collector.reset();
    await fetch(`${collector.url}/_footprint/faults`, { method: 'DELETE', headers: { 'Content-Type': 'application/json' } });
    const context = await browser.newContext();
    try {
      await body(context);
    } finally {
      await context.close();
    }
  });

describe('delivery under faults', () => {
  scenario('500s then recovery', async (context) => {
    await collector.fault({ count: 3, status: 500 });
    const page = await open(context);
    await track(page, 's500', 0, N);
    await waitStored('s500', N);
    await record('500s then recovery', 's500', N, true);
    expect((await fates(page)).every((f) => f.code === 200)).toBe(true);
  });

  scenario('503 storm longer than flushMaxRetries', async (context) => {
    await collector.fault({ count: 50, status: 503 });
    const page = await open(context, { flushMaxRetries: 3 });
    await track(page, 's503', 0, N);
    await page.waitForFunction((n) => (window as any).fates.length === n, N, { timeout: 15_000 });
    const parked = await fates(page);
    expect(parked.every((f) => f.code === 503 && /stays stored/.test(f.message))).toBe(true);
    expect((await tally('s503')).unique).toBe(0);
    await fetch(`${collector.url}/_footprint/faults`, { method: 'DELETE', headers: { 'Content-Type': 'application/json' } });
    await page.reload();
    await waitStored('s503', N);
    await record('503 storm > flushMaxRetries (reload)', 's503', N, true);
  });

  scenario('429 window with throttled ids', async (context) => {
    const body = { code: 429, error: 'Too many requests for some devices and users', eps_threshold: 30, throttled_devices: { 'device-hot-1': 31 }, throttled_users: {}, throttled_events: [] };
    await collector.fault({ count: 3, status: 429, body, headers: { 'Retry-After': '1' } });
    const page = await open(context, { throttleMillis: 1000 });
    await track(page, 's429', 0, N, (i) => ({ device_id: i % 2 ? 'device-hot-1' : 'device-calm-2' }));
    await waitStored('s429', N);
    await record('429 window, throttled device', 's429', N, true);
  });

  scenario('413 above a threshold, and one over-size event', async (context) => {
    await collector.fault({ count: 4, status: 413 });
    const page = await open(context, { flushQueueSize: 50 });
    await track(page, 's413', 0, N);
    await page.evaluate(() => {
      // Over the collector's 1 MB limit, built of strings the client keeps whole (≤ 1024 chars each).
      const huge: Record<string, string> = {};
      for (let k = 0; k < 1100; k++) huge[`p${k}`] = 'x'.repeat(1000);
      (window as any).footprint.track('s413-huge', huge).promise.then((r: any) => ((window as any).huge = r));
    });
    await waitStored('s413', N);
    const huge = await page.waitForFunction(() => (window as any).huge, undefined, { timeout: 15_000 }).then((h) => h.jsonValue());
    expect(huge).toMatchObject({ code: 413, message: expect.stringContaining('larger than the server accepts') });
    await record('413 split + over-size event dropped', 's413', N, true);
  });

  scenario('400 naming one invalid event', async (context) => {
    const page = await open(context);
    await track(page, 's400', 0, N, (i) => (i === 77 ? { time: 1700000000000.5 } : {}));
    await waitStored('s400', N - 1);
    await page.waitForFunction((n) => (window as any).fates.length === n, N, { timeout: 10_000 });
    const bad = (await fates(page)).filter((f) => f.code !== 200);
    expect(bad).toEqual([{ i: 77, code: 400, message: expect.stringContaining('(time)'), insert_id: expect.any(String) }]);
    await record('400 naming one invalid event', 's400', N - 1, true);
  });

  scenario('connection reset', async (context) => {
    await collector.fault({ count: 3, drop: true });
    const page = await open(context);
    await track(page, 'sreset', 0, N);
    await waitStored('sreset', N);
    await record('connection reset', 'sreset', N, true);
  });

  scenario('hung request (timeout)', async (context) => {
    await collector.fault({ count: 1, delayMs: 4000 });
    const page = await open(context, { requestTimeoutMillis: 800 });
    await track(page, 'shung', 0, N);
    await waitStored('shung', N);
    await new Promise((r) => setTimeout(r, 4500)); // let the hung upload land too
    await record('hung request (timeout)', 'shung', N, false);
  });

  scenario('offline then online', async (context) => {
    const page = await open(context);
    await context.setOffline(true);
    await track(page, 'soff', 0, N);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await tally('soff')).unique).toBe(0);
    expect((await collector.received()).uploads).toHaveLength(0);
    await context.setOffline(false);
    await waitStored('soff', N);
    await record('offline then online', 'soff', N, true);
  });

  scenario('reload in the middle of delivery', async (context) => {
    await collector.fault({ count: 20, delayMs: 150 });
    const page = await open(context);
    await track(page, 'sreload', 0, N);
    await collector.waitFor((events) => events.some((e) => e.event_type === 'sreload'), 10_000);
    await page.reload();
    await waitStored('sreload', N);
    await record('reload mid-delivery', 'sreload', N, false);
  });

  scenario('two tabs, one closed mid-flight', async (context) => {
    await collector.fault({ count: 30, delayMs: 150 });
    const a = await open(context, { adoptIntervalMillis: 500 });
    const b = await open(context, { adoptIntervalMillis: 500 });
    await track(a, 'stabs', 0, N);
    await track(b, 'stabs', N, 2 * N);
    await collector.waitFor((events) => events.some((e) => e.event_type === 'stabs'), 10_000);
    await a.close({ runBeforeUnload: true });
    await waitStored('stabs', 2 * N, 30_000);
    await record('two tabs, one closed mid-flight', 'stabs', 2 * N, false);
  });

  scenario('localStorage full', async (context) => {
    // A slow first upload keeps the events queued past their write delay, so the SDK tries to store them.
    await collector.fault({ count: 1, delayMs: 2500 });
    const page = await open(context, {}, true);
    await track(page, 'sfull', 0, N);
    await waitStored('sfull', N);
    await record('localStorage full (memory fallback)', 'sfull', N, true);
    const warnings: string[] = await page.evaluate(() => (window as any).warnings);
    expect(warnings.some((w) => w.includes('QuotaExceededError'))).toBe(true);
  });
});
