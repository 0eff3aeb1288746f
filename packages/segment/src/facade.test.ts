import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { AnalyticsBrowser, createAnalytics, type Context, type User } from './index';

// The facade as a page uses it: a real Footprint client whose transport records the uploads.
const sent: any[] = [];
const transportProvider = {
  send: async (_url: string, payload: { events: unknown[] }) => {
    sent.push(...payload.events);
    return { status: 200, body: { code: 200, events_ingested: payload.events.length } };
  },
};
// No autocapture: only what the calls under test send.
const footprint = { transportProvider, logLevel: 0, flushIntervalMillis: 10, autocapture: false } as any;
const clearCookies = () => {
  for (const c of document.cookie.split(';').map((x) => x.trim()).filter(Boolean)) document.cookie = `${c.split('=')[0]}=; max-age=0; path=/`;
};
const cookie = (name: string) => document.cookie.split('; ').find((c) => c.startsWith(`${name}=`))?.slice(name.length + 1);

describe('the analytics.js facade', () => {
  afterEach(() => {
    sent.length = 0;
    clearCookies();
    localStorage.clear();
    vi.restoreAllMocks();
  });

  it('has the analytics-next shape: calls return promises of a Context, user() a User', () => {
    const analytics = createAnalytics();
    expectTypeOf(analytics.track).returns.toEqualTypeOf<Promise<Context>>();
    expectTypeOf(analytics.page).returns.toEqualTypeOf<Promise<Context>>();
    expectTypeOf(analytics.identify).returns.toEqualTypeOf<Promise<Context>>();
    expectTypeOf(analytics.group).returns.toEqualTypeOf<Promise<Context>>();
    expectTypeOf(analytics.ready).returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(analytics.user).returns.toEqualTypeOf<User>();
    expectTypeOf(AnalyticsBrowser.load).parameter(0).toEqualTypeOf<{ writeKey: string }>();
  });

  it('runs calls made before load once loaded, in order, and resolves them with the events sent', async () => {
    const analytics = createAnalytics();
    const first = analytics.track('First');
    const identified = analytics.identify('user-12345', { plan: 'pro' });
    analytics.load('segment-api-key-01', { footprint });
    const ctx = await first;
    await identified;
    expect(ctx.event).toMatchObject({ type: 'track', event: 'First' });
    expect(ctx.results.map((r) => r.code)).toEqual([200]);
    expect(sent.map((e) => e.event_type)).toEqual(['First', '$identify']);
    expect(sent[1]).toMatchObject({ user_id: 'user-12345', user_properties: { $set: { plan: 'pro', id: 'user-12345' } } });
    expect(analytics.user().id()).toBe('user-12345');
  });

  it('AnalyticsBrowser.load gives the same calls returning promises, and user traits merge across identify calls', async () => {
    const analytics = AnalyticsBrowser.load({ writeKey: 'segment-api-key-02' }, { footprint });
    await analytics.identify('user-67890', { a: 1 });
    await analytics.identify({ b: 2 });
    expect(analytics.user().traits()).toEqual({ a: 1, b: 2 });
    expect(sent[1].user_properties).toEqual({ $set: { a: 1, b: 2, id: 'user-67890' } });
    expect(JSON.parse(localStorage.getItem('ajs_user_traits')!)).toEqual({ a: 1, b: 2 });
  });

  it('page() adds the page properties and shuffles category and name', async () => {
    const analytics = AnalyticsBrowser.load({ writeKey: 'segment-api-key-03' }, { footprint, amplitude: { trackAllPages: true } });
    await analytics.page('Docs', 'Setup', { section: 2 }, { integrations: { Amplitude: { groups: { team: 'a' } } } });
    expect(sent.map((e) => e.event_type)).toEqual(['Loaded a Page', 'Viewed Docs Page', 'Viewed Docs Setup Page']);
    expect(sent[0].event_properties).toEqual({
      path: location.pathname,
      referrer: document.referrer,
      search: location.search,
      title: document.title,
      url: location.href.split('#')[0],
      section: 2,
      name: 'Setup',
      category: 'Docs',
    });
    expect(sent[0].groups).toEqual({ team: 'a' });
  });

  it('calls back with analytics.js argument shuffling (the callback last, whatever came before)', async () => {
    const analytics = AnalyticsBrowser.load({ writeKey: 'segment-api-key-04' }, { footprint });
    const done = await new Promise((resolve) => analytics.track('Clicked', resolve));
    expect(done).toMatchObject({ event: { event: 'Clicked' } });
    const grouped = await new Promise<any>((resolve) => analytics.group('org-1', resolve));
    expect(grouped.event).toMatchObject({ type: 'group', groupId: 'org-1' });
    expect(sent.find((e) => e.event_type === '$identify')).toMatchObject({ groups: { '[Segment] Group': 'org-1' }, user_properties: { $set: { '[Segment] Group': 'org-1' } } });
  });

  it('preferAnonymousIdForDeviceId: the stored analytics.js anonymous id (JSON in its cookie) is the device id', async () => {
    document.cookie = `ajs_anonymous_id=${encodeURIComponent(JSON.stringify('anon-from-segment-1'))}; path=/`;
    const analytics = AnalyticsBrowser.load({ writeKey: 'segment-api-key-05' }, { footprint, amplitude: { preferAnonymousIdForDeviceId: true } });
    await analytics.track('Seen');
    expect(sent[0].device_id).toBe('anon-from-segment-1');
    expect(analytics.user().anonymousId()).toBe('anon-from-segment-1');
  });

  it('preferAnonymousIdForDeviceId: analytics-next plain cookie and localStorage copies are read too', async () => {
    document.cookie = 'ajs_anonymous_id=anon-plain-2; path=/';
    const a = AnalyticsBrowser.load({ writeKey: 'segment-api-key-06' }, { footprint, amplitude: { preferAnonymousIdForDeviceId: true } });
    await a.track('A');
    expect(sent[0].device_id).toBe('anon-plain-2');
    clearCookies();
    localStorage.clear();
    localStorage.setItem('ajs_anonymous_id', JSON.stringify('anon-local-3'));
    const b = AnalyticsBrowser.load({ writeKey: 'segment-api-key-07' }, { footprint, amplitude: { preferAnonymousIdForDeviceId: true } });
    await b.track('B');
    expect(sent[1].device_id).toBe('anon-local-3');
    // Found in one place, it is written back to both, as analytics.js does.
    expect(decodeURIComponent(cookie('ajs_anonymous_id')!)).toBe('"anon-local-3"');
  });

  it('preferAnonymousIdForDeviceId: without a stored id one is created and stored the analytics.js way', async () => {
    const analytics = AnalyticsBrowser.load({ writeKey: 'segment-api-key-08' }, { footprint, amplitude: { preferAnonymousIdForDeviceId: true } });
    await analytics.track('New');
    const id = JSON.parse(localStorage.getItem('ajs_anonymous_id')!);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(decodeURIComponent(cookie('ajs_anonymous_id')!))).toBe(id);
    expect(sent[0].device_id).toBe(id);
  });

  it('reset clears the user id and traits and makes a new device id (and anonymous id)', async () => {
    const analytics = AnalyticsBrowser.load({ writeKey: 'segment-api-key-09' }, { footprint, amplitude: { preferAnonymousIdForDeviceId: true } });
    await analytics.identify('user-reset-1', { plan: 'pro' });
    const before = analytics.footprint.getDeviceId();
    analytics.reset();
    await analytics.track('After Reset');
    const after = sent.find((e) => e.event_type === 'After Reset');
    expect(after.user_id).toBeUndefined();
    expect(after.device_id).not.toBe(before);
    expect(after.device_id).toBe(analytics.user().anonymousId());
    expect(analytics.user().traits()).toEqual({});
    expect(localStorage.getItem('ajs_user_traits')).toBeNull();
  });

  it('reset without preferAnonymousIdForDeviceId also makes a new device id', async () => {
    const analytics = AnalyticsBrowser.load({ writeKey: 'segment-api-key-10' }, { footprint });
    await analytics.identify('user-reset-2');
    const before = analytics.footprint.getDeviceId();
    analytics.reset();
    await analytics.track('After Reset');
    expect(sent.at(-1)).toMatchObject({ event_type: 'After Reset' });
    expect(sent.at(-1).user_id).toBeUndefined();
    expect(sent.at(-1).device_id).not.toBe(before);
  });

  it('a visitor Segment knew keeps the user id analytics.js stored', async () => {
    document.cookie = `ajs_user_id=${encodeURIComponent(JSON.stringify('known-user-1'))}; path=/`;
    const analytics = AnalyticsBrowser.load({ writeKey: 'segment-api-key-11' }, { footprint });
    await analytics.track('Back');
    expect(sent[0].user_id).toBe('known-user-1');
  });

  it('ready() calls back once Footprint is initialised; unknown settings and methods warn and never throw', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const analytics = createAnalytics();
    let ready = false;
    const waiting = analytics.ready(() => (ready = true));
    expect(() => (analytics.alias as (...a: unknown[]) => void)('x')).not.toThrow();
    analytics.load('segment-api-key-12', { footprint, amplitude: { trackGclid: true } as any, cdnURL: 'x' } as any);
    await waiting;
    expect(ready).toBe(true);
    const said = warn.mock.calls.map((c) => String(c[0])).join('\n');
    expect(said).toMatch(/analytics\.alias\(\) is not supported/);
    expect(said).toMatch(/unknown amplitude setting "trackGclid"/);
    expect(said).toMatch(/unknown load option "cdnURL"/);
  });

  it('identify with integrations.Amplitude.groups and traitsToIncrement reaches the wire as $add and setGroup', async () => {
    const analytics = AnalyticsBrowser.load({ writeKey: 'segment-api-key-13' }, { footprint, amplitude: { traitsToIncrement: ['logins'] } });
    await analytics.identify('user-inc-1', { logins: 1 }, { integrations: { Amplitude: { groups: { sports: ['basketball', 'tennis'] } } } });
    expect(sent[0].user_properties).toEqual({ $set: { id: 'user-inc-1' }, $add: { logins: 1 } });
    expect(sent[1]).toMatchObject({ event_type: '$identify', groups: { sports: ['basketball', 'tennis'] } });
  });

  it('useLogRevenueV2: a revenue_amount event with $price, $quantity, $productId, $revenueType', async () => {
    const analytics = AnalyticsBrowser.load({ writeKey: 'segment-api-key-14' }, { footprint, amplitude: { useLogRevenueV2: true } });
    await analytics.track('Bought', { revenue: '$32.50', productId: 'sku-1', revenueType: 'income' });
    expect(sent[1]).toMatchObject({
      event_type: 'revenue_amount',
      event_properties: { $price: 32.5, $quantity: 1, $productId: 'sku-1', $revenueType: 'income', revenue: '$32.50' },
    });
  });
});
