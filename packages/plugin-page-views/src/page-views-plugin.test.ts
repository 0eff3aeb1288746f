import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryStorage, type Event, type Plugin } from '@footprint/core';
import { URL_INFO_STORAGE_KEY, pageUrlEnrichmentPlugin } from './page-url-enrichment-plugin';
import { PAGE_VIEW_STORAGE_KEY, pageViewsPlugin } from './page-views-plugin';
import { API_KEY, testClient } from './test-utils';

const PV = '[Amplitude] Page Viewed';
const originalPush = history.pushState;
const originalReplace = history.replaceState;
// Moves the URL without going through any wrapper, as the browser does on back/forward.
const browserMoveTo = (url: string) => History.prototype.replaceState.call(history, null, '', url);
const setReferrer = (value: string) => Object.defineProperty(document, 'referrer', { value, configurable: true });

let cleanup: Array<() => unknown> = [];
beforeEach(() => {
  browserMoveTo('/');
  sessionStorage.clear();
  document.head.innerHTML = '<title>Home</title>';
  setReferrer('');
});
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
  // Back to the prototype's methods, whatever a failed test left behind.
  delete (history as Partial<History>).pushState;
  delete (history as Partial<History>).replaceState;
});

const started = async (options?: Parameters<typeof pageViewsPlugin>[0]) => {
  const t = testClient();
  const plugin = pageViewsPlugin(options);
  await t.start([plugin]);
  cleanup.push(() => t.client.remove(plugin.name!).promise);
  await t.settle();
  return { ...t, plugin };
};

describe('page view on load', () => {
  it('tracks one [Amplitude] Page Viewed with every documented property, campaign parameters and Page Counter 1', async () => {
    browserMoveTo('/pricing/caf%C3%A9?utm_source=news&utm_medium=email&gclid=abc+1#plans');
    setReferrer('https://www.google.com/search?q=x');
    document.title = 'Pricing';
    const { of } = await started();
    const views = of(PV);
    expect(views).toHaveLength(1);
    const props = views[0].event_properties!;
    expect(props).toMatchObject({
      '[Amplitude] Page Domain': 'localhost',
      '[Amplitude] Page Location': `${location.origin}/pricing/café?utm_source=news&utm_medium=email&gclid=abc+1#plans`,
      '[Amplitude] Page Path': '/pricing/café',
      '[Amplitude] Page Title': 'Pricing',
      '[Amplitude] Page URL': `${location.origin}/pricing/café`,
      '[Amplitude] Page Counter': 1,
      utm_source: 'news',
      utm_medium: 'email',
      gclid: 'abc+1',
      referrer: 'https://www.google.com/search?q=x',
      referring_domain: 'www.google.com',
    });
    expect(props['[Amplitude] Page View ID']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(sessionStorage.getItem(PAGE_VIEW_STORAGE_KEY)!)).toEqual({ pageViewId: props['[Amplitude] Page View ID'] });
    expect(props).not.toHaveProperty('utm_campaign');
  });

  it('is stamped with the session init starts, after session_start', async () => {
    const { events, client } = await started();
    const types = events.map((e) => e.event_type);
    expect(types.indexOf('session_start')).toBeGreaterThanOrEqual(0);
    expect(types.indexOf(PV)).toBeGreaterThan(types.indexOf('session_start'));
    expect(events.find((e) => e.event_type === PV)!.session_id).toBe(client.getSessionId());
  });

  it('masks the title to ***** when <title> has data-amp-mask, whatever its value', async () => {
    document.head.innerHTML = '<title data-amp-mask="false">Account of Jane Doe</title>';
    const { of } = await started();
    expect(of(PV)[0].event_properties!['[Amplitude] Page Title']).toBe('*****');
  });

  it('uses eventType for the page view and counts only that type', async () => {
    const { of, client, settle } = await started({ eventType: 'Page Viewed' });
    client.track('Other');
    await settle();
    expect(of(PV)).toHaveLength(0);
    expect(of('Page Viewed')[0].event_properties!['[Amplitude] Page Counter']).toBe(1);
    expect(of('Other')[0].event_properties?.['[Amplitude] Page Counter']).toBeUndefined();
  });
});

