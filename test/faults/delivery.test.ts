// Fault injection end to end (issues #4, #17): the built script-tag bundle in Chromium against collectors
// that do NOT de-duplicate, so every copy of an event that reaches the wire is seen. For every scenario,
// run with uploads from the worker and with them on the main thread (in parallel, one collector each),
// each valid event must be stored exactly once: 0 lost, 0 sent twice (docs/delivery.md "The guarantee").
// Prints the table (tracked / stored / lost / sent twice) at the end.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath, launchBrowser } from '../support/browser';
import { startTestCollector, type StoredEvent, type TestCollector } from '../support/collector';
import { fixturesDir } from '../support/paths';

const N = 200;

/** One run of the scenarios: its own collector and its own site (so its own storage and locks). */
interface Variant {
  name: 'worker' | 'main thread';
  collector: TestCollector;
  origin: string;
  site: Server;
  /** Options that pick where uploads leave from. */
  transport: Record<string, unknown>;
}

let browser: Browser;
const rows: Array<{ scenario: string; variant: string; tracked: number; stored: number; lost: number; twice: number }> = [];

const startVariant = async (name: Variant['name']): Promise<Variant> => {
  const collector = await startTestCollector({ dedupe: false });
  // The collector serves fixtures with `Cache-Control: no-store`, which keeps pages out of the back-forward
  // cache: this little site serves the fixture without it (the SDK and uploads still go to the collector).
  const html = readFileSync(`${fixturesDir}/delivery/index.html`, 'utf8').split('%COLLECTOR%').join(collector.url);
  const site = createServer((req, res) => {
    const body = req.url!.startsWith('/other') ? '<!doctype html><title>other</title><p>another page, no SDK</p>' : html;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  return { name, collector, origin, site, transport: { transport: { type: 'fetch', worker: name === 'worker' } } };
};

beforeAll(async () => {
  await launchBrowser().then((b) => b.close()); // fails loudly when Chromium is missing
  // Playwright launches Chromium with --disable-back-forward-cache; keep the cache on, as browsers ship it.
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, ignoreDefaultArgs: ['--disable-back-forward-cache'] });
});

afterAll(async () => {
  await browser?.close();
  if (rows.length) {
    rows.sort((a, b) => order.indexOf(a.scenario) - order.indexOf(b.scenario) || a.variant.localeCompare(b.variant));
    const line = (c: string[]) => `| ${c.map((v, i) => (i > 1 ? v.padStart(6) : v.padEnd(i ? 11 : 52))).join(' | ')} |`;
    console.log(['', line(['scenario', 'uploads', 'tracked', 'stored', 'lost', 'twice']), ...rows.map((r) => line([r.scenario, r.variant, `${r.tracked}`, `${r.stored}`, `${r.lost}`, `${r.twice}`]))].join('\n'));
  }
});

/** What a scenario gets: its variant, a fresh browser context, and helpers bound to them. */
const harness = (v: Variant, context: BrowserContext) => {
  const url = (opts: Record<string, unknown> = {}, fill = false) =>
    `${v.origin}/?opts=${encodeURIComponent(JSON.stringify({ ...v.transport, ...opts }))}${fill ? '&fill=1' : ''}`;
  const open = async (opts: Record<string, unknown> = {}, fill = false): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(url(opts, fill));
    await page.evaluate(() => (window as any).ready);
    return page;
  };
  const track = (page: Page, prefix: string, from: number, to: number, device?: (i: number) => Record<string, unknown>) =>
    page.evaluate(
      ([p, a, b, d]) => (window as any).trackMany(p, a, b, d ? (i: number) => new Function('i', `return ${d}`)(i) : undefined),
      [prefix, from, to, device ? `(${device.toString()})(i)` : ''] as const,
    );
  const fates = (page: Page): Promise<Array<{ i: number; code: number; message: string }>> => page.evaluate(() => (window as any).fates);
  const mine = async (prefix: string) => (await v.collector.events()).filter((e) => e.event_type === prefix);
  /** Waits until `count` distinct events of `prefix` are stored. */
  const waitStored = (prefix: string, count: number, timeoutMs = 20_000) =>
    v.collector.waitFor((events) => new Set(events.filter((e) => e.event_type === prefix).map((e) => e.insert_id)).size >= count, timeoutMs);
  const fault = (spec: Parameters<TestCollector['fault']>[0]) => v.collector.fault(spec);
  return { v, context, url, open, track, fates, mine, waitStored, fault, settle: (ms: number) => new Promise((r) => setTimeout(r, ms)) };
};
type Harness = ReturnType<typeof harness>;

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

