import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startTestCollector, type TestCollector } from '../support/collector';
import { anchorPage, footprintPage, servePages, trackAndRead } from './identity-pages';

// Two origins on one collector port: http://127.0.0.1:<port> and http://localhost:<port> share no
// cookies or storage, so only the link's ampDeviceId/ampSessionId/ampTimestamp can carry identity.
describe('cross-domain identity through decorated links', () => {
  let browser: Browser;
  let collector: TestCollector;
  let siteA: string;
  let siteB: string;

  beforeAll(async () => {
    collector = await startTestCollector();
    browser = await launchBrowser();
    siteA = collector.url.replace('localhost', '127.0.0.1');
    siteB = siteA.replace('127.0.0.1', 'localhost');
  });
  afterAll(async () => {
    await browser?.close();
    await collector?.close();
  });
  beforeEach(async () => {
    await collector.reset();
  });

  const open = async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: Error[] = [];
    page.on('pageerror', (e) => errors.push(e));
    await servePages(page, { footprint: footprintPage(), anchor: anchorPage() });
    return { page, errors, close: () => context.close() };
  };

  /** On site A, decorates a link to `target` with Footprint's helper and follows it by a click. */
  const hop = async (page: import('playwright-core').Page, target: string, ttl?: number) => {
    const href = await page.evaluate(
      ({ target, ttl }) => {
        const a = document.getElementById('out') as HTMLAnchorElement;
        a.href = (window as any).sdk.decorateUrl(target, ttl ? { ttl } : undefined);
        return a.href;
      },
      { target, ttl },
    );
    if (ttl) await page.waitForTimeout(ttl + 20);
    await Promise.all([page.waitForURL((u) => u.host !== new URL(siteA).host), page.click('#out')]);
    return new URL(href);
  };

  it('Footprint on site A → Footprint on site B: same device and session', async () => {
    const { page, errors, close } = await open();
    await page.goto(`${siteA}/identity/footprint.html`);
    const a = await trackAndRead(page, 'Site A');
    expect(await page.context().cookies(siteB)).toEqual([]); // site B has nothing of its own
    const link = await hop(page, `${siteB}/identity/footprint.html?x=1`);
    expect(link.searchParams.get('ampDeviceId')).toBe(a.deviceId);
    expect(link.searchParams.get('ampSessionId')).toBe(String(a.sessionId));
    expect(Number(link.searchParams.get('ampTimestamp'))).toBeGreaterThan(Date.now());
    expect(link.searchParams.get('x')).toBe('1');

    const b = await trackAndRead(page, 'Site B');
    expect(b).toMatchObject({ code: 200, deviceId: a.deviceId, sessionId: a.sessionId });
    const events = await collector.waitFor((e) => e.some((x) => x.event_type === 'Site B'));
    const [ea, eb] = ['Site A', 'Site B'].map((t) => events.find((e) => e.event_type === t)!);
    expect([eb.device_id, eb.session_id]).toEqual([ea.device_id, ea.session_id]);
    expect(errors).toEqual([]);
    await close();
  });

  it('the anchor on site B accepts a link Footprint decorated', async () => {
    const { page, close } = await open();
    await page.goto(`${siteA}/identity/footprint.html`);
    const a = await trackAndRead(page, 'Site A');
    await hop(page, `${siteB}/identity/anchor.html`);
    const b = await trackAndRead(page, 'Site B (anchor)');
    expect(b).toMatchObject({ code: 200, deviceId: a.deviceId, sessionId: a.sessionId });
    await close();
  });

  it('an expired link (ampTimestamp in the past) starts a new device on site B', async () => {
    const { page, close } = await open();
    await page.goto(`${siteA}/identity/footprint.html`);
    const a = await trackAndRead(page, 'Site A');
    await hop(page, `${siteB}/identity/footprint.html`, 50);
    const b = await trackAndRead(page, 'Site B');
    expect(b.code).toBe(200);
    expect(b.deviceId).not.toBe(a.deviceId);
    expect(b.sessionId).not.toBe(a.sessionId);
    await close();
  });
});
