import { describe, expect, it } from 'vitest';
import { useChromium } from '../support/chromium';
import { importMap, type StoredEvent } from '../support/collector';

// The same landing page (UTM parameters, a click ID, an external referrer) and the same SPA navigation
// through the anchor SDK (@amplitude/analytics-browser 2.45.6, attribution + page views only) and ours
// (attributionPlugin + pageViewsPlugin): the same $identify and page view payloads, in the same order.
const PV = '[Amplitude] Page Viewed';
const TYPES = new Set(['session_start', '$identify', PV]);
const PATH = '/pv-compat/shop/';
const QUERY = '?utm_source=news&utm_medium=cpc&utm_campaign=summer%20sale&fbclid=F1';
const REFERRER = 'https://search.example.com/results?q=shoes';

const page = (sdk: 'anchor' | 'footprint', serverUrl: string) => {
  const head =
    sdk === 'anchor'
      ? `<script src="/node_modules/@amplitude/analytics-browser/lib/scripts/amplitude-min.umd.js"></script>
<script>
  amplitude.init('compat-anchor-key', {
    serverUrl: ${JSON.stringify(serverUrl)}, flushIntervalMillis: 100, fetchRemoteConfig: false, remoteConfig: { fetchRemoteConfig: false },
    autocapture: { attribution: true, pageViews: true, sessions: true, formInteractions: false, fileDownloads: false,
      elementInteractions: false, frustrationInteractions: false, pageUrlEnrichment: false, networkTracking: false, webVitals: false },
  });
</script>`
      : `<script type="importmap">${importMap(['plugin-masking', 'plugin-page-views', 'plugin-attribution'])}</script>
<script type="module">
  import { createInstance } from '@footprint/browser/lite';
  import { attributionPlugin } from '@footprint/plugin-attribution';
  import { pageViewsPlugin } from '@footprint/plugin-page-views';
  const client = createInstance();
  client.add(attributionPlugin());
  client.add(pageViewsPlugin());
  client.init('compat-footprint-key', { serverUrl: ${JSON.stringify(serverUrl)}, flushIntervalMillis: 100, autocapture: { sessions: true, attribution: false, pageViews: false, pageUrlEnrichment: false, formInteractions: false, fileDownloads: false } });
</script>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>Shoes · Shop</title>${head}</head><body><h1>Shop</h1></body></html>`;
};

describe('page view and attribution payloads vs the anchor', () => {
  const env = useChromium();

  const run = async (sdk: 'anchor' | 'footprint') => {
    await env.collector.reset();
    const context = await env.browser.newContext(); // fresh cookies and storage: a first visit
    const tab = await context.newPage();
    const errors: Error[] = [];
    tab.on('pageerror', (e) => errors.push(e));
    await tab.route(`**${PATH}**`, (route) => route.fulfill({ contentType: 'text/html', body: page(sdk, `${env.collector.url}/2/httpapi`) }));
    await tab.goto(`${env.collector.url}${PATH}${QUERY}`, { referer: REFERRER });
    const views = (n: number) => env.collector.waitFor((evs) => evs.filter((e) => e.event_type === PV).length >= n, 8000);
    await views(1);
    await tab.evaluate(() => history.pushState({}, '', 'item?color=red'));
    await views(2);
    await tab.evaluate(() => history.back());
    await views(3);
    await new Promise((r) => setTimeout(r, 400)); // nothing more is coming
    const events = (await env.collector.events()).filter((e) => TYPES.has(e.event_type));
    await context.close();
    expect(errors).toEqual([]);
    return events;
  };

  /** What must match: event type, user property operations, event properties (the random view id only checked for shape). */
  const comparable = (e: StoredEvent) => {
    const { ['[Amplitude] Page View ID']: viewId, ...props } = e.event_properties ?? {};
    if (e.event_type === PV) expect(viewId).toMatch(/^[0-9a-f-]{36}$/);
    return { type: e.event_type, user_properties: e.user_properties, event_properties: props };
  };

  it('sends the same campaign $identify and the same page views, in the same order', async () => {
    const anchor = await run('anchor');
    const ours = await run('footprint');
    expect(anchor[0].library).toMatch(/^amplitude-ts\//);
    expect(ours[0].library).toMatch(/^footprint\//);
    expect(ours.map(comparable)).toEqual(anchor.map(comparable));

    // And they are what this scenario should produce, so an empty or broken anchor run cannot pass.
    const origin = env.collector.url;
    expect(ours.map((e) => e.event_type)).toEqual(['$identify', 'session_start', PV, PV, PV]);
    expect(ours[0].user_properties.$set).toEqual({
      utm_source: 'news',
      utm_medium: 'cpc',
      utm_campaign: 'summer sale',
      fbclid: 'F1',
      referrer: REFERRER,
      referring_domain: 'search.example.com',
    });
    expect(Object.keys(ours[0].user_properties.$setOnce)).toHaveLength(19);
    expect(ours.filter((e) => e.event_type === PV).map((e) => [e.event_properties['[Amplitude] Page Location'], e.event_properties['[Amplitude] Page Counter']])).toEqual([
      [`${env.collector.url}${PATH}?utm_source=news&utm_medium=cpc&utm_campaign=summer sale&fbclid=F1`, 1],
      [`${env.collector.url}${PATH}item?color=red`, 2],
      [`${env.collector.url}${PATH}?utm_source=news&utm_medium=cpc&utm_campaign=summer sale&fbclid=F1`, 3],
    ]);
    expect(ours[2].event_properties).toMatchObject({ '[Amplitude] Page Title': 'Shoes · Shop', '[Amplitude] Page Domain': '127.0.0.1', utm_campaign: 'summer sale', referrer: REFERRER });
  });
});
