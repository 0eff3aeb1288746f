import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient, memoryStorage, type Event, type Transport } from '@footprint/core';
import { attributionPlugin } from '@footprint/plugin-attribution';
import { pageUrlEnrichmentPlugin, pageViewsPlugin } from '@footprint/plugin-page-views';
import { crossDomainMethods } from './browser-client';
import { browserLayer } from './browser-layer';
import type { BrowserGlobals } from './globals';
import { decodeCookieValue, encodeCookieValue, readCookies } from './storage/cookie-codec';
import { fakeJar } from './storage/fake-jar';

const API_KEY = 'a2dbce0e18dfe5f8e';
const KEY = 'AMP_a2dbce0e18';

const fakeGlobals = (over: Partial<BrowserGlobals> = {}) => {
  const jar = fakeJar('www.example.com');
  const local = new Map<string, string>();
  const session = new Map<string, string>();
  const area = (m: Map<string, string>) => () => ({ getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) });
  const globals: BrowserGlobals = {
    isBrowser: true,
    jar,
    hostname: 'www.example.com',
    search: () => '',
    href: () => 'https://www.example.com/page',
    localStorage: area(local),
    sessionStorage: area(session),
    onHide: () => () => {},
    fetch: undefined,
    ...over,
  };
  return { jar, local, session, globals };
};

const sent: Event[] = [];
const transport: Transport = {
  async send(_url, payload) {
    sent.push(...payload.events);
    return { status: 200, body: { code: 200, events_ingested: payload.events.length } } as any;
  },
};
const makeClient = (globals: BrowserGlobals) => {
  const layer = browserLayer(globals);
  const client = createClient({ library: 'footprint/test', ...layer.env });
  return { layer, client, init: layer.wrapInit(client.init) };
};
const base = { transportProvider: transport, flushIntervalMillis: 10, autocapture: false, logLevel: 0 } as const;
const cookie = (jar: ReturnType<typeof fakeJar>) => decodeCookieValue<Record<string, any>>(readCookies(jar.cookie, KEY)[0]);

afterEach(() => {
  sent.length = 0;
});

