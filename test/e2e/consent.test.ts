import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useChromium } from '../support/chromium';
import { API_KEY, WRITE_RECORDER, footprintPage, identityCookie, servePages } from './identity-pages';

// docs/differences.md §C.12: with consent pending nothing is written (no cookie, no Web Storage write, not even a
// probe) and nothing is sent, by the client or by the default autocapture plugins (attribution, page
// views, page URL enrichment, forms, downloads, masking); granting keeps the device id, stores what the
// plugins kept in memory and sends what waited; denying drops it and stores nothing.
const PV = '[Amplitude] Page Viewed';
const LANDING = '/identity/pending.html?utm_source=newsletter&utm_campaign=spring';

describe('consent, with the default autocapture set', () => {
  const env = useChromium();

  const open = async () => {
    const context = await env.browser.newContext();
    // Every cookie and Web Storage write (document.cookie setter, Storage.prototype.setItem/removeItem/clear), probes included.
    await context.addInitScript({ content: WRITE_RECORDER });
    const page = await context.newPage();
    const errors: Error[] = [];
    page.on('pageerror', (e) => errors.push(e));
    await servePages(page, { pending: footprintPage({ extra: "consent: 'pending'", autocapture: 'undefined' }) });
    await page.goto(`${env.collector.url}${LANDING}`);
    return { page, errors, context, close: () => context.close() };
  };

  /** Tracks two events and navigates (a page view, a new URL record) while consent is pending; returns what the page wrote and holds. */
  const trackWhilePending = (page: Page) =>
    page.evaluate(async () => {
      const w = window as any;
      await w.ready;
      w.results = [w.sdk.track('Before Consent 1').promise, w.sdk.track('Before Consent 2').promise];
      await new Promise((r) => setTimeout(r, 100)); // the landing page view is tracked
      history.pushState({}, '', '/identity/article.html');
      await new Promise((r) => setTimeout(r, 400)); // several flush intervals, the plugins' timers
      return {
        writes: w.__writes.slice(),
        cookie: document.cookie,
        local: localStorage.length,
        session: sessionStorage.length,
        deviceId: w.sdk.getDeviceId(),
        consent: w.sdk.getConsent(),
      };
    });

  it('writes and sends nothing before consent; granting stores the same device id, the campaign and the page records, and sends the held events', async () => {
    const { page, errors, context, close } = await open();
    const before = await trackWhilePending(page);
    expect(before).toMatchObject({ writes: [], cookie: '', local: 0, session: 0, consent: 'pending' });
    expect(await context.cookies()).toEqual([]);
    expect(await env.collector.events()).toEqual([]);

    const results = await page.evaluate(async () => {
      const w = window as any;
      await w.sdk.setConsent('granted');
      return (await Promise.all(w.results)).map((r: any) => r.code);
    });
    expect(results).toEqual([200, 200]);
    const events = await env.collector.waitFor((e) => e.filter((x) => x.event_type === PV).length >= 2 && e.some((x) => x.event_type === 'Before Consent 2'));
    const types = events.map((e) => e.event_type);
    expect(types.filter((t) => t !== PV && t !== '$identify')).toEqual(['session_start', 'Before Consent 1', 'Before Consent 2']);
    expect(types.filter((t) => t === '$identify')).toHaveLength(1);
    expect(events.every((e) => e.device_id === before.deviceId)).toBe(true);
    const campaign = events.find((e) => e.event_type === '$identify')!;
    expect(campaign.user_properties.$set).toEqual({ utm_source: 'newsletter', utm_campaign: 'spring' });
    const views = events.filter((e) => e.event_type === PV);
    expect(views.map((e) => e.event_properties['[Amplitude] Page Counter'])).toEqual([1, 2]);

    // What the plugins kept in memory is now where it belongs.
    expect(await identityCookie(page)).toMatchObject({ deviceId: before.deviceId });
    expect(await identityCookie(page, 'MKTG')).toEqual({ utm_source: 'newsletter', utm_campaign: 'spring' });
    const after = await page.evaluate(() => ({
      writes: (window as any).__writes as string[],
      pageView: JSON.parse(sessionStorage.getItem('AMP_PAGE_VIEW') ?? 'null'),
      urlInfo: JSON.parse(sessionStorage.getItem('AMP_URL_INFO') ?? 'null'),
    }));
    expect(after.pageView).toEqual({ pageViewId: views[1].event_properties['[Amplitude] Page View ID'] });
    expect(after.urlInfo).toEqual({ AMP_CURRENT_PAGE: `${env.collector.url}/identity/article.html`, AMP_PREVIOUS_PAGE: `${env.collector.url}${LANDING}` });
    const key10 = API_KEY.slice(0, 10);
    for (const expected of [`cookie AMP_${key10}=`, `cookie AMP_MKTG_${key10}=`, 'setItem AMP_PAGE_VIEW', 'setItem AMP_URL_INFO']) {
      expect(after.writes.some((w) => w.startsWith(expected)), expected).toBe(true);
    }
    // No plugin used its own adapter: the campaign is not in localStorage, nothing probed sessionStorage.
    expect(after.writes.filter((w) => /^setItem AMP_(MKTG|TEST)/.test(w))).toEqual([]);
    await page.waitForTimeout(1200); // the batched counter write
    expect(await identityCookie(page)).toMatchObject({ deviceId: before.deviceId, pageCounter: 2 });
    expect(errors).toEqual([]);
    await close();
  });

  it('denying drops the held events, sends nothing and writes nothing at all', async () => {
    const { page, context, close } = await open();
    await trackWhilePending(page);
    const after = await page.evaluate(async () => {
      const w = window as any;
      await w.sdk.setConsent('denied');
      const held = (await Promise.all(w.results)).map((r: any) => r.code);
      const later = (await w.sdk.track('After Deny').promise).code;
      history.pushState({}, '', '/identity/after-deny.html');
      await w.sdk.flush().promise;
      await new Promise((r) => setTimeout(r, 300));
      return { held, later, writes: w.__writes, cookie: document.cookie, local: localStorage.length, session: sessionStorage.length, consent: w.sdk.getConsent() };
    });
    expect(after).toEqual({ held: [0, 0], later: 0, writes: [], cookie: '', local: 0, session: 0, consent: 'denied' });
    expect(await context.cookies()).toEqual([]);
    await page.waitForTimeout(300);
    expect(await env.collector.events()).toEqual([]);
    await close();
  });
});