describe('single-page-app navigation', () => {
  it('tracks one page view per real navigation: pushState, replaceState to a new URL, back (popstate), hash change', async () => {
    const { of, settle } = await started();
    history.pushState({}, '', '/docs');
    history.pushState({ hydrated: true }, '', '/docs'); // same URL during hydration: not a page view
    history.replaceState({ more: 1 }, '', '/docs'); // state-only replace: not a page view
    history.replaceState(null, '', '/docs/intro'); // a redirect: a page view
    browserMoveTo('/docs');
    window.dispatchEvent(new PopStateEvent('popstate')); // back
    browserMoveTo('/docs#faq');
    window.dispatchEvent(new PopStateEvent('popstate'));
    window.dispatchEvent(new HashChangeEvent('hashchange')); // the same navigation seen twice
    await settle();
    const paths = of(PV).map((e) => e.event_properties!['[Amplitude] Page Location'].replace(location.origin, ''));
    expect(paths).toEqual(['/', '/docs', '/docs/intro', '/docs', '/docs#faq']);
    expect(of(PV).map((e) => e.event_properties!['[Amplitude] Page Counter'])).toEqual([1, 2, 3, 4, 5]);
  });

  it('reports each navigation with its own URL and the title the router sets after it (by the next task)', async () => {
    const { of, settle } = await started();
    history.pushState({}, '', '/one');
    await Promise.resolve();
    document.title = 'One';
    await settle();
    history.pushState({}, '', '/two');
    history.pushState({}, '', '/three');
    document.title = 'Three';
    await settle();
    // '/two' was left before its title was read: it reports the title shown while it was current, never
    // the next page's (a quick Back after a click must not lend the new title to the page before).
    expect(of(PV).slice(1).map((e) => [e.event_properties!['[Amplitude] Page Path'], e.event_properties!['[Amplitude] Page Title']])).toEqual([
      ['/one', 'One'],
      ['/two', 'One'],
      ['/three', 'Three'],
    ]);
  });

  it("with trackHistoryChanges 'pathOnly' ignores query and hash changes", async () => {
    const { of, settle } = await started({ trackHistoryChanges: 'pathOnly' });
    history.pushState({}, '', '/?tab=2');
    history.pushState({}, '', '/?tab=2#x');
    history.pushState({}, '', '/blog');
    history.pushState({}, '', '/blog?page=2');
    await settle();
    expect(of(PV).map((e) => e.event_properties!['[Amplitude] Page Path'])).toEqual(['/', '/blog']);
  });

  it("with 'all' (the default) a query or hash change is a new page", async () => {
    const { of, settle } = await started({ trackHistoryChanges: 'all' });
    history.pushState({}, '', '/?tab=2');
    history.pushState({}, '', '/?tab=2#'); // an empty fragment is the same page
    history.pushState({}, '', '/?tab=2#x');
    await settle();
    expect(of(PV).map((e) => e.event_properties!['[Amplitude] Page Location'].replace(location.origin, ''))).toEqual(['/', '/?tab=2', '/?tab=2#x']);
  });

  it('a navigation before the first page view is sent yields one page view of the newest URL', async () => {
    const t = testClient();
    const plugin = pageViewsPlugin();
    await t.start([plugin]);
    cleanup.push(() => t.client.remove(plugin.name!).promise);
    history.replaceState(null, '', '/welcome'); // a router redirect during boot
    await t.settle();
    expect(t.of(PV).map((e) => e.event_properties!['[Amplitude] Page Path'])).toEqual(['/welcome']);
  });
});

describe('trackOn', () => {
  it('a function decides at each page view; a throwing one tracks nothing and never reaches the page', async () => {
    let allow = false;
    const { of, settle, warnings } = await started({ trackOn: () => allow });
    expect(of(PV)).toHaveLength(0);
    allow = true;
    history.pushState({}, '', '/a');
    await settle();
    expect(of(PV)).toHaveLength(1);

    const broken = await started({ trackOn: () => { throw new Error('app bug'); } });
    expect(() => history.pushState({}, '', '/b')).not.toThrow();
    await broken.settle();
    expect(broken.of(PV)).toHaveLength(0);
    expect(String(broken.warnings.flat())).toContain('trackOn() threw');
    expect(warnings).toEqual([]);
  });

  it("'attribution' sends no page view of its own and turns the campaign $identify into the page view", async () => {
    browserMoveTo('/land?utm_source=ads');
    const { events, of, client, settle } = await started({ trackOn: 'attribution' });
    history.pushState({}, '', '/next');
    await settle();
    expect(of(PV)).toHaveLength(0);

    const keys = ['utm_campaign', 'utm_content', 'utm_id', 'utm_medium', 'utm_source', 'utm_term', 'referrer', 'referring_domain', 'dclid', 'gbraid', 'gclid', 'fbclid', 'ko_click_id', 'li_fat_id', 'msclkid', 'rdt_cid', 'ttclid', 'twclid', 'wbraid'];
    const $unset = Object.fromEntries(keys.filter((k) => k !== 'utm_source').map((k) => [k, '-']));
    client.track({ event_type: '$identify', user_properties: { $set: { utm_source: 'ads' }, $unset } });
    client.track({ event_type: '$identify', user_properties: { $set: { plan: 'pro' } } }); // not a campaign
    await settle();
    const view = of(PV)[0];
    expect(view.user_properties).toEqual({ $set: { utm_source: 'ads' }, $unset });
    expect(view.event_properties).toMatchObject({ '[Amplitude] Page Path': '/next', '[Amplitude] Page Counter': 1 });
    expect(events.filter((e) => e.event_type === '$identify')).toHaveLength(1);
  });
});

