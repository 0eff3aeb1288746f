import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startTestCollector, type StoredEvent, type TestCollector } from '../support/collector';
import { repoRoot } from '../support/paths';

// footprint-segment.min.js in Chromium against the collector (docs/segment.md): the script tag on its
// own, Segment's snippet stub with our file in place of Segment's script, and a stub that queued `load`.
// The expected events are what Segment's analytics.js integration for Amplitude sent for these calls
// (its own tests state the page names, the `id` trait, the revenue fallback and the legacy group).

const SCRIPT = '/segment/footprint-segment.min.js';
const KEY = 'segment-e2e-api-key-0001';

/**
 * A stub in the form Segment's snippet (5.x) leaves on the page, written for this test: an array of
 * queued `[method, ...args]` with `invoked`; the tracking methods append the page context at call time
 * (`{ __t: 'bpc', … }`); `load` inserts the script and keeps the key and options on the stub; once the
 * real library says `initialized`, the stub's methods forward to it.
 */
const segmentSnippet = (globalKey: string, src: string) => `
(function () {
  var key = ${JSON.stringify(globalKey)};
  var stub = (window[key] = window[key] || []);
  if (stub.initialize || stub.invoked) return;
  stub.invoked = true;
  stub.methods = ['trackSubmit', 'trackClick', 'trackLink', 'trackForm', 'pageview', 'identify', 'reset', 'group', 'track',
    'ready', 'alias', 'debug', 'page', 'screen', 'once', 'off', 'on', 'addSourceMiddleware', 'addIntegrationMiddleware',
    'setAnonymousId', 'addDestinationMiddleware', 'register'];
  var withPageContext = ['track', 'screen', 'alias', 'group', 'page', 'identify'];
  stub.factory = function (method) {
    return function () {
      if (window[key].initialized) return window[key][method].apply(window[key], arguments);
      var call = Array.prototype.slice.call(arguments);
      if (withPageContext.indexOf(method) > -1) {
        var canonical = document.querySelector("link[rel='canonical']");
        call.push({ __t: 'bpc', c: (canonical && canonical.getAttribute('href')) || undefined, p: location.pathname,
          u: location.href, s: location.search, t: document.title, r: document.referrer });
      }
      call.unshift(method);
      stub.push(call);
      return stub;
    };
  };
  for (var i = 0; i < stub.methods.length; i++) stub[stub.methods[i]] = stub.factory(stub.methods[i]);
  stub.load = function (writeKey, options) {
    var script = document.createElement('script');
    script.type = 'text/javascript';
    script.async = true;
    script.setAttribute('data-global-segment-analytics-key', key);
    script.src = ${JSON.stringify(src)};
    var first = document.getElementsByTagName('script')[0];
    first.parentNode.insertBefore(script, first);
    stub._loadOptions = options;
    stub._writeKey = writeKey;
  };
  stub.SNIPPET_VERSION = '5.2.0';
})();`;

const OPTIONS = `{
  footprint: { serverUrl: location.origin + '/2/httpapi', flushIntervalMillis: 50, autocapture: false },
  amplitude: { trackAllPages: true, useLogRevenueV2: true, groupTypeTrait: 'industry', groupValueTrait: 'name' }
}`;

