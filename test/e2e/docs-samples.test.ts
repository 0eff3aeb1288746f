import type { Browser, Page, Request } from 'playwright-core';
import ts from 'typescript';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startTestCollector, type StoredEvent, type TestCollector } from '../support/collector';
import {
  GROUP_IDENTIFY, IDENTIFY_ADD, IDENTIFY_APPEND, IDENTIFY_CLEAR_ALL, IDENTIFY_EMPTY, IDENTIFY_POST_INSERT, IDENTIFY_PREPEND,
  IDENTIFY_REMOVE, IDENTIFY_SET, IDENTIFY_SET_ONCE, IDENTIFY_UNSET, PLUGIN_ADD, PLUGIN_DESTINATION, PLUGIN_ENRICHMENT, PLUGIN_REMOVE,
  RESET, REVENUE, REVENUE_CURRENCY, REVENUE_PROPERTIES, SET_GROUP_MULTIPLE, SET_GROUP_SINGLE, SET_USER_ID, TRACK_BASE_EVENT, TRACK_BASIC,
  TRACK_EVENT_GROUPS,
} from '../fixtures/docs-samples';

// The code samples of Amplitude's Browser SDK 2 documentation (test/fixtures/docs-samples.ts), run through
// the script-tag global `amplitude` that footprint.min.js provides, against the collector. Each sample is
// the doc's text, copied literally (`npm run test:vendor` checks that against the doc); any adaptation is
// applied in code next to it and says why. The doc page is flattened onto one line per block, so
// where a sample has a `// comment` the line break after the comment is put back (`lineBreakAfter`).

const API_KEY = 'docs-sample-api-key';
const DEFAULT_ENDPOINT = 'https://api2.amplitude.com/2/httpapi';

/** Puts back the line break the flattened doc lost after each `// comment` (else the comment eats the code). */
const lineBreakAfter = (sample: string, ...comments: string[]) =>
  comments.reduce((code, comment) => {
    if (!code.includes(comment)) throw new Error(`comment not in sample: ${comment}`);
    return code.replace(comment, `${comment}\n`);
  }, sample);

/** Erases the TypeScript types of a sample (the doc's plugin examples are TypeScript); nothing else changes. */
const stripTypes = (sample: string) => ts.transpileModule(sample, { compilerOptions: { target: ts.ScriptTarget.ES2020 } }).outputText;

/**
 * A page with footprint.min.js and the names the samples assume. `API_KEY` is the doc's placeholder;
 * `init: true` initializes as the doc's "Initialize the SDK" does, but against the collector and with the
 * autocapture set off so only the samples' own events arrive (the plugin samples call `init` themselves).
 */
const pageHtml = (init: boolean) => `<!doctype html><html><head><meta charset="utf-8"><title>docs samples</title>
<script src="/sdk/footprint.min.js"></script>
<script>
  var API_KEY = ${JSON.stringify(API_KEY)};
  ${init ? `amplitude.init(API_KEY, { serverUrl: location.origin + '/2/httpapi', flushIntervalMillis: 50, autocapture: false });` : ''}
</script></head><body></body></html>`;

