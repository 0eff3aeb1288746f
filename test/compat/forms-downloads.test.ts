import { describe, expect, it } from 'vitest';
import { useChromium } from '../support/chromium';
import type { StoredEvent } from '../support/collector';

// The same form and download interactions through the anchor SDK (@amplitude/analytics-browser 2.45.6)
// and ours: the same events, in the same order, with the same property names, types and values.
const TYPES = new Set(['[Amplitude] Form Started', '[Amplitude] Form Submitted', '[Amplitude] File Downloaded']);

describe('form and file download payloads vs the anchor', () => {
  const env = useChromium();

  const run = async (sdk: 'anchor' | 'footprint') => {
    await env.collector.reset();
    const page = await env.browser.newPage();
    await page.goto(`${env.collector.url}/fixtures/forms/compat.html?sdk=${sdk}`);
    await page.waitForFunction(() => (window as any).ready);
    await page.fill('#email', 'jane@example.com');
    await page.locator('#email').blur(); // change → Form Started
    await page.selectOption('#size', 'M'); // same form: nothing new
    await page.click('#signup-submit'); // Form Submitted
    await page.click('#bare-submit'); // no change first: Form Started + Form Submitted
    await page.check('#abs-check'); // Form Started with an absolute destination
    await Promise.all([page.waitForEvent('download'), page.click('#pdf')]);
    await Promise.all([page.waitForEvent('download'), page.click('#csv-inner')]);
    await page.click('#page'); // not a file
    const events = await env.collector.waitFor((evs) => evs.filter((e) => TYPES.has(e.event_type)).length >= 7, 8000);
    await new Promise((r) => setTimeout(r, 400)); // nothing more is coming
    expect((await env.collector.events()).filter((e) => TYPES.has(e.event_type))).toHaveLength(7);
    await page.close();
    // The page URL differs only in ?sdk=anchor|footprint.
    const norm = (e: StoredEvent) => JSON.parse(JSON.stringify(e.event_properties).replace(/sdk=\w+/g, 'sdk=*'));
    return events.filter((e) => TYPES.has(e.event_type)).map((e) => ({ type: e.event_type, props: norm(e) }));
  };

  it('sends the same form and download events with identical properties', async () => {
    const anchor = await run('anchor');
    const ours = await run('footprint');
    expect(ours).toEqual(anchor);
    // And they are the events this scenario should produce (so an empty or wrong anchor run cannot pass).
    const origin = env.collector.url;
    expect(ours.map((e) => `${e.type}#${e.props['[Amplitude] Form ID'] ?? e.props['[Amplitude] Link ID']}`)).toEqual([
      '[Amplitude] Form Started#signup',
      '[Amplitude] Form Submitted#signup',
      '[Amplitude] Form Started#',
      '[Amplitude] Form Submitted#',
      '[Amplitude] Form Started#abs',
      '[Amplitude] File Downloaded#pdf',
      '[Amplitude] File Downloaded#',
    ]);
    expect(ours[1].props).toEqual({
      '[Amplitude] Form ID': 'signup',
      '[Amplitude] Form Name': 'signup-form',
      '[Amplitude] Form Destination': `${env.collector.url}/fixtures/forms/thanks.html?from=compat`,
    });
    expect(ours[2].props['[Amplitude] Form Destination']).toBe(`${env.collector.url}/fixtures/forms/compat.html?sdk=*`);
    expect(ours[4].props['[Amplitude] Form Destination']).toBe('https://other.example/collect');
    expect(ours[6].props).toEqual({
      '[Amplitude] File Extension': 'csv',
      '[Amplitude] File Name': '/fixtures/forms/files/data.csv',
      '[Amplitude] Link ID': '',
      '[Amplitude] Link Text': 'Data',
      '[Amplitude] Link URL': `${env.collector.url}/fixtures/forms/files/data.csv?v=2`,
    });
  });
});