/**
 * Runs `body` once per variant, in parallel, then counts what its collector stored for the scenario's
 * prefix: distinct insert_ids (stored), copies beyond the first (sent twice), and tracked − stored (lost).
 */
const order: string[] = [];
const scenario = (name: string, prefix: string, tracked: number, body: (h: Harness) => Promise<void>, opts: { order?: boolean; timeout?: number } = {}) =>
  order.push(name) &&
  it(
    name,
    async () => {
      // Each scenario has collectors and sites of its own, so scenarios run side by side.
      const variants = await Promise.all([startVariant('worker'), startVariant('main thread')]);
      const results = await Promise.all(
        variants.map(async (v) => {
          const context = await browser.newContext();
          let failure: unknown;
          try {
            await body(harness(v, context));
          } catch (e) {
            failure = e; // reported below, once the collector has said what it holds
          } finally {
            await context.close();
          }
          const events = (await v.collector.events()).filter((e) => e.event_type === prefix);
          const stored = new Set(events.map((e) => e.insert_id)).size;
          const row = { scenario: name, variant: v.name, tracked, stored, lost: tracked - stored, twice: events.length - stored };
          if (row.twice || row.lost || failure) {
            // Which events, to tell a resend from a loss when it fails.
            const seen = new Map<string, number>();
            for (const e of events) seen.set(e.insert_id!, (seen.get(e.insert_id!) ?? 0) + 1);
            const twice = events.filter((e) => seen.get(e.insert_id!)! > 1).map((e) => `${e.event_properties?.i}@${String(e.upload_id).slice(0, 4)}`);
            const has = new Set(events.map((e) => e.event_properties?.i as number));
            // (up to the count tracked too: events lost at the end show as well as gaps)
            const missing = Array.from({ length: Math.max(tracked, ...[...has].map((i) => i + 1)) }, (_, i) => i).filter((i) => !has.has(i));
            const uploads = (await v.collector.received()).uploads.map((u: any) => [u.status, u.events]);
            console.log(`${name} (${v.name}): copies ${twice.join(' ') || 'none'}; missing ${missing.join(' ') || 'none'}; uploads ${JSON.stringify(uploads)}`);
          }
          rows.push(row);
          await v.collector.close();
          v.site.close();
          if (failure) throw failure;
          return { row, events };
        }),
      );
      for (const { row, events } of results) {
        expect({ variant: row.variant, lost: row.lost, twice: row.twice }).toEqual({ variant: row.variant, lost: 0, twice: 0 });
        if (opts.order) expect(orderKept(events)).toBe(true);
      }
    },
    opts.timeout ?? 60_000,
  );

