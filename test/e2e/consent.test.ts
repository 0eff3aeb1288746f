import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startTestCollector, type TestCollector } from '../support/collector';
import { footprintPage, identityCookie, servePages } from './identity-pages';

// USER-PAIN 7: with consent pending nothing is written (no cookie, no Web Storage write, not even a
// probe) and nothing is sent; granting keeps the device id and sends what waited; denying drops it.
describe('consent', () => {
  let browser: Browser;
  let collector: TestCollector;

  beforeAll(async () => {
    collector = await startTestCollector();
    browser = await launchBrowser();
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
    await servePages(page, { pending: footprintPage({ recordWrites: true, extra: "consent: 'pending'" }) });
    await page.goto(`${collector.url}/identity/pending.html`);
    return { page, errors, close: () => context.close() };
  };

  /** Tracks two events while consent is pending; returns what the page wrote and holds. */
  const trackWhilePending = (page: Page) =>
    page.evaluate(async () => {
      const w = window as any;
      await w.ready;
      w.results = [w.sdk.track('Before Consent 1').promise, w.sdk.track('Before Consent 2').promise];
      await new Promise((r) => setTimeout(r, 400)); // several flush intervals
      return {
        writes: w.__writes.slice(),
        cookie: document.cookie,
        local: localStorage.length,
        session: sessionStorage.length,
        deviceId: w.sdk.getDeviceId(),
        consent: w.sdk.getConsent(),
      };
    });

  it('writes and sends nothing before consent; granting stores the same device id and sends the held events', async () => {
    const { page, errors, close } = await open();
    const before = await trackWhilePending(page);
    expect(before).toMatchObject({ writes: [], cookie: '', local: 0, session: 0, consent: 'pending' });
    expect(await collector.events()).toEqual([]);

    const results = await page.evaluate(async () => {
      const w = window as any;
      await w.sdk.setConsent('granted');
      return (await Promise.all(w.results)).map((r: any) => r.code);
    });
    expect(results).toEqual([200, 200]);
    const events = await collector.waitFor((e) => e.length >= 2);
    expect(events.map((e) => e.event_type)).toEqual(['Before Consent 1', 'Before Consent 2']);
    expect(events.every((e) => e.device_id === before.deviceId)).toBe(true);
    expect(await identityCookie(page)).toMatchObject({ deviceId: before.deviceId });
    expect(errors).toEqual([]);
    await close();
  });

  it('denying drops the held events, sends nothing and leaves nothing stored', async () => {
    const { page, close } = await open();
    await trackWhilePending(page);
    const after = await page.evaluate(async () => {
      const w = window as any;
      await w.sdk.setConsent('denied');
      const held = (await Promise.all(w.results)).map((r: any) => r.code);
      const later = (await w.sdk.track('After Deny').promise).code;
      await w.sdk.flush().promise;
      return { held, later, cookie: document.cookie, local: localStorage.length, consent: w.sdk.getConsent() };
    });
    expect(after).toEqual({ held: [0, 0], later: 0, cookie: '', local: 0, consent: 'denied' });
    await page.waitForTimeout(300);
    expect(await collector.events()).toEqual([]);
    await close();
  });
});
