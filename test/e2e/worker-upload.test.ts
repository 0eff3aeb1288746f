// Uploads from a dedicated worker in Chromium (issue #11, packages/browser/DELIVERY.md "Transports"): on a
// page without a Content-Security-Policy the script-tag bundle's 'fetch' uploads leave from a worker, so
// page-level fetch/XHR wrappers (and the page's resource timeline) never see them; a page with a CSP keeps
// them on the main thread without a single violation; a worker the CSP refuses falls back with nothing lost.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useChromium } from '../support/chromium';

const env = useChromium();

const NONCE = 'w0rker';
// Before the SDK: wrappers that count what the page's own fetch and XHR are asked to send to /2/httpapi or /batch,
// and a log of CSP violations.
const spies = `
  window.pageUploads = 0; window.violations = [];
  document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective + ' ' + e.blockedURI));
  const f = window.fetch;
  window.fetch = function (input) { if (/httpapi|batch/.test(String(input && input.url || input))) pageUploads++; return f.apply(this, arguments); };
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (m, url) { if (/httpapi|batch/.test(String(url))) pageUploads++; return open.apply(this, arguments); };
`;

/** A page served with `headers`, loading the script-tag bundle and initialising it with `opts`. */
const open = async (opts: Record<string, unknown>, headers: Record<string, string> = {}, before = '') => {
  const page = await env.browser.newPage();
  const errors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  const init = JSON.stringify({ serverUrl: `${env.collector.url}/2/httpapi`, flushIntervalMillis: 50, autocapture: false, ...opts });
  const html =
    `<!doctype html><html><head><meta charset="utf-8"><title>worker uploads</title>` +
    `<script nonce="${NONCE}">${spies}${before}</script><script nonce="${NONCE}" src="/sdk/footprint.min.js"></script>` +
    `<script nonce="${NONCE}">window.ready = footprint.init('worker-key-0123456789', ${init}).promise;</script></head><body><p>worker uploads</p></body></html>`;
  await page.route(`${env.collector.url}/worker-page.html`, (route) => route.fulfill({ contentType: 'text/html', body: html, headers }));
  await page.goto(`${env.collector.url}/worker-page.html`);
  await page.evaluate(() => (window as any).ready);
  return { page, errors, consoleErrors };
};

const trackAndWait = async (page: Page, type: string, n: number, pad = 0) => {
  await page.evaluate(
    ([t, count, p]) => {
      for (let i = 0; i < (count as number); i++) (window as any).footprint.track(t, { i, pad: 'x'.repeat(p as number) });
    },
    [type, n, pad] as const,
  );
  await env.collector.waitFor((events) => events.filter((e) => e.event_type === type).length >= n, 15_000);
  await page.waitForTimeout(300); // anything sent twice would have arrived by now
  const { events, duplicates, uploads } = await env.collector.received();
  const mine = events.filter((e) => e.event_type === type);
  return { stored: new Set(mine.map((e) => e.insert_id)).size, rows: mine.length, duplicates, uploads };
};

const seen = (page: Page) =>
  page.evaluate(() => ({
    pageUploads: (window as any).pageUploads as number,
    violations: (window as any).violations as string[],
    // Requests a worker makes are in the worker's resource timeline, not the page's.
    pageTimeline: performance.getEntriesByType('resource').filter((e) => e.name.includes('/2/httpapi')).length,
  }));

