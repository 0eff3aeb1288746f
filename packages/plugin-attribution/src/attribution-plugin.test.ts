import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryStorage } from '@footprint/core';
import { pageUrlEnrichmentPlugin, pageViewsPlugin } from '@footprint/plugin-page-views';
import { ATTRIBUTION_EVENT, attributionPlugin, webAttributionPlugin, type AttributionOptions } from './attribution-plugin';
import { CAMPAIGN_KEYS, type Campaign } from './campaign';
import { API_KEY, MKTG_KEY, testClient } from './test-utils';

const MIN = 60_000;
const visit = (url: string, referrer = '') => {
  (window as any).happyDOM.setURL(url);
  Object.defineProperty(document, 'referrer', { value: referrer, configurable: true });
};

let cleanup: Array<() => unknown> = [];
beforeEach(() => {
  localStorage.clear();
  visit('https://www.test.com/');
});
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
  delete (history as Partial<History>).pushState;
  delete (history as Partial<History>).replaceState;
});

/** Inits a client with the plugin; `before` prepares a returning visitor. */
const run = async (options: AttributionOptions = {}, before?: (t: ReturnType<typeof testClient>) => Promise<unknown>, initOptions = {}) => {
  const t = testClient();
  await before?.(t);
  const plugin = attributionPlugin(options);
  await t.start([plugin], initOptions);
  cleanup.push(() => t.client.remove(plugin.name!).promise);
  await t.settle();
  return { ...t, plugin };
};
const setOf = (e: { user_properties?: Record<string, any> }) => e.user_properties?.$set ?? {};

describe('tracking occurs (docs/autocapture.md "Attribution")', () => {
  it('no previous campaign: a first visit, even direct, sends one $identify with initial_* EMPTY and every key unset', async () => {
    const { identifies, events } = await run();
    expect(identifies()).toHaveLength(1);
    const { user_properties } = identifies()[0];
    expect(user_properties!.$setOnce).toEqual(Object.fromEntries(CAMPAIGN_KEYS.map((k) => [`initial_${k}`, 'EMPTY'])));
    expect(user_properties!.$unset).toEqual(Object.fromEntries(CAMPAIGN_KEYS.map((k) => [k, '-'])));
    expect(user_properties!.$set).toBeUndefined();
    // Before the session's session_start, in that session.
    const types = events.map((e) => e.event_type);
    expect(types.indexOf('$identify')).toBeLessThan(types.indexOf('session_start'));
    expect(identifies()[0].session_id).toBe(events.find((e) => e.event_type === 'session_start')!.session_id);
  });

  it('the referrer is not excluded: an external referrer at the start of a session is a new campaign', async () => {
    visit('https://www.test.com/', 'https://news.example.org/story?id=1');
    const { identifies, client, settle } = await run({}, (t) => t.returning(40 * MIN, { referrer: 'https://old.example.net/', referring_domain: 'old.example.net' }));
    client.track('First event'); // starts the new session
    await settle();
    expect(identifies()).toHaveLength(1);
    expect(setOf(identifies()[0])).toEqual({ referrer: 'https://news.example.org/story?id=1', referring_domain: 'news.example.org' });
    expect(identifies()[0].user_properties!.$setOnce.initial_referring_domain).toBe('news.example.org');
  });

  it('a new UTM parameter or click ID, even in the middle of a session, is a new campaign; dropped ones are unset', async () => {
    visit('https://www.test.com/?utm_source=newsletter&gclid=G-1');
    const { identifies, events } = await run({}, (t) => t.returning(MIN, { utm_source: 'newsletter', utm_medium: 'email' }));
    expect(identifies()).toHaveLength(1);
    expect(setOf(identifies()[0])).toEqual({ utm_source: 'newsletter', gclid: 'G-1' });
    expect(identifies()[0].user_properties!.$unset).toHaveProperty('utm_medium', '-');
    expect(events.filter((e) => e.event_type === 'session_start')).toHaveLength(0); // same session
  });

  it('the referring domain changes to a new one (a.test.com → b.test-new.com)', async () => {
    visit('https://www.site.com/', 'https://b.test-new.com/page');
    const { identifies, client, settle } = await run({}, (t) => t.returning(40 * MIN, { referrer: 'https://a.test.com/', referring_domain: 'a.test.com' }));
    client.track('First event');
    await settle();
    expect(identifies()).toHaveLength(1);
    expect(setOf(identifies()[0]).referring_domain).toBe('b.test-new.com');
  });

  it('at the start of a new session, direct traffic after a campaign is a change: the campaign is unset', async () => {
    const { identifies, client, settle, storage } = await run({}, (t) => t.returning(40 * MIN, { utm_source: 'ads' }));
    client.track('First event');
    await settle();
    expect(identifies()).toHaveLength(1);
    expect(identifies()[0].user_properties!.$unset).toHaveProperty('utm_source', '-');
    expect(await storage.get(MKTG_KEY)).toEqual({});
  });
});

