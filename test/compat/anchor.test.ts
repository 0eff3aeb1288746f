import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startTestCollector, type StoredEvent, type TestCollector } from '../support/collector';

// One scenario that exercises every public call runs through the anchor SDK (Amplitude Browser SDK 2,
// its own script bundle) and through ours (packages/browser/dist/footprint.min.js); the two upload
// streams are compared field by field. Only random or time-based values are ignored, and even for
// those the *pattern* (which events share a device or session id) must match.

const anchorScripts = join(dirname(createRequire(import.meta.url).resolve('@amplitude/analytics-browser/package.json')), 'lib/scripts');

/** Values that are random or time-based; compared only as a pattern (see `pattern`). */
const IGNORED = ['insert_id', 'device_id', 'time', 'session_id', 'library', 'user_agent'];
/** Collector bookkeeping, not part of the SDK's upload. */
const COLLECTOR_FIELDS = ['received_at', 'upload_id'];

/**
 * Intended differences, each with its reason from docs/differences.md §C. Each entry lists the event type and
 * field it excuses; anything else that differs fails the test.
 * - library: `footprint/<version>` instead of `amplitude-ts/<version>` (docs/differences.md §C.9). Already ignored
 *   above as a per-SDK value, listed here so the reason is on record.
 */
const INTENDED_DIFFERENCES: { event_type: string; field: string; reason: string }[] = [
  { event_type: '*', field: 'library', reason: 'docs/differences.md §C.9: the library field names Footprint' },
  {
    event_type: '*',
    field: 'user_id/device_id/session_id',
    reason:
      'docs/architecture.md "Order": ids are read when an event is tracked, so an identity change never rewrites an event ' +
      'still in the pipeline; the anchor reads them when its timeline processes the event (asserted by the Order test)',
  },
];