describe.concurrent('delivery under faults: every event stored once, with uploads from the worker and from the main thread', () => {
  scenario('50 events, answers delayed 1.5 s, reload mid-flight', 'sreload50', 50, async (h) => {
    await h.fault({ count: 4, delayMs: 1500 });
    const page = await h.open({ flushQueueSize: 20 });
    await h.track(page, 'sreload50', 0, 50);
    await h.settle(400); // two batches have left and wait for their answers
    await page.reload();
    await page.evaluate(() => (window as any).ready);
    await h.waitStored('sreload50', 50);
    await h.settle(1800); // anything sent again by the new page would have arrived
  });

  scenario('20 events, page reloaded at once', 'sinstant', 20, async (h) => {
    const page = await h.open();
    await page.evaluate(() => {
      for (let i = 0; i < 20; i++) (window as any).footprint.track('sinstant', { i });
      location.reload();
    });
    await page.waitForFunction(() => (window as any).ready, undefined, { timeout: 10_000 });
    await h.waitStored('sinstant', 20);
    await h.settle(1000);
  });

  scenario('2 tabs × 200, first 5 uploads 503, one closed mid-flight, one reloaded', 'stabs', 2 * N, async (h) => {
    await h.fault({ count: 5, status: 503 });
    await h.fault({ count: 20, delayMs: 150 });
    const a = await h.open({ adoptIntervalMillis: 500 });
    const b = await h.open({ adoptIntervalMillis: 500 });
    await h.track(a, 'stabs', 0, N);
    await h.track(b, 'stabs', N, 2 * N);
    // Each tab has had an upload stored, so it has read the 503s it was answered (one request in flight per
    // tab, and the 503s were the first uploads). A tab closed before it reads a 503 loses that batch: the
    // trade-off of docs/delivery.md, not what this scenario is about. Batches are still in flight (each
    // answer is delayed), so A closes and B reloads mid-flight.
    const tab = (first: boolean) => (e: StoredEvent) => e.event_type === 'stabs' && ((e.event_properties?.i as number) < N) === first;
    await h.v.collector.waitFor((events) => events.some(tab(true)) && events.some(tab(false)), 10_000);
    await a.close({ runBeforeUnload: true });
    await b.reload();
    await h.waitStored('stabs', 2 * N, 30_000);
    await h.settle(1000);
  });

  scenario('tab switch (hidden, no pagehide) with a batch in flight', 'sswitch', 60, async (h) => {
    await h.fault({ count: 1, delayMs: 1500 });
    const page = await h.open();
    await h.track(page, 'sswitch', 0, 60);
    await h.settle(300); // the first batch is in flight
    await page.evaluate(() => (window as any).setVisibility('hidden'));
    await h.track(page, 'sswitch', 60, 60);
    await h.settle(200);
    await page.evaluate(() => (window as any).setVisibility('visible'));
    await h.waitStored('sswitch', 60);
    await h.settle(1700); // past the held answer: a second copy would have arrived
  });

  scenario('offline, then online', 'soff', N, async (h) => {
    const page = await h.open();
    await h.context.setOffline(true);
    await h.track(page, 'soff', 0, N);
    await h.settle(800);
    expect(await h.mine('soff')).toHaveLength(0);
    await h.context.setOffline(false);
    await h.waitStored('soff', N);
  }, { order: true });

  scenario('503 storm past flushMaxRetries, then a reload', 's503', N, async (h) => {
    await h.fault({ count: 50, status: 503 });
    const page = await h.open({ flushMaxRetries: 3 });
    await h.track(page, 's503', 0, N);
    await page.waitForFunction((n) => (window as any).fates.length === n, N, { timeout: 15_000 });
    expect((await h.fates(page)).every((f) => f.code === 503 && /stays stored/.test(f.message))).toBe(true);
    expect(await h.mine('s503')).toHaveLength(0);
    await fetch(`${h.v.collector.url}/_footprint/faults`, { method: 'DELETE', headers: { 'Content-Type': 'application/json' } });
    await page.reload();
    await h.waitStored('s503', N);
    await h.settle(500);
  }); // (no order check: at the reload the parked events leave by parallel page-hide requests)

  scenario('500s, then recovery', 's500', N, async (h) => {
    await h.fault({ count: 3, status: 500 });
    const page = await h.open();
    await h.track(page, 's500', 0, N);
    await h.waitStored('s500', N);
    await page.waitForFunction((n) => (window as any).fates.length === n, N, { timeout: 10_000 });
    expect((await h.fates(page)).every((f) => f.code === 200)).toBe(true);
  }, { order: true });

  scenario('429 windows with a throttled device', 's429', N, async (h) => {
    const body = { code: 429, error: 'Too many requests for some devices and users', eps_threshold: 30, throttled_devices: { 'device-hot-1': 31 }, throttled_users: {}, throttled_events: [] };
    await h.fault({ count: 3, status: 429, body, headers: { 'Retry-After': '1' } });
    const page = await h.open({ throttleMillis: 1000 });
    await h.track(page, 's429', 0, N, (i) => ({ device_id: i % 2 ? 'device-hot-1' : 'device-calm-2' }));
    await h.waitStored('s429', N);
  }, { order: true });

  scenario('413 above a threshold, and one over-size event', 's413', N, async (h) => {
    await h.fault({ count: 4, status: 413 });
    const page = await h.open({ flushQueueSize: 50, flushIntervalMillis: 5000 });
    await h.track(page, 's413', 0, N);
    await page.evaluate(() => {
      // Over the collector's 1 MB limit, built of strings the client keeps whole (≤ 1024 chars each): the
      // client refuses it before it is queued, as over the per-event limit (docs/bad-input.md).
      const huge: Record<string, string> = {};
      for (let k = 0; k < 1100; k++) huge[`p${k}`] = 'x'.repeat(1000);
      (window as any).footprint.track('s413-huge', huge).promise.then((r: any) => ((window as any).huge = r));
    });
    await h.waitStored('s413', N);
    const huge = await page.waitForFunction(() => (window as any).huge, undefined, { timeout: 15_000 }).then((x) => x.jsonValue());
    expect(huge).toMatchObject({ code: 400, message: expect.stringContaining('E6 event over 262144 characters') });
  }, { order: true });

  scenario('400 naming one invalid event by index', 's400', N - 1, async (h) => {
    const page = await h.open();
    // An id the server refuses ("anonymous") but that passes the client's checks (type, minIdLength).
    await h.track(page, 's400', 0, N, (i) => (i === 77 ? { user_id: 'anonymous' } : {}));
    await h.waitStored('s400', N - 1);
    await page.waitForFunction((n) => (window as any).fates.length === n, N, { timeout: 10_000 });
    const bad = (await h.fates(page)).filter((f) => f.code !== 200);
    expect(bad).toEqual([{ i: 77, code: 400, message: expect.stringContaining('(user_id)'), insert_id: expect.any(String) }]);
  }, { order: true });

  scenario('connection reset', 'sreset', N, async (h) => {
    await h.fault({ count: 3, drop: true });
    const page = await h.open();
    await h.track(page, 'sreset', 0, N);
    await h.waitStored('sreset', N);
  }, { order: true });

  scenario('hung request (answer after 4 s, timeout 2.5 s)', 'shung', N, async (h) => {
    await h.fault({ count: 1, delayMs: 4000 });
    const page = await h.open({ requestTimeoutMillis: 2500 });
    const started = Date.now();
    await h.track(page, 'shung', 0, N);
    await h.waitStored('shung', N);
    await h.settle(Math.max(0, 4500 - (Date.now() - started))); // the hung upload has landed too
  });

  scenario('3 tabs: a closed tab’s queue adopted by one of the others', 'sadopt', 350, async (h) => {
    // Tab A cannot upload (offline: true), so everything it tracked is left stored when it closes.
    const a = await h.open({ offline: true });
    const b = await h.open({ adoptIntervalMillis: 300 });
    const c = await h.open({ adoptIntervalMillis: 300 });
    await h.track(a, 'sadopt', 0, 150);
    await h.track(b, 'sadopt', 150, 250);
    await h.track(c, 'sadopt', 250, 350);
    await h.waitStored('sadopt', 200);
    await a.close({ runBeforeUnload: true });
    await h.waitStored('sadopt', 350);
    await h.settle(1000); // a second adopter would have sent them again by now
  });

  scenario('back-forward cache: away and back with answers pending, then more events', 'sbfcache', 60, async (h) => {
    await h.fault({ count: 2, delayMs: 800 });
    const page = await h.open();
    await h.track(page, 'sbfcache', 0, 40);
    await h.settle(200);
    await page.goto(`${h.v.origin}/other`);
    await page.goBack({ waitUntil: 'commit' });
    await page.waitForFunction(() => (window as any).pageshows?.length >= 2, undefined, { timeout: 10_000 });
    expect(await page.evaluate(() => (window as any).pageshows)).toEqual([false, true]); // restored, not reloaded
    await h.track(page, 'sbfcache', 40, 60);
    await h.waitStored('sbfcache', 60);
    await h.settle(1000);
  });

  scenario('localStorage full: what does not fit stays in memory', 'sfull', N, async (h) => {
    // A slow first upload keeps the events queued past their write delay, so the SDK tries to store them.
    await h.fault({ count: 1, delayMs: 2500 });
    const page = await h.open({}, true);
    await h.track(page, 'sfull', 0, N);
    await h.waitStored('sfull', N);
    const warnings: string[] = await page.evaluate(() => (window as any).warnings);
    expect(warnings.filter((w) => w.includes('QuotaExceededError'))).toHaveLength(1);
  }, { order: true });
});