describe('tracking does not occur', () => {
  it('the referrer is on the same domain with the default configuration (landing a.test.com, referrer b.test.com)', async () => {
    visit('https://a.test.com/', 'https://b.test.com/x');
    const { identifies } = await run({}, (t) => t.returning(40 * MIN, { utm_source: 'x' }));
    expect(identifies()).toHaveLength(0);
  });

  it('a specific referrer domain is excluded explicitly (excludeReferrers: ["a.test.com"])', async () => {
    visit('https://www.site.com/', 'https://a.test.com/x');
    const { identifies, logs } = await run({ excludeReferrers: ['a.test.com'] });
    expect(identifies()).toHaveLength(0);
    expect(logs.join('\n')).toContain('a.test.com is in excludeReferrers');
  });

  it('the referring subdomain matches a RegExp in excludeReferrers', async () => {
    visit('https://www.site.com/', 'https://deep.sub.test.com/x');
    const { identifies } = await run({ excludeReferrers: [/test\.com$/] });
    expect(identifies()).toHaveLength(0);
  });

  it('direct traffic within the same session keeps the campaign', async () => {
    const { identifies, storage } = await run({}, (t) => t.returning(MIN, { utm_source: 'ads' }));
    expect(identifies()).toHaveLength(0);
    expect(await storage.get(MKTG_KEY)).toEqual({ utm_source: 'ads' });
  });

  it('an SPA navigation to a URL with new campaign parameters, without a reload, sends nothing', async () => {
    const { identifies, client, settle } = await run();
    history.pushState({}, '', '/promo?utm_source=email&fbclid=F');
    client.track('After navigation');
    await settle();
    expect(identifies()).toHaveLength(1);
  });

  it('the same campaign again (a reload) is not new', async () => {
    visit('https://www.test.com/?utm_source=ads');
    const { identifies } = await run({}, (t) => t.returning(40 * MIN, { utm_source: 'ads' }));
    expect(identifies()).toHaveLength(0);
  });
});