describe('uploads from a worker', () => {
  it('on a page without a CSP: every event arrives once, and the page’s fetch, XHR and timeline never see an upload', async () => {
    const { page, errors, consoleErrors } = await open({});
    const r = await trackAndWait(page, 'from-worker', 95);
    expect(r).toMatchObject({ stored: 95, rows: 95, duplicates: 0 });
    expect(r.uploads.length).toBeGreaterThanOrEqual(4); // 30 + 30 + 30 + 5
    expect(await seen(page)).toEqual({ pageUploads: 0, violations: [], pageTimeline: 0 });
    // The worker is really there: Chromium lists it as a target of the page.
    const cdp = await page.context().newCDPSession(page);
    const { targetInfos } = await cdp.send('Target.getTargets');
    expect(targetInfos.filter((t) => t.type === 'worker' && t.url.startsWith('blob:'))).toHaveLength(1);
    expect(errors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('gzips in the worker (enableRequestBodyCompression)', async () => {
    const { page } = await open({ enableRequestBodyCompression: true });
    const r = await trackAndWait(page, 'zipped-in-worker', 30, 100);
    expect(r.stored).toBe(30);
    expect(r.uploads.length).toBeGreaterThan(0);
    expect(r.uploads.every((u: { gzip: boolean }) => u.gzip === true)).toBe(true);
    expect((await seen(page)).pageUploads).toBe(0);
    await page.close();
  });

  // Issue #18: enableRequestBodyCompression with a custom serverUrl gzips every body of 2 KB or more, from
  // the worker, from the main thread and by XHR, with plain-sized events as an app tracks them.
  for (const [label, transport] of [['worker', { type: 'fetch', worker: true }], ['main-thread fetch', { type: 'fetch', worker: false }], ['xhr', 'xhr']] as const) {
    it(`a custom serverUrl with enableRequestBodyCompression gets gzip bodies (${label})`, async () => {
      const { page } = await open({ serverUrl: `${env.collector.url}/batch`, enableRequestBodyCompression: true, transport });
      const type = `zipped-${label.replace(/\W/g, '')}`;
      const r = await trackAndWait(page, type, 40);
      expect(r.stored).toBe(40);
      const mine = r.uploads.filter((u: { path: string }) => u.path === '/batch');
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((u: { gzip: boolean }) => u.gzip === true)).toBe(true);
      expect((await seen(page)).pageUploads).toBe(label === 'worker' ? 0 : mine.length);
      await page.close();
    });
  }

  it("transport: 'xhr' keeps XHR on the main thread", async () => {
    const { page } = await open({ transport: 'xhr' });
    const r = await trackAndWait(page, 'by-xhr', 30);
    expect(r.stored).toBe(30);
    expect((await seen(page)).pageUploads).toBe(r.uploads.length);
    await page.close();
  });
});

describe('with a Content-Security-Policy', () => {
  const strict = () => `default-src 'none'; script-src 'self' 'nonce-${NONCE}'; connect-src ${env.collector.url}; base-uri 'none'`;

  it('a strict policy (no worker-src blob:): uploads stay on the main thread, all delivered, zero violations', async () => {
    const { page, errors, consoleErrors } = await open({}, { 'Content-Security-Policy': strict() });
    const r = await trackAndWait(page, 'strict-csp', 65);
    expect(r).toMatchObject({ stored: 65, rows: 65, duplicates: 0 });
    const s = await seen(page);
    expect(s.violations).toEqual([]);
    expect(s.pageUploads).toBe(r.uploads.length); // main-thread fetch
    expect(errors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('a policy allowing worker-src blob:, with transport { worker: true }: uploads from the worker, zero violations', async () => {
    const { page } = await open({ transport: { worker: true } }, { 'Content-Security-Policy': `${strict()}; worker-src blob:` });
    const r = await trackAndWait(page, 'allowed-worker', 40);
    expect(r).toMatchObject({ stored: 40, duplicates: 0 });
    expect(await seen(page)).toEqual({ pageUploads: 0, violations: [], pageTimeline: 0 });
    await page.close();
  });

  it('a worker forced on a page whose policy refuses it falls back to the main thread with nothing lost or doubled', async () => {
    const { page, errors, consoleErrors } = await open({ transport: { worker: true } }, { 'Content-Security-Policy': strict() });
    const r = await trackAndWait(page, 'refused-worker', 95);
    expect(r).toMatchObject({ stored: 95, rows: 95, duplicates: 0 });
    const s = await seen(page);
    // The browser reports its one violation (and prints it); the SDK adds no error of its own.
    expect(s.violations).toEqual(['worker-src blob']);
    expect(s.pageUploads).toBe(r.uploads.length);
    expect(consoleErrors).toHaveLength(1);
    expect(consoleErrors[0]).toContain('Content Security Policy');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('when the worker cannot help', () => {
  it('a worker that stops answering is given up (4× the request timeout); its batch and the rest arrive from the main thread, once', async () => {
    // The worker starts, but every upload posted to it is swallowed.
    const swallow = 'const W = window.Worker; window.Worker = class extends W { postMessage() {} };';
    const { page, errors } = await open({ requestTimeoutMillis: 400, retryBaseMillis: 100 }, {}, swallow);
    const r = await trackAndWait(page, 'hung-worker', 50);
    await page.waitForTimeout(2000); // a request sent twice would have arrived by now
    const { duplicates } = await env.collector.received();
    expect(r).toMatchObject({ stored: 50, rows: 50 });
    expect(duplicates).toBe(0);
    expect((await seen(page)).pageUploads).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a browser without Worker uploads from the main thread', async () => {
    const { page, errors } = await open({}, {}, 'delete window.Worker;');
    const r = await trackAndWait(page, 'no-worker-api', 40);
    expect(r).toMatchObject({ stored: 40, rows: 40, duplicates: 0 });
    expect((await seen(page)).pageUploads).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