// Written in ES5 so it runs unchanged in both pages; `sdk` is `window.amplitude` or `window.footprint`.
const scenario = (globalName: string) => `
(async function () {
  var sdk = window[${JSON.stringify(globalName)}];
  var out = [];
  var note = function (label) { return function (r) { out.push([label, r && typeof r === 'object' ? { code: r.code, message: r.message } : r]); }; };
  var serverUrl = location.origin + '/2/httpapi';
  // A pause after each call lets the anchor's timeline stamp the event before the next identity change
  // (it reads ids when it processes an event, not when it is tracked; see the Order test below).
  var step = function () { return new Promise(function (r) { setTimeout(r, 25); }); };
  var none = { attribution: false, pageViews: false, formInteractions: false, fileDownloads: false, elementInteractions: false,
    frustrationInteractions: false, pageUrlEnrichment: false, networkTracking: false, webVitals: false, performanceTracking: false, sessions: true };

  // Before init: a plugin and an event are queued (docs/protocol.md §A.2).
  sdk.add({ name: 'tagger', type: 'enrichment', execute: function (e) {
    e.event_properties = Object.assign({}, e.event_properties, { tagged: true }); return Promise.resolve(e); } });
  var pending = [sdk.track('Before Init', { n: 0 }).promise.then(note('track before init'))];
  await sdk.init('compat-api-key-0123456789', 'user-12345', {
    serverUrl: serverUrl, flushIntervalMillis: 200, flushQueueSize: 100, logLevel: 0, appVersion: '1.2.3',
    autocapture: none, fetchRemoteConfig: false, remoteConfig: { fetchRemoteConfig: false }, enableDiagnostics: false,
  }).promise;
  out.push(['getUserId', sdk.getUserId()]);

  pending.push(sdk.track('Button Clicked', { color: 'blue', n: 1, nested: { list: [1, 'two', { three: 3 }] } }).promise.then(note('track')));
  await step();
  pending.push(sdk.logEvent('Logged Event', { via: 'logEvent' }).promise.then(note('logEvent')));
  await step();
  pending.push(sdk.track({ event_type: 'Object Event', event_properties: { a: 1 }, groups: { org: 'acme' }, group_properties: { tier: 'gold' } }).promise.then(note('track object')));
  await step();
  pending.push(sdk.track('With Options', { x: 1 }, { user_id: 'option-user-1', app_version: '9.9.9', location_lat: 1.5 }).promise.then(note('track options')));
  await step();
  var id = new sdk.Identify().set('plan', 'pro').setOnce('first', 'x').add('logins', 1).append('tags', 'a')
    .prepend('tags2', ['b']).preInsert('p', 'c').postInsert('q', 'd').remove('r', 'e').unset('old').set('plan', 'ignored');
  pending.push(sdk.identify(id).promise.then(note('identify')));
  await step();
  pending.push(sdk.identify(new sdk.Identify().set('gone', 1).clearAll().set('after', 2)).promise.then(note('identify clearAll')));
  await step();
  pending.push(sdk.setGroup('orgId', '15').promise.then(note('setGroup')));
  await step();
  pending.push(sdk.setGroup('sport', ['tennis', 'soccer']).promise.then(note('setGroup list')));
  await step();
  pending.push(sdk.groupIdentify('plan', 'enterprise', new sdk.Identify().set('seats', 10).add('renewals', 1)).promise.then(note('groupIdentify')));
  await step();
  pending.push(sdk.revenue(new sdk.Revenue().setProductId('sku-1').setPrice(3.99).setQuantity(3).setRevenueType('purchase')
    .setCurrency('EUR').setRevenue(11.97).setReceipt('receipt-1').setReceiptSig('sig-1').setEventProperties({ category: 'books' })).promise.then(note('revenue')));
  await step();

  sdk.setUserId('user-67890');
  await step();
  out.push(['getUserId after set', sdk.getUserId()]);
  pending.push(sdk.track('After setUserId').promise.then(note('after setUserId')));
  await step();
  sdk.setDeviceId('device-compat-12345');
  await step();
  out.push(['getDeviceId after set', sdk.getDeviceId()]);
  pending.push(sdk.track('After setDeviceId').promise.then(note('after setDeviceId')));
  await step();
  sdk.extendSession();
  await step();
  var before = sdk.getSessionId();
  sdk.setSessionId(before + 1000);
  await step();
  out.push(['session moved by', sdk.getSessionId() - before]);
  pending.push(sdk.track('In New Session').promise.then(note('new session')));
  await step();

  sdk.setOptOut(true);
  await step();
  pending.push(sdk.track('While Opted Out').promise.then(note('opted out')));
  await step();
  sdk.setOptOut(false);
  await step();
  pending.push(sdk.track('').promise.then(note('empty type')));
  await step();

  var deviceBefore = sdk.getDeviceId();
  sdk.reset();
  await step();
  out.push(['reset: user', sdk.getUserId()], ['reset: new device', sdk.getDeviceId() !== deviceBefore]);
  pending.push(sdk.track('After Reset').promise.then(note('after reset')));
  await step();
  await sdk.remove('tagger').promise;
  sdk.setTransport('fetch');
  pending.push(sdk.track('After Remove').promise.then(note('after remove')));
  // Let the events leave on the flush timer (a manual flush() answers with a different message in the
  // anchor: that belongs to the delivery engine, not to this scenario); then flush() an empty queue.
  await Promise.all(pending);
  await sdk.flush().promise;
  return out;
})()`;