describe('Browser SDK 2 documentation samples through the script-tag global', () => {
  let browser: Browser;
  let collector: TestCollector;
  const errors: string[] = [];

  beforeAll(async () => {
    [browser, collector] = await Promise.all([launchBrowser(), startTestCollector()]);
  });
  afterAll(async () => {
    await browser?.close();
    await collector?.close();
  });
  beforeEach(async () => {
    errors.length = 0;
    await collector.reset();
  });

  /** Opens a fresh page; uploads to Amplitude's default endpoint (the plugin samples' `init(API_KEY)`) reach the collector. */
  const open = async (init = true): Promise<Page> => {
    const page = await (await browser.newContext()).newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route(`${collector.url}/docs.html`, (route) => route.fulfill({ contentType: 'text/html', body: pageHtml(init) }));
    await page.route(DEFAULT_ENDPOINT, async (route) => {
      try {
        const response = await route.fetch({ url: `${collector.url}/2/httpapi` });
        await route.fulfill({ response });
      } catch (e) {
        // A test closes its page once it has what it checks; an upload still being relayed then has no
        // page to answer (Playwright: "Fetch response has been disposed"). Any other failure is reported.
        if (!closing.has(page) && !page.isClosed()) throw e;
      }
    });
    await page.goto(`${collector.url}/docs.html`);
    return page;
  };
  /** Runs samples in order, each in its own block so their `const`s don't collide (they do on the doc's page too). */
  const run = async (page: Page, ...samples: string[]) => {
    for (const sample of samples) await page.addScriptTag({ content: `{\n${sample}\n}` });
  };
  /** Flushes and waits until `count` events (not counting session events) have arrived. */
  const arrived = async (page: Page, count: number) => {
    await page.evaluate(() => (window as any).amplitude.flush().promise);
    const events = await collector.waitFor((e) => e.filter((x) => !x.event_type.startsWith('session_')).length >= count);
    return events.filter((e) => !e.event_type.startsWith('session_'));
  };
  const closing = new WeakSet<Page>();
  const close = (page: Page) => (closing.add(page), page.context().close());

  it('Track an event: a name, a name with properties, and a BaseEvent with groups and group properties', async () => {
    const page = await open();
    await run(page, lineBreakAfter(TRACK_BASIC, '// Track a basic event.', '// Track events with optional properties.'), TRACK_BASE_EVENT);
    const events = await arrived(page, 3);
    expect(events.map((e) => [e.event_type, e.event_properties, e.groups, e.group_properties])).toEqual([
      ['Button Clicked', undefined, undefined, undefined],
      ['Button Clicked', { buttonColor: 'primary' }, undefined, undefined],
      ['Button Clicked', { buttonColor: 'primary' }, { role: 'engineering' }, { groupPropertyKey: 'groupPropertyValue' }],
    ]);
    expect(errors).toEqual([]);
    await close(page);
  });

  it('User properties: each Identify operation as one $identify', async () => {
    const page = await open();
    // Adaptation: two samples call the named exports `identify` / `Identify`, as after the doc's npm
    // `import`; the script-tag page provides them from the global.
    await page.addScriptTag({ content: 'var Identify = amplitude.Identify, identify = amplitude.identify;' });
    await run(
      page,
      lineBreakAfter(IDENTIFY_EMPTY, '// Use methods in the following sections to update the Identify object'),
      IDENTIFY_SET, IDENTIFY_SET_ONCE, IDENTIFY_ADD, IDENTIFY_UNSET, IDENTIFY_PREPEND, IDENTIFY_APPEND, IDENTIFY_POST_INSERT,
      IDENTIFY_REMOVE, IDENTIFY_CLEAR_ALL,
    );
    const events = await arrived(page, 10);
    expect(events.every((e) => e.event_type === '$identify')).toBe(true);
    expect(events.map((e) => e.user_properties)).toEqual([
      {}, // the "Set a user property" skeleton: an Identify with no operation yet
      { $set: { location: 'LA' } },
      { $setOnce: { 'initial-location': 'SF' } },
      { $add: { 'travel-count': 1 } },
      { $unset: { location: '-' } },
      { $prepend: { 'visited-locations': 'LAX' } },
      { $append: { 'visited-locations': 'SFO' } },
      { $postInsert: { 'unique-locations': 'SFO' } },
      { $remove: { 'unique-locations': 'JFK' } },
      { $clearAll: '-' },
    ]);
    expect(errors).toEqual([]);
    await close(page);
  });

  it('User groups: setGroup with one and several names, and an event-level group', async () => {
    const page = await open();
    await run(
      page,
      lineBreakAfter(SET_GROUP_SINGLE, '// set group with a single group name'),
      lineBreakAfter(SET_GROUP_MULTIPLE, '// set group with multiple group names'),
      TRACK_EVENT_GROUPS,
      'amplitude.track("After Groups");', // shows the user's groups are not stamped on later events
    );
    const events = await arrived(page, 4);
    expect(events.map((e) => [e.event_type, e.groups, e.user_properties])).toEqual([
      ['$identify', { orgId: '15' }, { $set: { orgId: '15' } }],
      ['$identify', { sport: ['soccer', 'tennis'] }, { $set: { sport: ['soccer', 'tennis'] } }],
      ['event type', { orgId: '15' }, undefined],
      ['After Groups', undefined, undefined],
    ]);
    expect(events[2].event_properties).toEqual({ eventPropertyKey: 'event property value' });
    expect(errors).toEqual([]);
    await close(page);
  });

  it('Group properties: groupIdentify sends a $groupidentify with the group and its operations', async () => {
    const page = await open();
    await run(page, GROUP_IDENTIFY);
    const [event] = await arrived(page, 1);
    expect(event).toMatchObject({ event_type: '$groupidentify', groups: { plan: 'enterprise' }, group_properties: { $set: { key1: 'value1' } } });
    expect(event.user_properties).toBeUndefined();
    expect(errors).toEqual([]);
    await close(page);
  });

  it('Track revenue: revenue_amount events with the $-prefixed revenue properties', async () => {
    const page = await open();
    await run(page, REVENUE, REVENUE_CURRENCY, REVENUE_PROPERTIES);
    const events = await arrived(page, 3);
    const base = { $productId: 'com.company.productId', $price: 3.99, $quantity: 3, $revenueType: 'purchase' };
    expect(events.map((e) => e.event_type)).toEqual(['revenue_amount', 'revenue_amount', 'revenue_amount']);
    expect(events[0].event_properties).toMatchObject(base);
    expect(events[0].event_properties).not.toHaveProperty('$currency');
    expect(events[1].event_properties).toMatchObject({ ...base, $currency: 'JPY' });
    expect(events[2].event_properties).toMatchObject({ ...base, category: 'electronics', brand: 'Acme' });
    expect(errors).toEqual([]);
    await close(page);
  });

  it('Custom user identifier and Reset: later events carry the user id; after reset, no user id and a new device id', async () => {
    const page = await open();
    const deviceBefore = await page.evaluate(() => (window as any).amplitude.getDeviceId());
    await run(page, SET_USER_ID, 'amplitude.track("Logged In");', RESET, 'amplitude.track("Logged Out");');
    const events = await arrived(page, 2);
    const [loggedIn, loggedOut] = events;
    expect(loggedIn).toMatchObject({ event_type: 'Logged In', user_id: 'user@amplitude.com', device_id: deviceBefore });
    expect(loggedOut.event_type).toBe('Logged Out');
    expect(loggedOut.user_id).toBeUndefined();
    expect(loggedOut.device_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(loggedOut.device_id).not.toBe(deviceBefore);
    expect(await page.evaluate(() => (window as any).amplitude.getDeviceId())).toBe(loggedOut.device_id);
    expect(errors).toEqual([]);
    await close(page);
  });

  it('Plugins: add and remove by name', async () => {
    const page = await open();
    // Adaptation: `Plugin` and `plugin` are the doc's placeholders; here a plugin class whose instances
    // share one name and mark each event they see.
    await page.addScriptTag({
      content: `class Plugin { constructor() { this.name = 'doc-plugin'; } async execute(event) { event.event_properties = { ...event.event_properties, seen_by_plugin: true }; return event; } }
        var plugin = new Plugin();`,
    });
    await run(page, PLUGIN_ADD, 'amplitude.track("With Plugin");', PLUGIN_REMOVE, 'amplitude.track("Without Plugin");');
    const events = await arrived(page, 2);
    expect(events.map((e) => [e.event_type, e.event_properties])).toEqual([
      ['With Plugin', { seen_by_plugin: true }],
      ['Without Plugin', undefined],
    ]);
    expect(errors).toEqual([]);
    await close(page);
  });

  it('Plugins: the enrichment example adds page_url to every event, including those tracked by init', async () => {
    const page = await open(false);
    await run(page, stripTypes(PLUGIN_ENRICHMENT), 'amplitude.track("Enriched");');
    const events = await collector.waitFor((e) => e.some((x) => x.event_type === 'Enriched'), 5000);
    const pageUrl = page.url();
    expect(events.length).toBeGreaterThan(1); // init's default autocapture: session start, page view, …
    for (const event of events) expect(event.event_properties?.page_url, event.event_type).toBe(pageUrl);
    expect(events.every((e) => e.api_key === API_KEY)).toBe(true);
    expect(errors).toEqual([]);
    await close(page);
  });

  it('Plugins: the destination example posts each event to its URL as { k, d } beside the normal upload', async () => {
    const page = await open(false);
    const posted: Request[] = [];
    await page.route('https://custom.url.com/**', (route) => {
      posted.push(route.request());
      return route.fulfill({ status: 200, headers: { 'Access-Control-Allow-Origin': '*' }, body: 'ok' });
    });
    // Adaptation: the sample defines `customDestination` but adds `myDestinationPlugin(...)`, a name it
    // never defines (a slip in the doc); the call is made with the function the sample defines.
    const sample = stripTypes(PLUGIN_DESTINATION).replace('myDestinationPlugin(', 'customDestination(');
    await run(page, sample, 'amplitude.track("Sent Twice");');
    const events = await collector.waitFor((e) => e.some((x) => x.event_type === 'Sent Twice'), 5000);
    await expect.poll(() => posted.filter((r) => r.method() === 'POST').map((r) => r.postDataJSON().d.event_type)).toContain('Sent Twice');
    const body = posted.find((r) => r.method() === 'POST' && r.postDataJSON().d.event_type === 'Sent Twice')!.postDataJSON();
    const stored = events.find((e) => e.event_type === 'Sent Twice')!;
    expect(body.k).toBe('apikey');
    expect(body.d).toMatchObject({ event_type: 'Sent Twice', insert_id: stored.insert_id, device_id: stored.device_id });
    expect(errors).toEqual([]);
    await close(page);
  });
});