describe('the campaign $identify and its storage', () => {
  it('stores the campaign under AMP_MKTG_<apiKey[0..10)> in the client cookieStorage and sets first and multi touch at once', async () => {
    visit('https://www.test.com/?utm_source=news&utm_medium=email&utm_campaign=launch&utm_term=a+b&utm_content=hero&utm_id=7&gclid=G&msclkid=M', 'https://t.co/abc');
    const { identifies, storage } = await run({ initialEmptyValue: 'none' });
    const expected: Campaign = { utm_campaign: 'launch', utm_content: 'hero', utm_id: '7', utm_medium: 'email', utm_source: 'news', utm_term: 'a+b', referrer: 'https://t.co/abc', referring_domain: 't.co', gclid: 'G', msclkid: 'M' };
    expect(await storage.get(MKTG_KEY)).toEqual(expected);
    const props = identifies()[0].user_properties!;
    expect(props.$set).toEqual(expected);
    expect(props.$setOnce).toMatchObject({ initial_utm_source: 'news', initial_gclid: 'G', initial_fbclid: 'none', initial_wbraid: 'none' });
    expect(Object.keys(props.$unset).sort()).toEqual(['dclid', 'fbclid', 'gbraid', 'ko_click_id', 'li_fat_id', 'rdt_cid', 'ttclid', 'twclid', 'wbraid']);
  });

  it('uses the storage option first, then localStorage when the client has no cookieStorage', async () => {
    const own = memoryStorage<Campaign>();
    visit('https://www.test.com/?utm_source=a');
    await run({ storage: own });
    expect(await own.get(MKTG_KEY)).toEqual({ utm_source: 'a' });

    visit('https://www.test.com/?utm_source=b');
    const t = testClient();
    const plugin = attributionPlugin();
    t.client.add(plugin);
    await t.client.init(API_KEY, { autocapture: { sessions: true } }).promise;
    cleanup.push(() => t.client.remove(plugin.name!).promise);
    await t.settle();
    expect(JSON.parse(localStorage.getItem(MKTG_KEY)!)).toEqual({ utm_source: 'b' });
  });

  it('takes a web-experiment handoff (AMP_MKTG_ORIGINAL_…) as the campaign and removes it', async () => {
    const ORIGINAL = `AMP_MKTG_ORIGINAL_${API_KEY.slice(0, 10)}`;
    const { identifies, storage } = await run({}, (t) => t.storage.set(ORIGINAL, { utm_source: 'before-redirect' }));
    expect(setOf(identifies()[0])).toEqual({ utm_source: 'before-redirect' });
    expect(await storage.get(ORIGINAL)).toBeUndefined();
  });

  it('for a stale session, the $identify goes with the next event, before session_end and session_start', async () => {
    visit('https://www.test.com/?utm_source=back');
    const { identifies, events, client, settle } = await run({}, (t) => t.returning(40 * MIN, { utm_source: 'ads' }));
    expect(identifies()).toHaveLength(0);
    client.track('Clicked');
    await settle();
    const types = events.map((e) => e.event_type);
    expect(types).toEqual(['$identify', 'session_end', 'session_start', 'Clicked']);
    expect(identifies()[0].session_id).toBe(events[2].session_id);
  });

  it('waits while opted out and runs when the user opts in', async () => {
    visit('https://www.test.com/?utm_source=consented');
    const { identifies, client, settle } = await run({}, undefined, { optOut: true });
    expect(identifies()).toHaveLength(0);
    client.setOptOut(false);
    await settle();
    client.track('Now');
    await settle();
    expect(identifies().map(setOf)).toEqual([{ utm_source: 'consented' }]);
  });
});

describe('resetSessionOnNewCampaign', () => {
  it('starts a new session for a new campaign in the middle of a session, the $identify first', async () => {
    visit('https://www.test.com/?utm_source=second');
    let oldSession = 0;
    const { events, client } = await run({ resetSessionOnNewCampaign: true }, async (t) => (oldSession = await t.returning(MIN, { utm_source: 'first' })));
    expect(client.getSessionId()).not.toBe(oldSession);
    expect(events.map((e) => e.event_type)).toEqual(['$identify', 'session_end', 'session_start']);
    expect(events[0].session_id).toBe(client.getSessionId());
  });

  it('without it, a new campaign mid-session keeps the session', async () => {
    visit('https://www.test.com/?utm_source=second');
    let oldSession = 0;
    const { client } = await run({}, async (t) => (oldSession = await t.returning(MIN, { utm_source: 'first' })));
    expect(client.getSessionId()).toBe(oldSession);
  });
});

