// Page unload and the back-forward cache in Chromium (issues #4, #17; docs/delivery.md): events tracked
// inside a `pagehide` listener registered after the SDK's reach the collector exactly once; a page restored
// from the bfcache keeps delivering; a batch in flight when the tab closes is not sent again (and, the one
// trade-off, is lost if its request then fails); `transport: 'beacon'` and gzip bodies work against the
// real collector. The collector does not de-duplicate, so every copy on the wire counts.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath, launchBrowser } from '../support/browser';
import { startTestCollector, type TestCollector } from '../support/collector';
import { fixturesDir } from '../support/paths';

let collector: TestCollector;
let browser: Browser;
let context: BrowserContext;
let site: Server;
let origin: string;

const settle = (ms = 1000) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  collector = await startTestCollector({ dedupe: false });
  await launchBrowser().then((b) => b.close()); // fails loudly when Chromium is missing
  // Playwright launches Chromium with --disable-back-forward-cache; keep the cache on, as browsers ship it.
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, ignoreDefaultArgs: ['--disable-back-forward-cache'] });
  // The collector serves fixtures with `Cache-Control: no-store`, which keeps a page out of the bfcache:
  // this little site serves the fixture without it (the SDK and uploads still go to the collector).
  const html = readFileSync(`${fixturesDir}/unload/index.html`, 'utf8').split('%COLLECTOR%').join(collector.url);
  site = createServer((req, res) => {
    const body = req.url!.startsWith('/other') ? '<!doctype html><title>other</title><p>another page, no SDK</p>' : html;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser?.close();
  await collector?.close();
  site?.close();
});

beforeEach(async () => {
  // Close the last test's pages first: their pagehide tracks events, which must not count in this test.
  await context?.close();
  await settle(300);
  await collector.reset();
  context = await browser.newContext();
});

const open = async (opts: Record<string, unknown> = {}): Promise<Page> => {
  const page = await context.newPage();
  await page.goto(`${origin}/?opts=${encodeURIComponent(JSON.stringify(opts))}`);
  await page.evaluate(() => (window as any).ready);
  return page;
};

/** How many copies of events of `type` were stored, and how many of them repeat an insert_id. */
const count = async (type: string) => {
  const mine = (await collector.received()).events.filter((e) => e.event_type === type);
  return { stored: mine.length, duplicates: mine.length - new Set(mine.map((e) => e.insert_id)).size };
};


describe('unload', () => {
  it('an event tracked in a pagehide listener registered after init arrives exactly once when the page navigates away', async () => {
    const page = await open();
    await page.evaluate(() => (window as any).footprint.track('before-hide', { i: 1 }));
    await page.goto(`${origin}/other`);
    await collector.waitFor((events) => events.some((e) => e.event_type === 'late-pagehide'), 10_000);
    await settle();
    expect(await count('late-pagehide')).toEqual({ stored: 1, duplicates: 0 });
    expect((await count('before-hide')).stored).toBe(1);
  });

  it('… and when the tab is closed', async () => {
    const page = await open();
    await page.close({ runBeforeUnload: true });
    await collector.waitFor((events) => events.some((e) => e.event_type === 'late-pagehide'), 10_000);
    await settle();
    expect(await count('late-pagehide')).toEqual({ stored: 1, duplicates: 0 });
  });

  it('registers no unload or beforeunload listener (they would keep pages out of the back-forward cache)', async () => {
    const page = await open();
    const cdp = await context.newCDPSession(page);
    const { result } = await cdp.send('Runtime.evaluate', { expression: 'window' });
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
    const types = listeners.map((l) => l.type);
    expect(types).toContain('pagehide');
    expect(types).not.toContain('unload');
    expect(types).not.toContain('beforeunload');
  });

  it('a page restored from the back-forward cache is initialized and keeps delivering', async () => {
    const page = await open();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Page.enable');
    const notRestored: unknown[] = [];
    cdp.on('Page.backForwardCacheNotUsed', (e) => notRestored.push(e.notRestoredExplanations));
    await page.goto(`${origin}/other`);
    await page.goBack({ waitUntil: 'commit' }); // a restore fires pageshow, not load
    await page.waitForFunction(() => (window as any).pageshows?.length >= 2, undefined, { timeout: 10_000 }).catch(() => undefined);
    expect(notRestored).toEqual([]);
    const shows: boolean[] = await page.evaluate(() => (window as any).pageshows);
    expect(shows).toEqual([false, true]); // the same document, shown again from the cache
    expect(await page.evaluate(() => (window as any).footprint.getDeviceId())).toEqual(expect.any(String));
    await page.evaluate(() => (window as any).footprint.track('after-restore', { i: 1 }));
    await collector.waitFor((events) => events.some((e) => e.event_type === 'after-restore'), 10_000);
    await settle();
    expect(await count('after-restore')).toEqual({ stored: 1, duplicates: 0 });
    expect((await count('late-pagehide')).stored).toBe(1);
  });
});

