import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startTestCollector, type StoredEvent, type TestCollector } from '../support/collector';

const PV = '[Amplitude] Page Viewed';
const prop = (e: StoredEvent, name: string) => e.event_properties?.[`[Amplitude] ${name}`];

// examples/spa: history routes, hash routes, a hydration-style same-URL push at boot, and a state-only
// replaceState, with the attribution, page views and page URL enrichment plugins from their ESM builds.
describe('examples/spa in Chromium', () => {
  let collector: TestCollector;
  let browser: Browser;
  let page: Page;
  const errors: Error[] = [];

  beforeAll(async () => {
    collector = await startTestCollector();
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(e));
  });
  afterAll(async () => {
    await browser?.close();
    await collector?.close();
  });

  const views = async (n: number) => {
    const events = await collector.waitFor((evs) => evs.filter((e) => e.event_type === PV).length >= n, 8000);
    return events.filter((e) => e.event_type === PV);
  };

  it('tracks one page view per real navigation with page, previous page, counter and campaign; a reload continues the session', async () => {
    const base = `${collector.url}/examples/spa/`;
    const landing = `${base}?utm_source=newsletter&utm_campaign=spring%20launch&gclid=abc123`;
    // Arrive by a link on another site, so the referrer is the page's own (and survives the reload).
    const REFERRER = 'http://news.example.org/story';
    await page.route(`${REFERRER}*`, (route) =>
      route.fulfill({ contentType: 'text/html', body: `<meta name="referrer" content="unsafe-url"><a id="go" href="${landing}">Read</a>` }),
    );
    await page.goto(REFERRER);
    await Promise.all([page.waitForURL(/examples\/spa/), page.click('#go')]);

    // Landing: one campaign $identify (first + multi touch) and one page view, despite the hydration push.
    let pv = await views(1);
    let events = await collector.events();
    const identify = events.filter((e) => e.event_type === '$identify');
    expect(identify).toHaveLength(1);
    expect(identify[0].user_properties.$set).toEqual({
      utm_source: 'newsletter',
      utm_campaign: 'spring launch',
      gclid: 'abc123',
      referrer: REFERRER,
      referring_domain: 'news.example.org',
    });
    expect(identify[0].user_properties.$setOnce).toMatchObject({ initial_utm_source: 'newsletter', initial_gclid: 'abc123', initial_fbclid: 'EMPTY' });
    expect(identify[0].user_properties.$unset).toHaveProperty('utm_medium', '-');
    const sessionId = events.find((e) => e.event_type === 'session_start')!.session_id;
    expect(identify[0].session_id).toBe(sessionId);
    expect(pv[0].session_id).toBe(sessionId);
    expect(pv[0].event_properties).toMatchObject({
      '[Amplitude] Page Domain': '127.0.0.1',
      '[Amplitude] Page Location': `${base}?utm_source=newsletter&utm_campaign=spring launch&gclid=abc123`,
      '[Amplitude] Page Path': '/examples/spa/',
      '[Amplitude] Page Title': 'Home · Footprint SPA',
      '[Amplitude] Page URL': base,
      '[Amplitude] Page Counter': 1,
      '[Amplitude] Previous Page Location': REFERRER,
      '[Amplitude] Previous Page Type': 'external',
      utm_source: 'newsletter',
      utm_campaign: 'spring launch',
      gclid: 'abc123',
      referring_domain: 'news.example.org',
    });
    expect(prop(pv[0], 'Page View ID')).toMatch(/^[0-9a-f-]{36}$/);

    // A history route.
    await page.click('text=Pricing');
    pv = await views(2);
    expect(pv[1].event_properties).toMatchObject({
      '[Amplitude] Page Path': '/examples/spa/pricing',
      '[Amplitude] Page Title': 'Pricing · Footprint SPA',
      '[Amplitude] Page Counter': 2,
      '[Amplitude] Previous Page Location': `${base}?utm_source=newsletter&utm_campaign=spring launch&gclid=abc123`,
      '[Amplitude] Previous Page Type': 'internal',
    });
    expect(pv[1].event_properties).not.toHaveProperty('utm_source');

    // State-only replaceState: nothing. Then a hash route.
    await page.click('#filter');
    await page.click('text=Settings (hash route)');
    pv = await views(3);
    expect(prop(pv[2], 'Page Location')).toBe(`${base}pricing#/settings`);
    expect(prop(pv[2], 'Page Counter')).toBe(3);
    expect(prop(pv[2], 'Page Title')).toBe('Settings · Footprint SPA');

    // Back (popstate + hashchange for one navigation), and back to the landing URL.
    await page.goBack();
    pv = await views(4);
    expect(prop(pv[3], 'Page Location')).toBe(`${base}pricing`);
    await page.goBack();
    pv = await views(5);
    expect(prop(pv[4], 'Page Path')).toBe('/examples/spa/');
    expect(prop(pv[4], 'Previous Page Location')).toBe(`${base}pricing`);

    // A reload: same session, the counter continues, the same campaign is not sent again.
    await page.reload();
    pv = await views(6);
    expect(pv[5].session_id).toBe(sessionId);
    expect(prop(pv[5], 'Page Counter')).toBe(6);

    await new Promise((r) => setTimeout(r, 400)); // > flushIntervalMillis: nothing more is coming
    events = await collector.events();
    expect(events.filter((e) => e.event_type === PV).map((e) => prop(e, 'Page Counter'))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events.filter((e) => e.event_type === '$identify')).toHaveLength(1);
    expect(events.filter((e) => e.event_type === 'session_start')).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
