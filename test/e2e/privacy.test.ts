import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { importMap, startTestCollector, type TestCollector } from '../support/collector';

// Built ESM of core, browser, plugin-masking and plugin-element-interactions in Chromium against the
// local collector: nothing private on the fixture page may reach any upload.
const SECRETS = [
  'Zelda Quartermaine', // typed name
  'zelda@hyrule.example', // typed email
  'hyrule',
  'hunter2-Secret', // typed password
  'HIDDEN-TOKEN-123', // hidden input value
  '4111', // card number, in a value and in a button's text
  'jane.roe@example.com', // email in a button's text
  'Jane Roe', // masked <title>, masked attribute
  'John Doe', // data-amp-mask block
  'Jane Doe',
  'jroe', // data-amp-mask-attributes
  'Your full name', // placeholder of an input
  'draft note text', // typed into a textarea
  'Editable bio', // contenteditable text
];

describe('privacy fixture', () => {
  let collector: TestCollector;
  let browser: Browser;
  let page: Page;
  const bodies: string[] = [];

  beforeAll(async () => {
    collector = await startTestCollector();
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('request', (r) => r.method() === 'POST' && bodies.push(r.postData() ?? ''));
    await page.goto(`${collector.url}/fixtures/privacy/`);
    await page.waitForFunction(() => (window as any).footprintReady);
  });

  afterAll(async () => {
    await browser?.close();
    await collector?.close();
  });

  it('types, clicks and submits without any typed text, password, hidden value, email or card number leaving the page', async () => {
    const pageErrors: Error[] = [];
    page.on('pageerror', (e) => pageErrors.push(e));
    await page.click('#contact');
    await page.click('#pay');
    await page.click('#masked-btn');
    await page.click('#acct');
    await page.fill('#name', 'Zelda Quartermaine');
    await page.fill('#email', 'zelda@hyrule.example');
    await page.fill('#pw', 'hunter2-Secret');
    await page.fill('#card', '4111 1111 1111 1111');
    await page.fill('#note', 'draft note text');
    await page.click('#bio');
    await page.click('#submit');
    await page.waitForSelector('text=Thanks!');

    const events = await collector.waitFor(
      (evs) =>
        evs.some((e) => e.event_type === 'Signed Up') &&
        evs.some((e) => e.event_properties?.['[Amplitude] Element ID'] === 'bio') && evs.filter((e) => e.event_type === '[Amplitude] Element Changed').length >= 4,
      10_000,
    );
    expect(pageErrors).toEqual([]);
    // Random ids and numbers (insert_id, device_id, times) are blanked first: a UUID or a timestamp may
    // contain "4111" by chance (about one run in 150), while a leaked value is always inside a string.
    const blank = (text: string) => text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>').replace(/(":)-?\d+(\.\d+)?/g, '$1<n>');
    const stored = blank(JSON.stringify(await collector.received()));
    const wire = blank(bodies.join('\n'));
    expect(wire.length).toBeGreaterThan(0);
    for (const secret of SECRETS) {
      expect(wire, `"${secret}" in an upload body`).not.toContain(secret);
      expect(stored, `"${secret}" stored by the collector`).not.toContain(secret);
    }

    const clicked = (id: string) =>
      events.find((e) => e.event_type === '[Amplitude] Element Clicked' && e.event_properties?.['[Amplitude] Element ID'] === id)?.event_properties;
    expect(clicked('contact')).toMatchObject({ '[Amplitude] Element Text': 'Write to *****', '[Amplitude] Page Title': '*****' });
    expect(clicked('pay')?.['[Amplitude] Element Text']).toBe('Pay with *****');
    expect(clicked('masked-btn')?.['[Amplitude] Element Text']).toBe('*****');
    expect(clicked('acct')?.['[Amplitude] Element Hierarchy'][0].attrs).toEqual({ href: '#account', title: '*****', 'data-owner': '*****' });
    expect(clicked('pw')).toBeUndefined(); // fill() focuses without a click
    const changedPw = events.find((e) => e.event_type === '[Amplitude] Element Changed' && e.event_properties['[Amplitude] Element ID'] === 'pw');
    expect(changedPw?.event_properties['[Amplitude] Element Hierarchy'][0].attrs).toEqual({ type: 'password' });
    // contenteditable is a sensitive element: no text at all.
    expect(clicked('bio')).toMatchObject({ '[Amplitude] Element Tag': 'div' });
    expect(clicked('bio')).not.toHaveProperty('[Amplitude] Element Text');
    expect(events.find((e) => e.event_type === 'Signed Up')?.event_properties).toEqual({ email: '*****', plan: 'pro' });
  });
});