describe('uploads from the worker (issue #11)', () => {
  it('a batch in flight in the worker when the tab closes is not sent again: stored once when its answer is 200', async () => {
    await collector.fault({ count: 1, delayMs: 2000 });
    const page = await open({ flushIntervalMillis: 50 });
    await page.evaluate(() => {
      for (let i = 0; i < 5; i++) (window as any).footprint.track('in-worker-flight', { i });
    });
    await settle(600); // the upload left from the worker and waits on the collector
    await page.close({ runBeforeUnload: true });
    await collector.waitFor((events) => events.filter((e) => e.event_type === 'in-worker-flight').length >= 5, 10_000);
    await settle(1500);
    expect(await count('in-worker-flight')).toEqual({ stored: 5, duplicates: 0 });
    expect((await count('late-pagehide')).stored).toBe(1); // the page-hide path still works beside it
  });

  it('the trade-off: a handed-off batch whose request fails after the tab closed is lost, never sent twice', async () => {
    // The worker's request is held for 2 s and then refused: nobody is left to retry it.
    await collector.fault({ count: 1, status: 503, delayMs: 2000 });
    const page = await open({ flushIntervalMillis: 50 });
    await page.evaluate(() => {
      for (let i = 0; i < 5; i++) (window as any).footprint.track('refused-after-close', { i });
    });
    await settle(600);
    await page.close({ runBeforeUnload: true });
    await collector.waitFor(() => true);
    await settle(2500); // past the refusal
    const { rejected } = await collector.received();
    expect(rejected.filter((r) => r.status === 503)).toHaveLength(1);
    expect(await count('refused-after-close')).toEqual({ stored: 0, duplicates: 0 });
    // Another page of the site finds nothing of it to send: the events were counted as sent.
    const next = await open({ flushIntervalMillis: 50 });
    await next.evaluate(() => (window as any).footprint.flush().promise);
    await settle(500);
    expect((await count('refused-after-close')).stored).toBe(0);
  });

  it('a page whose uploads went through the worker still enters the back-forward cache and keeps delivering', async () => {
    const page = await open({ flushIntervalMillis: 50 });
    await page.evaluate(() => (window as any).footprint.track('before-bfcache', { i: 1 }));
    await collector.waitFor((events) => events.some((e) => e.event_type === 'before-bfcache'), 10_000);
    const cdp = await context.newCDPSession(page);
    const { targetInfos } = await cdp.send('Target.getTargets');
    expect(targetInfos.filter((t) => t.type === 'worker' && t.url.startsWith('blob:'))).toHaveLength(1);
    await cdp.send('Page.enable');
    const notRestored: unknown[] = [];
    cdp.on('Page.backForwardCacheNotUsed', (e) => notRestored.push(e.notRestoredExplanations));
    await page.goto(`${origin}/other`);
    await page.goBack({ waitUntil: 'commit' });
    await page.waitForFunction(() => (window as any).pageshows?.length >= 2, undefined, { timeout: 10_000 }).catch(() => undefined);
    expect(notRestored).toEqual([]);
    expect(await page.evaluate(() => (window as any).pageshows)).toEqual([false, true]);
    await page.evaluate(() => (window as any).footprint.track('after-bfcache', { i: 1 }));
    await collector.waitFor((events) => events.some((e) => e.event_type === 'after-bfcache'), 10_000);
    await settle();
    expect(await count('after-bfcache')).toEqual({ stored: 1, duplicates: 0 });
    expect((await count('before-bfcache')).stored).toBe(1);
  });
});

describe('transports', () => {
  it("transport: 'beacon' delivers through navigator.sendBeacon", async () => {
    const page = await open({ transport: 'beacon', flushIntervalMillis: 50 });
    await page.evaluate(() => {
      for (let i = 0; i < 40; i++) (window as any).footprint.track('beaconed', { i });
    });
    await collector.waitFor((events) => events.filter((e) => e.event_type === 'beaconed').length === 40, 10_000);
    expect((await count('beaconed')).stored).toBe(40);
  });

  it('enableRequestBodyCompression gzips bodies of 2 KB and more for a custom serverUrl', async () => {
    const page = await open({ enableRequestBodyCompression: true, flushIntervalMillis: 50 });
    await page.evaluate(() => {
      for (let i = 0; i < 30; i++) (window as any).footprint.track('zipped', { i, text: 'lorem ipsum '.repeat(10) });
    });
    await collector.waitFor((events) => events.filter((e) => e.event_type === 'zipped').length === 30, 10_000);
    const { uploads } = await collector.received();
    expect(uploads.length).toBeGreaterThan(0);
    expect(uploads.every((u) => u.gzip === true)).toBe(true);
    expect(uploads.reduce((n, u) => n + u.events, 0)).toBe(30);
  });
});