describe('compatibility with the anchor SDK (same scenario, same uploads)', () => {
  let browser: Browser;
  let collector: TestCollector;

  beforeAll(async () => {
    browser = await launchBrowser();
    collector = await startTestCollector({ static: { '/anchor/': `${anchorScripts}/` } });
  });
  afterAll(async () => {
    await browser?.close();
    await collector?.close();
  });

  const run = async (script: string, globalName: string, code = scenario(globalName), last = 'After Remove') => {
    await collector.reset();
    const context = await browser.newContext(); // fresh cookies and storage per SDK
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route(`${collector.url}/compat.html`, (route) =>
      route.fulfill({ contentType: 'text/html', body: `<!doctype html><html><head><title>compat</title><script src="${script}"></script></head><body></body></html>` }),
    );
    await page.goto(`${collector.url}/compat.html`);
    const results = (await page.evaluate(code)) as unknown[];
    const events = await collector.waitFor((e) => e.some((x) => x.event_type === last), 10_000);
    await context.close();
    expect(errors).toEqual([]);
    return { results, events };
  };

  /** Replaces each ignored value by the index of its first occurrence, so patterns can be compared. */
  const pattern = (events: StoredEvent[], field: string) => {
    const seen: unknown[] = [];
    return events.map((e) => {
      if (e[field] === undefined) return 'absent';
      if (!seen.includes(e[field])) seen.push(e[field]);
      return seen.indexOf(e[field]);
    });
  };
  const comparable = (e: StoredEvent) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e)) if (!IGNORED.includes(k) && !COLLECTOR_FIELDS.includes(k)) out[k] = v;
    return out;
  };

  it('uploads the same events, field by field, and resolves the same results', async () => {
    const anchor = await run('/anchor/amplitude-min.js', 'amplitude');
    const ours = await run('/sdk/footprint.min.js', 'footprint');

    expect(ours.events.map((e) => e.event_type)).toEqual(anchor.events.map((e) => e.event_type));
    for (let i = 0; i < anchor.events.length; i++) {
      expect(comparable(ours.events[i]), `event #${i} ${anchor.events[i].event_type}`).toEqual(comparable(anchor.events[i]));
    }
    for (const field of ['device_id', 'session_id']) expect(pattern(ours.events, field), field).toEqual(pattern(anchor.events, field));
    // Ignored values are still well-formed.
    for (const e of ours.events) {
      expect(typeof e.insert_id).toBe('string');
      expect(typeof e.time).toBe('number');
      expect(e.library).toMatch(/^footprint\//);
    }
    expect(anchor.events.every((e) => String(e.library).startsWith('amplitude-ts'))).toBe(true); // amplitude-ts-sdk-script/<version>
    // Promises settle in upload order, which depends on batch timing: compare by label.
    expect(Object.fromEntries(ours.results as [string, unknown][])).toEqual(Object.fromEntries(anchor.results as [string, unknown][]));
    expect(INTENDED_DIFFERENCES.map((d) => d.reason)).toHaveLength(2); // keep this list in sync with the Order test and docs/differences.md
  });

  it('intended difference (docs/architecture.md "Order"): setUserId() right after track() does not rewrite that event', async () => {
    const burst = (g: string) => `(async function () {
      var sdk = window[${JSON.stringify(g)}];
      await sdk.init('order-api-key-0123456789', { serverUrl: location.origin + '/2/httpapi', flushIntervalMillis: 50, logLevel: 0,
        autocapture: false, fetchRemoteConfig: false, remoteConfig: { fetchRemoteConfig: false }, enableDiagnostics: false }).promise;
      var tracked = sdk.track('Tracked Before setUserId').promise;
      sdk.setUserId('later-user-1');
      await tracked;
      return [];
    })()`;
    const anchor = await run('/anchor/amplitude-min.js', 'amplitude', burst('amplitude'), 'Tracked Before setUserId');
    const ours = await run('/sdk/footprint.min.js', 'footprint', burst('footprint'), 'Tracked Before setUserId');
    expect(anchor.events[0].user_id).toBe('later-user-1'); // the anchor stamps ids when its timeline gets to the event
    expect(ours.events[0].user_id).toBeUndefined(); // we stamp them when the event is tracked
  });

  it('the script-tag global exposes the same surface as the npm module', async () => {
    const moduleKeys = Object.keys(await import('@footprint/browser')).sort();
    const page = await browser.newPage();
    await page.route(`${collector.url}/surface.html`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><script src="/sdk/footprint.min.js"></script>' }),
    );
    await page.goto(`${collector.url}/surface.html`);
    const globalKeys = (await page.evaluate('Object.keys(window.footprint)')) as string[];
    const typesKeys = (await page.evaluate('Object.keys(window.footprint.Types).sort()')) as string[];
    await page.close();
    expect(moduleKeys.filter((k) => !globalKeys.includes(k))).toEqual([]);
    expect(typesKeys).toEqual(expect.arrayContaining(['IdentifyOperation', 'LogLevel', 'ServerZone', 'SpecialEventType', 'TransportType']));
  });
});
