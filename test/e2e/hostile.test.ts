// Property-based, in Chromium: every public call and builder of the script-tag build, driven with arbitrary
// hostile values (docs/bad-input.md), against the collector storing every copy it receives.
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath } from '../support/browser';
import { startTestCollector, type TestCollector } from '../support/collector';
import { call, runHostile, type Call, type HostileReport } from '../support/hostile';

const KEY = 'hostile-e2e-key';

describe('hostile input (Chromium)', () => {
  let collector: TestCollector;
  let browser: Browser;
  let page: Page;
  /** insert_id → copies uploaded to the stand-in for Amplitude's endpoint (instances left on the default URL). */
  const elsewhere = new Map<string, number>();

  beforeAll(async () => {
    collector = await startTestCollector({ dedupe: false });
    // Nothing may leave the machine: every name but the loopback fails to resolve, and requests to any
    // other origin (Amplitude's default endpoint, for instances a hostile init() left on it) get a 200 here.
    browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'] });
    const context = await browser.newContext();
    await context.route(
      (url) => !url.href.startsWith(collector.url),
      async (route) => {
        try {
          const raw = route.request().postDataBuffer() ?? Buffer.alloc(0);
          const body = JSON.parse((raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString('utf8'));
          for (const e of body.events ?? []) elsewhere.set(e.insert_id, (elsewhere.get(e.insert_id) ?? 0) + 1);
        } catch {
          // not an upload
        }
        await route.fulfill({ status: 200, contentType: 'application/json', body: '{"code":200}' });
      },
    );
    page = await context.newPage();
    await page.route(`${collector.url}/hostile`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>hostile</title><a href="/x">link</a><script src="/sdk/footprint.min.js"></script>' }),
    );
    await page.goto(`${collector.url}/hostile`);
    await page.evaluate((src) => {
      (window as any).runHostile = (0, eval)(`(${src})`);
      (window as any).rejections = 0;
      addEventListener('unhandledrejection', () => (window as any).rejections++);
    }, runHostile.toString());
  });

  afterAll(async () => {
    await browser?.close();
    await collector?.close();
  });

  it('no call throws, every promise settles, every 200 is stored exactly once; prints the slowest call per method', async () => {
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const worst: Record<string, number> = {};
    const ok: string[] = [];
    const slow: string[] = [];
    let calls = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 10 }), async (batch: Call[]) => {
        calls += batch.length;
        const report: HostileReport = await page.evaluate(
          async ([calls, serverUrl, key]) => {
            const fp = (window as any).footprint;
            const client = fp.createInstance();
            await client.init(key, { serverUrl, flushIntervalMillis: 20, logLevel: 0 }).promise;
            return (window as any).runHostile(calls, client, fp, 20_000);
          },
          [batch, `${collector.url}/2/httpapi`, KEY] as const,
        );
        for (const [m, ms] of Object.entries(report.maxMs)) worst[m] = Math.max(worst[m] ?? 0, ms);
        ok.push(...report.ok);
        slow.push(...report.slow);
        expect(report.thrown).toEqual([]);
        expect(report.unsettled).toEqual([]);
      }),
      { numRuns: 40, seed: Number(process.env.FC_SEED ?? Date.now() % 1e9) },
    );
    expect(pageErrors).toEqual([]);
    expect(await page.evaluate(() => (window as any).rejections)).toBe(0);
    expect(await page.evaluate(() => 'polluted' in Object.prototype)).toBe(false);

    // Every 200 was stored exactly once: at the collector, or (instances on the default URL) at the stand-in.
    const count = async () => {
      const stored = new Map<string, number>();
      for (const e of (await collector.received()).events) stored.set(e.insert_id!, (stored.get(e.insert_id!) ?? 0) + 1);
      return ok.filter((id) => (stored.get(id) ?? 0) + (elsewhere.get(id) ?? 0) !== 1).map((id) => `${id}: ${stored.get(id) ?? 0} + ${elsewhere.get(id) ?? 0}`);
    };
    const deadline = Date.now() + 15_000;
    let wrong = await count();
    while (wrong.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      wrong = await count();
    }
    expect(wrong).toEqual([]);
    expect(ok.length).toBeGreaterThan(0);

    const slowest = Object.entries(worst).sort((a, b) => b[1] - a[1]);
    process.stdout.write(
      `hostile (Chromium): ${calls} calls, ${ok.length} answered 200; slowest per method (ms): ${slowest
        .slice(0, 8)
        .map(([m, ms]) => `${m} ${ms.toFixed(1)}`)
        .join(', ')}\n${slow.slice(0, 5).join('\n')}\n`,
    );
    // A generous bound, not the 50 ms goal: this machine is shared and the figure above is what to read.
    expect(slowest[0][1]).toBeLessThan(1000);
  }, 240_000);
});