// OAuth's implicit flow returns tokens in the fragment (`#access_token=…&state=…`): every URL the SDK sends
// (page URL and location, referrer, link hrefs, network-capture URLs) goes through the same masking rule
// for its fragment as for its query (docs/bad-input.md "URLs").
describe('privacy: tokens in URL fragments', () => {
  const FRAGMENT_SECRETS = ['FRAG-ACCESS-SECRET', 'FRAG-ID-SECRET', 'FRAG-STATE-SECRET', 'QUERY-CODE-SECRET', 'LINK-TOKEN-SECRET', 'NET-TOKEN-SECRET', 'REFERRER-SECRET'];
  let collector: TestCollector;
  let browser: Browser;

  beforeAll(async () => {
    collector = await startTestCollector();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await collector?.close();
  });

  it('no access_token, id_token, state, code or token from a query or a fragment reaches an upload', async () => {
    const page = await browser.newPage();
    const bodies: string[] = [];
    page.on('request', (r) => r.method() === 'POST' && bodies.push(r.postData() ?? ''));
    const html = `<!doctype html><html><head><title>Signed in</title><script type="importmap">${importMap()}</script></head><body>
<a id="next" href="/fixtures/privacy/?x=1#/account?token=LINK-TOKEN-SECRET&tab=2">continue</a>
<script type="module">
  import { init, track } from '@footprint/browser';
  await init('api-key-123', {
    serverUrl: location.origin + '/2/httpapi',
    flushIntervalMillis: 50,
    autocapture: { elementInteractions: true, networkTracking: { captureRules: [{ hosts: ['*'], statusCodeRange: '0-599' }] } },
  }).promise;
  await fetch('/missing-endpoint?x=1#token=NET-TOKEN-SECRET').catch(() => {});
  await track('Signed In', { landing: location.href }).promise;
  window.done = true;
</script></body></html>`;
    await page.route(`${collector.url}/oauth/callback**`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await page.goto(
      `${collector.url}/oauth/callback?code=QUERY-CODE-SECRET#access_token=FRAG-ACCESS-SECRET&token_type=bearer&id_token=FRAG-ID-SECRET&state=FRAG-STATE-SECRET&expires_in=3600`,
      { referer: 'https://idp.example/authorize?client_id=app#token=REFERRER-SECRET' },
    );
    await page.waitForFunction(() => (window as any).done);
    await page.click('#next');
    const events = await collector.waitFor(
      (evs) => ['Signed In', '[Amplitude] Page Viewed', '[Amplitude] Element Clicked', '[Amplitude] Network Request'].every((t) => evs.some((e) => e.event_type === t)),
      10_000,
    );
    const wire = bodies.join('\n');
    const stored = JSON.stringify(events);
    for (const secret of FRAGMENT_SECRETS) {
      expect(wire, `"${secret}" in an upload body`).not.toContain(secret);
      expect(stored, `"${secret}" stored by the collector`).not.toContain(secret);
    }
    // The URLs are still there, with their shape: only the values are masked.
    expect(events.find((e) => e.event_type === 'Signed In')!.event_properties.landing).toContain('?code=*****#access_token=*****&token_type=bearer&id_token=*****&state=*****&expires_in=3600');
    const clicked = events.find((e) => e.event_type === '[Amplitude] Element Clicked')!.event_properties;
    expect(clicked['[Amplitude] Element Href']).toContain('#/account?token=*****&tab=2');
    await page.close();
  });
});
