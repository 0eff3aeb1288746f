import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useChromium } from '../support/chromium';
import type { StoredEvent } from '../support/collector';

const VITALS = '[Amplitude] Web Vitals';
const METRIC = {
  value: expect.any(Number),
  rating: expect.stringMatching(/^(?:good|needs-improvement|poor)$/),
  delta: expect.any(Number),
  navigationType: 'navigate',
  id: expect.stringMatching(/^v5-/),
  timestamp: expect.any(Number),
  navigationStart: expect.any(Number),
};

describe('web vitals in Chromium', () => {
  const env = useChromium();

  // Loads the fixture and makes it produce every metric: LCP (hero image), CLS (late banner), INP (slow click).
  const exercise = async (): Promise<Page> => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: Error[] = [];
    page.on('pageerror', (e) => errors.push(e));
    (page as any).errors = errors;
    await page.goto(`${env.collector.url}/fixtures/web-vitals/`);
    await page.waitForFunction(() => (window as any).ready && (document.getElementById('hero') as HTMLImageElement).complete);
    await page.waitForTimeout(300);
    await page.evaluate(() => (window as any).shift());
    await page.waitForTimeout(300);
    await page.click('#slow');
    // web-vitals processes interactions in an idle callback. Headless Chromium only has idle periods
    // after a frame, and a page that stops changing draws none: ask for one, as a visible tab would.
    await page.waitForTimeout(100);
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    await page.waitForTimeout(200);
    return page;
  };

  const vitals = (events: StoredEvent[]) => events.filter((e) => e.event_type === VITALS);

  const expectPlausible = (event: StoredEvent) => {
    const p = event.event_properties;
    expect(p).toMatchObject({
      '[Amplitude] Page Domain': '127.0.0.1',
      '[Amplitude] Page Location': `${env.collector.url}/fixtures/web-vitals/`,
      '[Amplitude] Page Path': '/fixtures/web-vitals/',
      '[Amplitude] Page Title': 'Web vitals fixture',
      '[Amplitude] Page URL': `${env.collector.url}/fixtures/web-vitals/`,
    });
    for (const name of ['LCP', 'FCP', 'INP', 'CLS', 'TTFB']) expect(p[`[Amplitude] ${name}`], name).toEqual(METRIC);
    const v = (name: string) => p[`[Amplitude] ${name}`].value as number;
    expect(v('FCP')).toBeGreaterThan(0);
    expect(v('LCP')).toBeGreaterThanOrEqual(v('FCP'));
    expect(v('LCP')).toBeLessThan(30_000);
    expect(v('TTFB')).toBeGreaterThan(0);
    expect(v('TTFB')).toBeLessThanOrEqual(v('FCP'));
    expect(v('CLS')).toBeGreaterThan(0.05); // the 240 px banner moves most of the viewport
    expect(v('INP')).toBeGreaterThanOrEqual(250); // the click handler blocks for 250 ms
    expect(p['[Amplitude] INP'].rating).not.toBe('good'); // > 200 ms
    expect(p['[Amplitude] LCP'].timestamp).toBeGreaterThanOrEqual(p['[Amplitude] LCP'].navigationStart);
    for (const name of ['LCP', 'FCP', 'INP', 'CLS', 'TTFB']) expect(p[`[Amplitude] ${name}`].delta).toBe(v(name));
  };

  it('sends exactly one Web Vitals event with every metric when the user navigates away', async () => {
    const page = await exercise();
    expect(vitals(await env.collector.events())).toEqual([]); // nothing before the page hides
    await page.goto(`${env.collector.url}/fixtures/forms/thanks.html`);
    const events = await env.collector.waitFor((evs) => vitals(evs).length > 0, 8000);
    expectPlausible(vitals(events)[0]);
    await page.waitForTimeout(500);
    expect(vitals(await env.collector.events())).toHaveLength(1);
    expect((page as any).errors).toEqual([]);
    await page.close();
  });

  it('sends exactly one Web Vitals event when the tab is closed', async () => {
    const page = await exercise();
    await page.close({ runBeforeUnload: true });
    const events = await env.collector.waitFor((evs) => vitals(evs).length > 0, 8000);
    expectPlausible(vitals(events)[0]);
    await new Promise((r) => setTimeout(r, 500));
    expect(vitals(await env.collector.events())).toHaveLength(1);
  });
});