describe('excludeReferrers default and excludeInternalReferrers', () => {
  it('defaults to the cookie domain from cookieOptions.domain or the cookieDomain option', async () => {
    visit('https://app.example.com/', 'https://www.example.com/');
    expect((await run({}, undefined, { cookieOptions: { domain: '.example.com' } })).identifies()).toHaveLength(0);
    expect((await run({ cookieDomain: 'example.com' })).identifies()).toHaveLength(0);
    expect((await run({ cookieDomain: 'app.example.com' })).identifies()).toHaveLength(1);
  });

  it('defaults to the registrable domain of the host (two-label public suffixes known)', async () => {
    visit('https://shop.brand.co.uk/', 'https://blog.brand.co.uk/');
    expect((await run()).identifies()).toHaveLength(0);
    visit('https://shop.brand.co.uk/', 'https://other.co.uk/');
    expect((await run()).identifies()).toHaveLength(1);
  });

  it('excludeReferrers: [] tracks self-referrals', async () => {
    visit('https://a.test.com/', 'https://b.test.com/x');
    const { identifies } = await run({ excludeReferrers: [] }, (t) => t.returning(MIN, {}));
    expect(setOf(identifies()[0]).referring_domain).toBe('b.test.com');
  });

  it.each([true, 'always', { condition: 'always' }, {}] as const)('excludeInternalReferrers %j never tracks an internal referrer', async (value) => {
    visit('https://a.test.com/?utm_source=x', 'https://b.test.com/');
    const { identifies } = await run({ excludeReferrers: [], excludeInternalReferrers: value as AttributionOptions['excludeInternalReferrers'] });
    expect(identifies()).toHaveLength(0);
  });

  it("'ifEmptyCampaign' skips internal referrers only without UTM parameters or click IDs", async () => {
    visit('https://a.test.com/', 'https://b.test.com/');
    expect((await run({ excludeReferrers: [], excludeInternalReferrers: 'ifEmptyCampaign' })).identifies()).toHaveLength(0);
    visit('https://a.test.com/?gclid=G', 'https://b.test.com/');
    expect((await run({ excludeReferrers: [], excludeInternalReferrers: { condition: 'ifEmptyCampaign' } })).identifies()).toHaveLength(1);
  });

  it('an external referrer is not internal, and an invalid value is reported and ignored', async () => {
    visit('https://a.test.com/', 'https://news.org/');
    expect((await run({ excludeInternalReferrers: true })).identifies()).toHaveLength(1);
    visit('https://a.test.com/', 'https://b.test.com/');
    const bad = await run({ excludeReferrers: [], excludeInternalReferrers: 'sometimes' as never });
    expect(bad.identifies()).toHaveLength(1);
    expect(bad.logs.join('\n')).toMatch(/ERROR .*attribution: excludeInternalReferrers should be/);
  });
});

describe("trackingMethod 'eventProperty'", () => {
  it('adds the page campaign to every event but identify and group identify, sends no $identify and stores nothing', async () => {
    visit('https://www.test.com/?utm_source=ads&ttclid=T', 'https://www.test.com/prev');
    const { events, client, settle, storage } = await run({ trackingMethod: 'eventProperty' });
    client.track('Bought', { utm_source: 'explicit' });
    client.track({ event_type: '$identify', user_properties: { $set: { a: 1 } } });
    await settle();
    history.pushState({}, '', '/next?utm_campaign=spring');
    client.track('Later');
    await settle();
    const by = (type: string) => events.find((e) => e.event_type === type)!;
    expect(by('session_start').event_properties).toEqual({ utm_source: 'ads', ttclid: 'T', referrer: 'https://www.test.com/prev', referring_domain: 'www.test.com' });
    expect(by('Bought').event_properties).toMatchObject({ utm_source: 'explicit', ttclid: 'T' });
    expect(by('$identify').event_properties).toBeUndefined();
    expect(by('Later').event_properties).toEqual({ utm_campaign: 'spring', referrer: 'https://www.test.com/prev', referring_domain: 'www.test.com' });
    expect(await storage.get(MKTG_KEY)).toBeUndefined();
    expect(events.filter((e) => e.event_type === ATTRIBUTION_EVENT)).toHaveLength(0);
  });

  it('unset (or invalid), both methods run, as the anchor 2.45.6 does; userProperty alone adds nothing to events', async () => {
    visit('https://www.test.com/?utm_source=ads');
    for (const trackingMethod of [undefined, 'nonsense' as never]) {
      const both = await run({ trackingMethod });
      expect(both.identifies()).toHaveLength(1);
      expect(both.events.find((e) => e.event_type === 'session_start')!.event_properties).toEqual({ utm_source: 'ads' });
    }
    const userOnly = await run({ trackingMethod: 'userProperty' });
    expect(userOnly.identifies()).toHaveLength(1);
    expect(userOnly.events.find((e) => e.event_type === 'session_start')!.event_properties).toBeUndefined();
  });

  it("['userProperty', 'eventProperty'] does both", async () => {
    visit('https://www.test.com/?utm_source=ads');
    const { identifies, events } = await run({ trackingMethod: ['userProperty', 'eventProperty'] });
    expect(identifies()).toHaveLength(1);
    expect(events.find((e) => e.event_type === 'session_start')!.event_properties).toEqual({ utm_source: 'ads' });
  });

  it('fallbackAttributionEvent tracks [Amplitude] Attribution on load and on each navigation to a new URL', async () => {
    visit('https://www.test.com/?utm_source=ads');
    const { events, settle } = await run({ trackingMethod: 'eventProperty', fallbackAttributionEvent: true });
    history.pushState({}, '', '/?utm_source=ads'); // same URL: nothing
    history.replaceState({}, '', '/b?gclid=G');
    await settle();
    const fallback = events.filter((e) => e.event_type === ATTRIBUTION_EVENT);
    expect(fallback.map((e) => e.event_properties)).toEqual([{ utm_source: 'ads' }, { gclid: 'G' }]);
  });

  it('fallbackAttributionEvent does nothing with user property tracking only', async () => {
    const { events } = await run({ trackingMethod: 'userProperty', fallbackAttributionEvent: true });
    expect(events.filter((e) => e.event_type === ATTRIBUTION_EVENT)).toHaveLength(0);
  });
});

