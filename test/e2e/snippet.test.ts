import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startTestCollector, type StoredEvent, type TestCollector } from '../support/collector';
import { sdkDist } from '../support/paths';

// The script-tag path of issue "Drop-in for script-tag sites": the snippet queues calls made before the
// bundle arrives, and the bundle replays them in order on the right instances (docs/protocol.md §A.9).
const require = createRequire(import.meta.url);
const meta = JSON.parse(readFileSync(`${sdkDist}/snippet.json`, 'utf8')) as { file: string; integrity: string };
const snippetFor = (src: string) => readFileSync(`${sdkDist}/snippet.min.js`, 'utf8').replace(`"/${meta.file}"`, JSON.stringify(src));

// The same calls, made before the library loads (through the snippet) or after (plain script tag).
const scenario = `
  window.results = [];
  var fp = window.footprint;
  var serverUrl = location.origin + '/2/httpapi';
  fp.init('api-key-12345', { serverUrl: serverUrl, flushIntervalMillis: 50, autocapture: false }).promise.then(function () { results.push('init'); });
  fp.identify(new fp.Identify().set('plan', 'pro').add('logins', 1)).promise.then(function (r) { results.push('identify ' + r.code); });
  fp.setUserId('user-12345');
  fp.track('Checkout Started', { step: 1 }).promise.then(function (r) { results.push('track ' + r.code + ' ' + r.event.user_id); });
  fp.revenue(new fp.Revenue().setProductId('sku-1').setPrice(3.5).setQuantity(2)).promise.then(function (r) { results.push('revenue ' + r.code); });
  var second = fp.createInstance('second');
  second.init('api-key-67890', { serverUrl: serverUrl, flushIntervalMillis: 50, autocapture: false });
  second.track('Second Instance Event').promise.then(function (r) { results.push('second ' + r.code); });
  fp.track('Checkout Finished').promise.then(function (r) { results.push('finished ' + r.code); });
`;

const page = (head: string) => `<!doctype html><html><head><meta charset="utf-8"><title>snippet</title>${head}</head><body><p>snippet test</p></body></html>`;

