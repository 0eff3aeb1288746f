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
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors: Error[] = [];
    page.on('pageerror', (e) => errors.push(e));
    (page as any).errors = errors;
    await page.goto(`${env.collector.url}/fixtures/web-vitals/`);
    await page.waitForFunction(() => (window as any).ready && (document.getElementById('hero') as HTMLImageElement).complete);
    await page.waitForTimeout(300);
    await page.evaluate(() => (window as any).shift());
    await page.waitForTimeout(300);
    // A page the user leaves while it is busy has no idle period after the last click, and web-vitals
    // processes interactions in an idle callback or at the visibilitychange that follows pagehide. Take
    // idle callbacks away, so the INP below can only come from that visibilitychange: a plugin that sent at
    // pagehide would miss it.
    await page.evaluate(() => {
      (window as any).requestIdleCallback = () => 0;
    });
    await page.click('#slow');
    // The browser measures an interaction once a frame after it has been presented; headless Chromium
    // draws frames only on request for a page that stops changing, so ask for them, as a visible tab would
    // draw them, until the page's own observer has the entry. (The viewport is tall enough that the click
    // needs no scroll: after a scroll, headless Chromium sometimes never delivers the click's event-timing
    // entries, which no library can then report.)
    const measured = await page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          let done = false;
          const finish = (ok: boolean) => {
            if (!done) resolve(ok);
            done = true;
          };
          const frame = () => !done && requestAnimationFrame(frame);
          frame();
          setTimeout(() => finish(false), 5000);
          new PerformanceObserver((list, observer) => {
            if (list.getEntries().some((e) => (e as any).interactionId > 0 && e.duration >= 200)) {
              observer.disconnect();
              finish(true);
            }
          }).observe({ type: 'event', buffered: true, durationThreshold: 16 } as PerformanceObserverInit);
        }),
    );
    expect(measured, 'Chromium measured the slow click (an event-timing entry reached the page)').toBe(true);
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