describe('teardown', () => {
  it('restores history, stops the fallback event and cancels a pending $identify', async () => {
    const original = history.pushState;
    const t = testClient();
    const plugin = attributionPlugin({ trackingMethod: ['eventProperty', 'userProperty'], fallbackAttributionEvent: true });
    await t.returning(MIN, { utm_source: 'old' });
    visit('https://www.test.com/?utm_source=new');
    await t.start([plugin]);
    expect(history.pushState).not.toBe(original);
    await t.client.remove(plugin.name!).promise; // before the timers ran
    expect(history.pushState).toBe(original);
    expect(history.replaceState).toBe(History.prototype.replaceState);
    history.pushState({}, '', '/elsewhere');
    t.client.track('After');
    await t.settle();
    expect(t.events.map((e) => e.event_type)).toEqual(['After']);
    expect(t.events[0].event_properties).toBeUndefined();
  });

  it('shares one wrap of history with the page views and URL enrichment plugins, undone when the last is removed', async () => {
    // An own accessor counts every assignment to history.pushState.
    let current = history.pushState;
    let sets = 0;
    Object.defineProperty(history, 'pushState', { configurable: true, get: () => current, set: (fn) => void ((current = fn), sets++) });
    const original = current;
    const t = testClient();
    const plugins = [pageViewsPlugin(), pageUrlEnrichmentPlugin(), attributionPlugin({ trackingMethod: 'eventProperty', fallbackAttributionEvent: true })];
    await t.start(plugins);
    await t.settle();
    expect(sets).toBe(1);
    history.pushState({}, '', '/spa?utm_source=spa');
    await t.settle();
    expect(t.events.filter((e) => e.event_type === ATTRIBUTION_EVENT).map((e) => e.event_properties!.utm_source)).toEqual([undefined, 'spa']);
    expect(t.events.filter((e) => e.event_type === '[Amplitude] Page Viewed').map((e) => e.event_properties!['[Amplitude] Page Path'])).toEqual(['/', '/spa']);
    for (const p of plugins.slice(0, 2)) await t.client.remove(p.name!).promise;
    expect(current).not.toBe(original); // attribution still follows navigation
    await t.client.remove(plugins[2].name!).promise;
    expect(current).toBe(original);
    expect(sets).toBe(2);
  });

  it('webAttributionPlugin is the same factory', () => {
    expect(webAttributionPlugin).toBe(attributionPlugin);
  });
});