describe('script-tag snippet', () => {
  let browser: Browser;
  let collector: TestCollector;

  beforeAll(async () => {
    browser = await launchBrowser();
    collector = await startTestCollector();
  });
  afterAll(async () => {
    await browser?.close();
    await collector?.close();
  });
  beforeEach(() => collector.reset());

  const open = async (html: string, headers: Record<string, string> = {}, holdScript = false) => {
    const p = await browser.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    await p.route(`${collector.url}/page.html`, (route) => route.fulfill({ contentType: 'text/html', body: html, headers }));
    if (holdScript) {
      await p.route(`${collector.url}/sdk/cdn/${meta.file}`, async (route) => {
        await released;
        await route.continue();
      });
    }
    // A held-back bundle delays the load event: wait for the document only.
    await p.goto(`${collector.url}/page.html`, { waitUntil: 'domcontentloaded' });
    return { page: p, errors, release };
  };

  const settle = async (p: Page, count: number) => {
    await p.waitForFunction((n) => (window as any).results?.length >= n, count, { timeout: 10_000 });
    return p.evaluate(() => (window as any).results as string[]);
  };

  const shape = (events: StoredEvent[]) =>
    events.map((e) => ({
      api_key: e.api_key,
      event_type: e.event_type,
      user_id: e.user_id,
      event_properties: e.event_properties,
      user_properties: e.user_properties,
    }));

  it('replays calls made before the bundle loads in order, on the right instances, and resolves their promises', async () => {
    const before = await open(page(`<script>${snippetFor(`/sdk/cdn/${meta.file}`)}</script><script>${scenario}</script>`), {}, true);
    // Nothing can be sent while the bundle is held back: the calls are only queued.
    expect(await before.page.evaluate(() => (window as any).footprint._q.length)).toBe(6);
    before.release();
    const results = await settle(before.page, 6);
    expect(results).toEqual(expect.arrayContaining(['init', 'identify 200', 'track 200 user-12345', 'revenue 200', 'second 200', 'finished 200']));
    const queued = await collector.waitFor((e) => e.length >= 5);
    expect(before.errors).toEqual([]);

    await collector.reset();
    const after = await open(page(`<script src="/sdk/footprint.min.js"></script><script>${scenario}</script>`));
    await settle(after.page, 6);
    const direct = await collector.waitFor((e) => e.length >= 5);

    // Session events are tracked on init either way; compare everything else in order.
    const byKey = (events: StoredEvent[], key: string) =>
      shape(events.filter((e) => e.api_key === key && !e.event_type.startsWith('session_')));
    expect(byKey(queued, 'api-key-12345')).toEqual(byKey(direct, 'api-key-12345'));
    expect(byKey(queued, 'api-key-67890')).toEqual(byKey(direct, 'api-key-67890'));
    expect(byKey(queued, 'api-key-12345').map((e) => e.event_type)).toEqual(['$identify', 'Checkout Started', 'revenue_amount', 'Checkout Finished']);
    expect(byKey(queued, 'api-key-67890').map((e) => e.event_type)).toEqual(['Second Instance Event']);
  });

  const anchorStyle = scenario.replace('var fp = window.footprint;', 'var fp = window.amplitude;');

  it('provides the amplitude global for pages written for the anchor', async () => {
    const { page: p, errors } = await open(page(`<script src="/sdk/footprint.min.js"></script><script>${anchorStyle}</script>`));
    await settle(p, 6);
    expect(await p.evaluate(() => (window as any).amplitude === (window as any).footprint)).toBe(true);
    expect(errors).toEqual([]);
  });

  it("takes over Amplitude's own snippet when only its script URL is swapped for ours", async () => {
    const anchorSnippet = readFileSync(require.resolve('@amplitude/analytics-browser/lib/scripts/amplitude-snippet-min.js'), 'utf8')
      .replace(/c\.integrity="[^"]+",/, '')
      .replace(/c\.src="[^"]+"/, `c.src="/sdk/cdn/${meta.file}"`);
    expect(anchorSnippet).toContain(`/sdk/cdn/${meta.file}`);
    const logs: string[] = [];
    const { page: p, errors, release } = await open(page(`<script>${anchorSnippet}</script><script>${anchorStyle}</script>`), {}, true);
    p.on('console', (m) => logs.push(m.text()));
    release();
    const results = await settle(p, 6);
    expect(results).toEqual(expect.arrayContaining(['identify 200', 'track 200 user-12345', 'revenue 200', 'second 200']));
    const events = await collector.waitFor((e) => e.length >= 5);
    expect(events.filter((e) => !e.event_type.startsWith('session_')).map((e) => e.event_type).sort()).toEqual(
      ['$identify', 'Checkout Finished', 'Checkout Started', 'Second Instance Event', 'revenue_amount'].sort(),
    );
    expect(logs.filter((l) => l.includes('could not load'))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('warns and does nothing when the snippet runs twice', async () => {
    const s = snippetFor(`/sdk/cdn/${meta.file}`);
    const warnings: string[] = [];
    const p = await browser.newPage();
    p.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await p.route(`${collector.url}/page.html`, (route) => route.fulfill({ contentType: 'text/html', body: page(`<script>${s}</script><script>${s}</script>`) }));
    await p.goto(`${collector.url}/page.html`);
    await p.waitForFunction(() => typeof (window as any).footprint.VERSION === 'string');
    expect(await p.evaluate(() => document.querySelectorAll('script[src*="footprint-"]').length)).toBe(1);
    expect(warnings.some((w) => w.includes('snippet ran twice'))).toBe(true);
  });

  it('leaves a harmless API when the bundle cannot load', async () => {
    const { page: p, errors } = await open(
      page(`<script>${snippetFor('/sdk/missing.js')}</script><script>${scenario}; window.after = footprint.track('x') && 'ok';</script>`),
    );
    await p.waitForTimeout(300);
    expect(await p.evaluate(() => (window as any).after)).toBe('ok');
    expect(errors).toEqual([]);
  });

  it('works under a strict Content Security Policy with a nonce, with zero violations', async () => {
    const csp = `default-src 'none'; script-src 'self' 'nonce-f00tpr1nt'; connect-src ${collector.url}; base-uri 'none'`;
    const html = page(
      `<script nonce="f00tpr1nt">window.violations = []; document.addEventListener('securitypolicyviolation', function (e) { violations.push(e.violatedDirective + ' ' + e.blockedURI); });</script>` +
        `<script nonce="f00tpr1nt">${snippetFor(`/sdk/cdn/${meta.file}`)}</script><script nonce="f00tpr1nt">${scenario}</script>`,
    );
    const { page: p, errors } = await open(html, { 'Content-Security-Policy': csp });
    const results = await settle(p, 6);
    expect(results).toContain('track 200 user-12345');
    await collector.waitFor((e) => e.length >= 5);
    expect(await p.evaluate(() => (window as any).violations)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
