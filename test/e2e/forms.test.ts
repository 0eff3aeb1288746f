import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useChromium } from '../support/chromium';
import type { StoredEvent } from '../support/collector';

const STARTED = '[Amplitude] Form Started';
const SUBMITTED = '[Amplitude] Form Submitted';
const DOWNLOADED = '[Amplitude] File Downloaded';

describe('form interactions and file downloads in Chromium', () => {
  const env = useChromium();

  const open = async (): Promise<Page> => {
    const page = await env.browser.newPage();
    const errors: Error[] = [];
    page.on('pageerror', (e) => errors.push(e));
    (page as any).errors = errors;
    await page.goto(`${env.collector.url}/fixtures/forms/`);
    await page.waitForFunction(() => (window as any).ready);
    return page;
  };
  const formEvents = (events: StoredEvent[], id: string) =>
    events.filter((e) => e.event_properties?.['[Amplitude] Form ID'] === id).map((e) => e.event_type);
  const settle = () => new Promise((r) => setTimeout(r, 400)); // > flushIntervalMillis: nothing more is coming

  it('fills a real form (text, radio, checkbox, select, textarea, a form= field) and submits it as it navigates away', async () => {
    const page = await open();
    await page.fill('#email', 'jane@example.com');
    await page.check('#free');
    await page.check('#terms');
    await page.selectOption('#size', 'M');
    await page.fill('#notes', 'call me');
    await page.fill('#outside', 'SAVE10');
    await Promise.all([page.waitForURL(/thanks\.html/), page.click('#signup-submit')]);
    expect(await page.textContent('#thanks')).toContain('Thanks');

    const events = await env.collector.waitFor((evs) => evs.some((e) => e.event_type === SUBMITTED), 8000);
    await settle();
    const all = await env.collector.events();
    expect(formEvents(all, 'signup')).toEqual([STARTED, SUBMITTED]);
    const [started, submitted] = events.filter((e) => e.event_properties?.['[Amplitude] Form ID'] === 'signup');
    const expected = {
      '[Amplitude] Form ID': 'signup',
      '[Amplitude] Form Name': 'signup-form',
      '[Amplitude] Form Destination': `${env.collector.url}/fixtures/forms/thanks.html`,
    };
    expect(started.event_properties).toEqual(expected);
    expect(submitted.event_properties).toEqual(expected);
    // No field value reached the env.collector.
    const wire = JSON.stringify(await env.collector.received());
    for (const value of ['jane@example.com', 'call me', 'SAVE10']) expect(wire).not.toContain(value);
    expect((page as any).errors).toEqual([]);
    await page.close();
  });

  it('starts a form from a field associated only through form=', async () => {
    const page = await open();
    await page.fill('#outside', 'X');
    await page.locator('#outside').blur();
    await env.collector.waitFor((evs) => evs.some((e) => e.event_type === STARTED));
    expect(formEvents(await env.collector.events(), 'signup')).toEqual([STARTED]);
    await page.close();
  });

  it('tracks a form submitted without any change as Form Started + Form Submitted', async () => {
    const page = await open();
    await Promise.all([page.waitForURL(/thanks\.html/), page.click('#signup-submit')]);
    await env.collector.waitFor((evs) => evs.some((e) => e.event_type === SUBMITTED), 8000);
    expect(formEvents(await env.collector.events(), 'signup')).toEqual([STARTED, SUBMITTED]);
    await page.close();
  });

  it('lets shouldTrackSubmit reject an invalid novalidate form, then accept it once valid', async () => {
    const page = await open();
    await page.click('#nv-submit'); // empty: the browser submits anyway (novalidate), the callback says no
    await env.collector.waitFor((evs) => evs.some((e) => e.event_type === STARTED));
    await settle();
    expect(formEvents(await env.collector.events(), 'nv')).toEqual([STARTED]);
    await page.fill('#nv-email', 'jane@example.com');
    await page.click('#nv-submit');
    await env.collector.waitFor((evs) => evs.some((e) => e.event_type === SUBMITTED));
    await settle();
    expect(formEvents(await env.collector.events(), 'nv')).toEqual([STARTED, SUBMITTED]);
    expect(await page.evaluate(() => (window as any).appLog)).toEqual(['nv:false', 'nv:true']);
    const submitted = (await env.collector.events()).find((e) => e.event_type === SUBMITTED)!;
    expect(submitted.event_properties).toEqual({
      '[Amplitude] Form ID': 'nv',
      '[Amplitude] Form Name': 'newsletter',
      '[Amplitude] Form Destination': `${env.collector.url}/subscribe`,
    });
    await page.close();
  });

  it('treats a single-page-app step (pushState, no navigation) as a new page view for the same form', async () => {
    const page = await open();
    await page.fill('#spa-name', 'Jane');
    await page.locator('#spa-name').blur();
    await page.fill('#spa-name', 'Jane D'); // same page view: no second Form Started
    await page.locator('#spa-name').blur();
    await page.click('#spa-next');
    expect(new URL(page.url()).pathname).toBe('/fixtures/forms/step-2');
    await page.fill('#spa-name', 'Jane Doe'); // step 2 is a new page view
    await page.locator('#spa-name').blur();
    await env.collector.waitFor((evs) => formEvents(evs, 'spa').length >= 3);
    await settle();
    expect(formEvents(await env.collector.events(), 'spa')).toEqual([STARTED, SUBMITTED, STARTED]);
    await page.goBack(); // back to the first step: another page view
    await page.fill('#spa-name', 'J');
    await page.locator('#spa-name').blur();
    await env.collector.waitFor((evs) => formEvents(evs, 'spa').length >= 4);
    expect((page as any).errors).toEqual([]);
    await page.close();
  });

  it('tracks clicks on download links with masked link text, and not on other links', async () => {
    const page = await open();
    const downloads = [page.waitForEvent('download'), page.click('#pdf')];
    await Promise.all(downloads);
    await Promise.all([page.waitForEvent('download'), page.click('#csv')]);
    await page.click('#page');
    const events = await env.collector.waitFor((evs) => evs.filter((e) => e.event_type === DOWNLOADED).length >= 2);
    await settle();
    expect((await env.collector.events()).filter((e) => e.event_type === DOWNLOADED)).toHaveLength(2);
    const [pdf, csv] = events.filter((e) => e.event_type === DOWNLOADED).map((e) => e.event_properties);
    expect(pdf).toEqual({
      '[Amplitude] File Extension': 'pdf',
      '[Amplitude] File Name': '/fixtures/forms/files/report.pdf',
      '[Amplitude] Link ID': 'pdf',
      '[Amplitude] Link Text': 'Annual report',
      '[Amplitude] Link URL': `${env.collector.url}/fixtures/forms/files/report.pdf`,
    });
    expect(csv).toEqual({
      '[Amplitude] File Extension': 'csv',
      '[Amplitude] File Name': '/fixtures/forms/files/data.csv',
      '[Amplitude] Link ID': 'csv',
      '[Amplitude] Link Text': '*****',
      '[Amplitude] Link URL': `${env.collector.url}/fixtures/forms/files/data.csv?v=2`,
    });
    await page.close();
  });
});