const html = (body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>segment</title><script>/* first script */</script></head><body>${body}</body></html>`;

describe('footprint-segment.min.js', () => {
  let browser: Browser;
  let collector: TestCollector;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    collector = await startTestCollector({ static: { '/segment/': `${repoRoot}packages/segment/dist/` } });
  });
  afterAll(async () => {
    await browser?.close();
    await collector?.close();
  });
  beforeEach(async () => {
    await collector.reset();
    errors = [];
  });

  const open = async (name: string, body: string): Promise<Page> => {
    const page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route(`${collector.url}/${name}.html`, (route) => route.fulfill({ contentType: 'text/html', body: html(body) }));
    await page.goto(`${collector.url}/${name}.html`);
    return page;
  };
  const types = (events: StoredEvent[]) => events.map((e) => e.event_type);

  it('script tag: load, then page/identify/track/group arrive as Segment sent them to Amplitude', async () => {
    const page = await open(
      'script-tag',
      `<script src="${SCRIPT}"></script>
       <script>
         analytics.load(${JSON.stringify(KEY)}, ${OPTIONS});
         analytics.page('Category', 'Name');
         analytics.identify('user-12345', { trait: true });
         analytics.track('event', { revenue: 20, quantity: 2, productId: 'AMP1' });
         analytics.track('Clicked Benefits Dropdown', { dropdownColor: 'blue' }, { integrations: { Amplitude: { groups: { onboarding_cohort: 'Summer 2016' } } } });
         analytics.group('testGroupId');
         analytics.group('082108c8', { industry: 'Placeholding', name: 'ExampleCorp, LLC' });
       </script>`,
    );
    const events = await collector.waitFor((e) => e.filter((x) => x.event_type === '$identify').length >= 3);
    await page.close();
    expect(errors).toEqual([]);
    expect(types(events)).toEqual([
      'Loaded a Page',
      'Viewed Category Page',
      'Viewed Category Name Page',
      '$identify',
      'event',
      'revenue_amount',
      'Clicked Benefits Dropdown',
      '$identify',
      '$identify',
    ]);
    expect(events[0].event_properties).toMatchObject({ category: 'Category', name: 'Name', path: '/script-tag.html', title: 'segment', url: `${collector.url}/script-tag.html` });
    expect(events[3]).toMatchObject({ user_id: 'user-12345', user_properties: { $set: { trait: true, id: 'user-12345' } } });
    // Revenue without a price: the revenue is the price of one item.
    expect(events[5]).toMatchObject({ user_id: 'user-12345', event_properties: { $price: 20, $quantity: 1, $productId: 'AMP1', revenue: 20, quantity: 2 } });
    expect(events[6].groups).toEqual({ onboarding_cohort: 'Summer 2016' });
    expect(events[7]).toMatchObject({ groups: { '[Segment] Group': 'testGroupId' }, user_properties: { $set: { '[Segment] Group': 'testGroupId' } } });
    expect(events[8]).toMatchObject({ groups: { Placeholding: 'ExampleCorp, LLC' } });
  });

  it("Segment's snippet with our script in place of Segment's: the queued calls run in order, exactly once, with their page context", async () => {
    const page = await open(
      'snippet',
      `<script>${segmentSnippet('analytics', SCRIPT)}</script>
       <script>
         analytics.load(${JSON.stringify(KEY)}, ${OPTIONS});
         document.title = 'Pricing at call time';
         analytics.page('Pricing');
         document.title = 'changed later';
         analytics.identify('user-67890', { plan: 'pro' });
         analytics.track('Order Completed', { revenue: 25, products: [{ productId: 'p1', price: 19, quantity: 1 }, { productId: 'p2', price: 3, quantity: 2 }] });
         window.queuedBeforeLoad = analytics.length;
       </script>`,
    );
    await page.waitForFunction(() => (window as any).analytics.initialized === true);
    await page.evaluate(() => (window as any).analytics.track('After Load'));
    const events = await collector.waitFor((e) => e.some((x) => x.event_type === 'After Load'));
    expect(await page.evaluate(() => (window as any).queuedBeforeLoad)).toBe(3);
    await page.close();
    expect(errors).toEqual([]);
    expect(types(events)).toEqual([
      'Loaded a Page',
      'Viewed Pricing Page',
      '$identify',
      'Order Completed',
      'revenue_amount',
      'Product Purchased',
      'Product Purchased',
      'After Load',
    ]);
    expect(events[1].event_properties).toMatchObject({ name: 'Pricing', title: 'Pricing at call time', path: '/snippet.html' });
    expect(events[3].event_properties).toEqual({ revenue: 25 });
    expect(events[4].event_properties).toMatchObject({ $price: 25, $quantity: 1, $revenueType: 'Purchase' });
    expect(events[5]).toMatchObject({ user_id: 'user-67890', event_properties: { productId: 'p1', price: 19, quantity: 1 } });
  });

  it('a stub that queued load, under a custom global; preferAnonymousIdForDeviceId reads the ajs_anonymous_id cookie', async () => {
    const page = await open(
      'queued-load',
      `<script>
         document.cookie = 'ajs_anonymous_id=' + encodeURIComponent(JSON.stringify('anon-from-segment-42')) + '; path=/';
         var stub = (window.seg = []);
         stub.invoked = true;
         ['load', 'track', 'ready'].forEach(function (m) { stub[m] = function () { stub.push([m].concat([].slice.call(arguments))); }; });
         seg.track('Before Load');
         seg.load(${JSON.stringify(KEY)}, { footprint: { serverUrl: location.origin + '/2/httpapi', flushIntervalMillis: 50, autocapture: false }, amplitude: { preferAnonymousIdForDeviceId: true } });
         seg.ready(function () { window.wasReady = true; });
         seg.track('After Load Call');
       </script>
       <script src="${SCRIPT}" data-global-segment-analytics-key="seg"></script>`,
    );
    const events = await collector.waitFor((e) => e.some((x) => x.event_type === 'After Load Call'));
    await page.waitForFunction(() => (window as any).wasReady === true);
    expect(await page.evaluate(() => (window as any).analytics)).toBeUndefined();
    await page.close();
    expect(errors).toEqual([]);
    expect(types(events)).toEqual(['Before Load', 'After Load Call']);
    expect(events.map((e) => e.device_id)).toEqual(['anon-from-segment-42', 'anon-from-segment-42']);
  });
});