describe('page counter', () => {
  it('counts per session, restarts at 1 in a new session, and is written to identity storage at once', async () => {
    const { of, client, settle, storage } = await started();
    history.pushState({}, '', '/2');
    await settle();
    expect((await storage.get(`AMP_${API_KEY.slice(0, 10)}`))?.pageCounter).toBe(2);
    client.setSessionId(Date.now() + 1000);
    history.pushState({}, '', '/3');
    await settle();
    expect(of(PV).map((e) => e.event_properties!['[Amplitude] Page Counter'])).toEqual([1, 2, 1]);
  });
});

describe('storage', () => {
  it('keeps AMP_PAGE_VIEW and AMP_URL_INFO in config.tabStorage when the client offers one, never touching sessionStorage', async () => {
    const tab = memoryStorage<unknown>();
    await tab.set(URL_INFO_STORAGE_KEY, { AMP_CURRENT_PAGE: `${location.origin}/before`, AMP_PREVIOUS_PAGE: '' });
    // What the browser client does at init (its tabStorage is consent-gated sessionStorage).
    const offersTab: Plugin = { name: 'offers-tab', setup: (c) => void (c.tabStorage = tab) };
    const t = testClient();
    const plugins = [offersTab, pageViewsPlugin(), pageUrlEnrichmentPlugin()];
    await t.start(plugins);
    cleanup.push(async () => {
      for (const p of plugins) await t.client.remove(p.name!).promise;
    });
    await t.settle();
    const [view] = t.of(PV);
    expect(await tab.get(PAGE_VIEW_STORAGE_KEY)).toEqual({ pageViewId: view.event_properties!['[Amplitude] Page View ID'] });
    expect(view.event_properties!['[Amplitude] Previous Page Location']).toBe(`${location.origin}/before`); // read from it
    expect(await tab.get(URL_INFO_STORAGE_KEY)).toEqual({ AMP_CURRENT_PAGE: `${location.origin}/`, AMP_PREVIOUS_PAGE: `${location.origin}/before` });
    expect(sessionStorage.length).toBe(0);
  });
});

describe('teardown', () => {
  it('restores the original history methods, stops listening and forgets the page view id', async () => {
    const t = testClient();
    const plugin = pageViewsPlugin();
    await t.start([plugin]);
    await t.settle();
    expect(history.pushState).not.toBe(originalPush);
    expect(history.replaceState).not.toBe(originalReplace);
    await t.client.remove(plugin.name!).promise;
    expect(history.pushState).toBe(originalPush);
    expect(history.replaceState).toBe(originalReplace);
    expect(Object.prototype.hasOwnProperty.call(history, 'pushState')).toBe(false);
    expect(sessionStorage.getItem(PAGE_VIEW_STORAGE_KEY)).toBeNull();
    history.pushState({}, '', '/after');
    browserMoveTo('/after#x');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await t.settle();
    expect(t.of(PV)).toHaveLength(1);
  });

  it('a navigation whose page view is not sent yet sends none after removal', async () => {
    const { client, plugin, of, settle } = await started();
    history.pushState({}, '', '/late');
    await client.remove(plugin.name!).promise;
    await settle();
    expect(of(PV)).toHaveLength(1);
  });

  it('removed before its first page view, it sends none', async () => {
    const t = testClient();
    const plugin = pageViewsPlugin();
    await t.start([plugin]);
    await t.client.remove(plugin.name!).promise;
    await t.settle();
    expect(t.of(PV)).toHaveLength(0);
  });
});

describe('config', () => {
  it('is never written: the page counter is what the client counts (countPage)', async () => {
    const plugin = pageViewsPlugin();
    const config = Object.freeze({ loggerProvider: console, sessionId: undefined }) as never;
    const client = { track: () => ({ promise: Promise.resolve() }), setSessionId() {}, extendSession() {}, countPage: () => 7 };
    await plugin.setup!(config, client);
    cleanup.push(() => plugin.teardown!());
    const out = (await plugin.execute!({ event_type: PV })) as Event;
    expect(out.event_properties!['[Amplitude] Page Counter']).toBe(7);
  });
});