describe('browser layer wired into a core client', () => {
  it('keeps identity in the anchor cookie, and a second page keeps device, user and session', async () => {
    const { jar, globals } = fakeGlobals();
    const first = makeClient(globals);
    await first.init(API_KEY, 'user@example.com', base).promise;
    await first.client.track('first page').promise;
    const stored = cookie(jar)!;
    expect(stored).toMatchObject({ deviceId: first.client.getDeviceId(), userId: 'user@example.com', sessionId: first.client.getSessionId(), cookieDomain: '.example.com' });

    const second = makeClient(globals);
    await second.init(API_KEY, base).promise;
    expect(second.client.getDeviceId()).toBe(stored.deviceId);
    expect(second.client.getUserId()).toBe('user@example.com');
    expect(second.client.getSessionId()).toBe(stored.sessionId);
  });

  it('adopts an identity the anchor SDK left in its cookie', async () => {
    const { jar, globals } = fakeGlobals();
    const now = Date.now();
    jar.cookie = `${KEY}=${encodeCookieValue({ deviceId: 'anchor-device-1', userId: 'anchor-user', sessionId: now - 5000, lastEventTime: now - 1000, lastEventId: 41, optOut: false, cookieDomain: '.example.com' })}; domain=.example.com`;
    const { client, init } = makeClient(globals);
    await init(API_KEY, base).promise;
    expect([client.getDeviceId(), client.getUserId(), client.getSessionId()]).toEqual(['anchor-device-1', 'anchor-user', now - 5000]);
    const r = await client.track('after migration').promise;
    expect(r.event.event_id).toBe(42);
  });

  it('takes ampDeviceId/ampSessionId from the URL over the cookie, and init options over both', async () => {
    const { jar, globals } = fakeGlobals({ search: () => `?ampDeviceId=url-device-1&ampSessionId=1700000000000&ampTimestamp=${Date.now() + 60_000}` });
    jar.cookie = `${KEY}=${encodeCookieValue({ deviceId: 'cookie-device', sessionId: 1600000000000, optOut: false })}`;
    const a = makeClient(globals);
    await a.init(API_KEY, base).promise;
    expect([a.client.getDeviceId(), a.client.getSessionId()]).toEqual(['url-device-1', 1700000000000]);
    const b = makeClient(globals);
    await b.init(API_KEY, { ...base, deviceId: 'option-device', sessionId: 1800000000000 }).promise;
    expect([b.client.getDeviceId(), b.client.getSessionId()]).toEqual(['option-device', 1800000000000]);
  });

  it('ignores expired cross-domain parameters', async () => {
    const { globals } = fakeGlobals({ search: () => `?ampDeviceId=url-device-1&ampTimestamp=${Date.now() - 1}` });
    const { client, init } = makeClient(globals);
    await init(API_KEY, base).promise;
    expect(client.getDeviceId()).not.toBe('url-device-1');
  });

  it("consent 'pending' stores nothing and holds events; 'granted' keeps the device id and sends them", async () => {
    const { jar, local, globals } = fakeGlobals();
    const { layer, client, init } = makeClient(globals);
    await init(API_KEY, { ...base, consent: 'pending' } as any).promise;
    const trackedAt = Date.now();
    const held = client.track('before consent').promise;
    await new Promise((r) => setTimeout(r, 30));
    expect(jar.writes).toBe(0);
    expect(local.size).toBe(0);
    expect(sent).toEqual([]);
    const deviceId = client.getDeviceId();
    await layer.setConsent('granted');
    expect((await held).code).toBe(200);
    expect(sent.map((e) => e.event_type)).toEqual(['before consent']);
    expect(sent[0].device_id).toBe(deviceId);
    expect(sent[0].time).toBeGreaterThanOrEqual(trackedAt);
    expect(sent[0].time).toBeLessThan(trackedAt + 25); // the time it was tracked, not the time consent came
    expect(cookie(jar)?.deviceId).toBe(deviceId);
    expect(layer.getConsent()).toBe('granted');
  });

  it("a cookieStorage of your own is gated too: 'pending' holds events and writes nothing to it", async () => {
    const { globals } = fakeGlobals();
    const { layer, client, init } = makeClient(globals);
    const own = memoryStorage<any>();
    const set = vi.spyOn(own, 'set');
    await init(API_KEY, { ...base, cookieStorage: own, consent: 'pending' } as any).promise;
    const held = client.track('before consent').promise;
    await new Promise((r) => setTimeout(r, 30));
    expect([layer.getConsent(), sent.length, set.mock.calls.length]).toEqual(['pending', 0, 0]);
    await layer.setConsent('granted');
    expect((await held).code).toBe(200);
    expect(await own.get(KEY)).toMatchObject({ deviceId: client.getDeviceId() });
  });

  it("consent 'denied' drops held events and deletes the stored identity", async () => {
    const { jar, globals } = fakeGlobals();
    const { layer, client, init } = makeClient(globals);
    layer.setConsent('pending'); // before init: the starting state
    await init(API_KEY, base).promise;
    const held = client.track('never sent').promise;
    await layer.setConsent('denied');
    expect(await held).toMatchObject({ code: 0 });
    expect((await client.track('after deny').promise).code).toBe(0);
    await client.flush().promise;
    expect(sent).toEqual([]);
    expect(readCookies(jar.cookie, KEY)).toEqual([]);
  });

  describe('plugins store through the gated config.cookieStorage and config.tabStorage', () => {
    const MKTG = `AMP_MKTG_${API_KEY.slice(0, 10)}`;
    const withPlugins = async (consent: string) => {
      (window as any).happyDOM.setURL('https://www.example.com/landing?utm_source=news&gclid=G-1');
      const fake = fakeGlobals();
      const made = makeClient(fake.globals);
      for (const p of [attributionPlugin(), pageViewsPlugin(), pageUrlEnrichmentPlugin()]) made.client.add(p);
      await made.init(API_KEY, { ...base, autocapture: { sessions: true }, consent } as any).promise;
      await new Promise((r) => setTimeout(r, 30)); // the campaign $identify and the first page view
      return { ...fake, ...made };
    };
    const untouched = () => expect([localStorage.length, sessionStorage.length]).toEqual([0, 0]); // no plugin fell back to its own adapter
    afterEach(() => {
      localStorage.clear();
      sessionStorage.clear();
    });

    it("pending: attribution, page views and page URL enrichment write nothing; 'granted' stores their state with the identity", async () => {
      const { jar, local, session, layer, client } = await withPlugins('pending');
      expect([jar.writes, local.size, session.size]).toEqual([0, 0, 0]);
      untouched();
      const deviceId = client.getDeviceId();
      await layer.setConsent('granted');
      expect(decodeCookieValue(readCookies(jar.cookie, MKTG)[0])).toEqual({ utm_source: 'news', gclid: 'G-1' });
      expect(cookie(jar)).toMatchObject({ deviceId });
      expect(JSON.parse(session.get('AMP_URL_INFO')!)).toEqual({ AMP_CURRENT_PAGE: 'https://www.example.com/landing?utm_source=news&gclid=G-1', AMP_PREVIOUS_PAGE: '' });
      await vi.waitFor(() => expect(sent.map((e) => e.event_type)).toEqual(['$identify', 'session_start', '[Amplitude] Page Viewed']));
      expect(JSON.parse(session.get('AMP_PAGE_VIEW')!)).toEqual({ pageViewId: sent[2].event_properties!['[Amplitude] Page View ID'] });
      // The held page view counts once released; the counter reaches the cookie with the next batched write.
      expect(sent[2].event_properties!['[Amplitude] Page Counter']).toBe(1);
      await vi.waitFor(() => expect(cookie(jar)).toMatchObject({ deviceId, pageCounter: 1 }), { timeout: 2000 });
      untouched();
    });

    it("'denied' (from pending or from the start) stores nothing, and granted from the start stores at once", async () => {
      const pending = await withPlugins('pending');
      await pending.layer.setConsent('denied');
      const denied = await withPlugins('denied');
      await denied.client.track('x').promise;
      for (const d of [pending, denied]) expect([d.jar.writes, d.local.size, d.session.size]).toEqual([0, 0, 0]);
      const granted = await withPlugins('granted');
      expect(readCookies(granted.jar.cookie, MKTG)).toHaveLength(1);
      expect([...granted.session.keys()].sort()).toEqual(['AMP_PAGE_VIEW', 'AMP_URL_INFO']);
      untouched();
    });
  });

  it('applies a cached remote config at init and refreshes it in the background from remoteConfig.serverUrl only', async () => {
    const response = { configs: { analyticsSDK: { browserSDK: { autocapture: { sessions: { enabled: true } } } } } };
    const fetch = vi.fn(async () => new Response(JSON.stringify(response)));
    const { local, globals } = fakeGlobals({ fetch });
    local.set(`AMP_remote_config_${API_KEY.slice(0, 10)}`, JSON.stringify({ remoteConfig: response, lastFetch: 'x' }));
    const { init } = makeClient(globals);
    await init(API_KEY, { ...base, remoteConfig: { serverUrl: 'https://proxy.example.com/config' } }).promise;
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    expect(sent.map((e) => e.event_type)).toEqual([]); // not flushed yet
    await new Promise((r) => setTimeout(r, 30));
    expect(sent.map((e) => e.event_type)).toContain('session_start'); // sessions switched on remotely, although autocapture: false

    const other = fakeGlobals({ fetch: vi.fn() });
    other.local.set(`AMP_remote_config_${API_KEY.slice(0, 10)}`, JSON.stringify({ remoteConfig: response, lastFetch: 'x' }));
    sent.length = 0;
    await makeClient(other.globals).init(API_KEY, base).promise;
    await new Promise((r) => setTimeout(r, 30));
    expect(other.globals.fetch).not.toHaveBeenCalled();
    expect(sent.map((e) => e.event_type)).not.toContain('session_start');
  });

  it('with remote config, core reads the options once its code has loaded; calls made meanwhile keep their order and logger', async () => {
    const response = { configs: { analyticsSDK: { browserSDK: { autocapture: { sessions: { enabled: true } } } } } };
    const { local, globals } = fakeGlobals({ fetch: vi.fn(async () => new Response(JSON.stringify(response))) });
    local.set(`AMP_remote_config_${API_KEY.slice(0, 10)}`, JSON.stringify({ remoteConfig: response, lastFetch: 'x' }));
    const layer = browserLayer(globals);
    const prepare = vi.spyOn(layer.env, 'prepareOptions');
    const client = createClient({ library: 'footprint/test', ...layer.env });
    const init = layer.wrapInit(client.init);
    const warn = vi.fn();
    const error = vi.fn();
    const options = { ...base, logLevel: 2, loggerProvider: { log: vi.fn(), warn, error, debug: vi.fn() }, remoteConfig: { serverUrl: 'https://proxy.example.com/config' } };
    const first = init(API_KEY, options);
    expect(prepare).toHaveBeenCalledTimes(1);
    expect(prepare.mock.results[0].value).toBeInstanceOf(Promise); // waits for the remote-config code
    client.setUserId('user@example.com');
    const tracked = client.track('right after init');
    void client.track('refused', 42 as any);
    expect(error.mock.calls.map((c) => String(c[1]))).toContainEqual(expect.stringContaining('event properties should be a plain object')); // the configured logger already
    const second = init(API_KEY, { ...options, flushQueueSize: 5 });
    await first.promise;
    await second.promise;
    expect(warn.mock.calls.map((c) => String(c[1]))).toContainEqual(expect.stringContaining('init() was already called on this instance; this call is ignored (it differs in: flushQueueSize)'));
    expect((await tracked.promise).event).toMatchObject({ event_type: 'right after init', user_id: 'user@example.com' });
    expect(sent.map((e) => e.event_type)).toEqual(['session_start', 'right after init']); // sessions switched on by the cached config

    const plain = browserLayer(fakeGlobals().globals);
    const plainPrepare = vi.spyOn(plain.env, 'prepareOptions');
    void plain.wrapInit(createClient({ library: 'footprint/test', ...plain.env }).init)(API_KEY, base);
    expect(plainPrepare.mock.results[0].value).toBeUndefined(); // no remote config configured: nothing to wait for
  });

  it("tells the consent option's state while init waits for the remote-config code", async () => {
    const { layer, client } = makeClient(fakeGlobals().globals);
    const init = layer.wrapInit(client.init);
    const done = init(API_KEY, { ...base, consent: 'pending', remoteConfig: { serverUrl: 'https://proxy.example.com/config' } } as any);
    expect(layer.getConsent()).toBe('pending');
    await done.promise;
    expect(layer.getConsent()).toBe('pending');
    await layer.setConsent('granted');
    expect(layer.getConsent()).toBe('granted');
  });

  it('decorates links with this client ids, resolving relative URLs against the page', async () => {
    const { globals } = fakeGlobals();
    const { layer, client, init } = makeClient(globals);
    await init(API_KEY, base).promise;
    const links = crossDomainMethods({ layer, client });
    const url = new URL(links.decorateUrl('/checkout'));
    expect(url.origin).toBe('https://www.example.com');
    expect(url.searchParams.get('ampDeviceId')).toBe(client.getDeviceId());
    expect(url.searchParams.get('ampSessionId')).toBe(String(client.getSessionId()));
    expect(links.getCrossDomainParams().ampDeviceId).toBe(client.getDeviceId());
  });
});
