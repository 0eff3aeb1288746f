import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import * as footprint from './index';
import { Identify, Revenue, Types, createInstance, type Event, type Plugin, type Result } from './index';
import { VERSION } from './version';

const API = [
  'init', 'track', 'logEvent', 'identify', 'groupIdentify', 'setGroup', 'revenue', 'flush', 'add', 'remove',
  'getUserId', 'setUserId', 'getDeviceId', 'setDeviceId', 'getSessionId', 'setSessionId', 'extendSession', 'reset',
  'getOptOut', 'setOptOut', 'setTransport', 'getIdentity', 'setIdentity',
];

describe('@footprint/browser surface', () => {
  it('exports every Browser SDK 2 call, createInstance, Identify, Revenue and Types', () => {
    for (const name of [...API, 'createInstance']) expect(typeof (footprint as any)[name], name).toBe('function');
    expect(new Identify().set('a', 1).getUserProperties()).toEqual({ $set: { a: 1 } });
    expect(new Revenue().setPrice(1).price).toBe(1);
    expect(Types.LogLevel.Debug).toBe(4);
    expect(Types.ServerZone.EU).toBe('EU');
    expect(Types.TransportType.SendBeacon).toBe('beacon');
    expect(Types.IdentifyOperation.SET_ONCE).toBe('$setOnce');
    expect(Types.SpecialEventType.REVENUE).toBe('revenue_amount');
    expect(Types.OfflineDisabled).toBeNull();
    expect(footprint.LogLevel.Warn).toBe(2);
  });

  it('createInstance returns the same API, independent of the default instance', () => {
    const a = createInstance();
    for (const name of API) expect(typeof (a as any)[name], name).toBe('function');
    expect(a.track).not.toBe(footprint.track);
  });

  it('types the public API', () => {
    expectTypeOf(footprint.track).returns.toEqualTypeOf<{ promise: Promise<Result> }>();
    expectTypeOf(footprint.init).returns.toEqualTypeOf<{ promise: Promise<void> }>();
    expectTypeOf<Types.Event>().toEqualTypeOf<Event>();
    expectTypeOf<Plugin>().toHaveProperty('execute');
    // `transport: { type: 'fetch', worker }` chooses where uploads leave from; anything but a boolean is refused.
    expectTypeOf<{ type: 'fetch'; worker: boolean }>().toMatchTypeOf<Types.TransportTypeOrOptions>();
    expectTypeOf<{ type: 'fetch'; worker: 'yes' }>().not.toMatchTypeOf<Types.TransportTypeOrOptions>();
    const worker = () => footprint.setTransport({ type: 'fetch', worker: false });
    expectTypeOf(worker).returns.toBeVoid();
  });
});

describe('browser client', () => {
  it('stamps platform, language, user agent and the footprint library, and uploads with fetch', async () => {
    const bodies: any[] = [];
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) => {
      bodies.push(JSON.parse(String(init?.body)));
      return new Response(JSON.stringify({ code: 200 }), { status: 200 });
    });
    try {
      const client = createInstance();
      await client.init('browser-test-key', { autocapture: false, flushIntervalMillis: 0, transport: { type: 'fetch', headers: { 'X-Test': '1' } } }).promise;
      const r = await client.track('Hello').promise;
      expect(r).toMatchObject({ code: 200, message: 'Event tracked successfully' });
      expect(bodies[0].events[0]).toMatchObject({
        event_type: 'Hello',
        platform: 'Web',
        language: navigator.languages?.[0] ?? navigator.language,
        user_agent: navigator.userAgent,
        library: `footprint/${VERSION}`,
        ip: '$remote',
      });
      expect((fetchSpy.mock.calls[0][1]?.headers as Record<string, string>)['X-Test']).toBe('1');
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it('setTransport switches uploads to the transport it names (bound into a new transport, as init binds `transport`)', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(JSON.stringify({ code: 200 }), { status: 200 }));
    const beacons: string[] = [];
    const had = Object.getOwnPropertyDescriptor(navigator, 'sendBeacon');
    Object.defineProperty(navigator, 'sendBeacon', { configurable: true, value: (_url: string, body: string) => (beacons.push(body), true) });
    try {
      const client = createInstance();
      await client.init('browser-test-key', { autocapture: false, flushIntervalMillis: 0, transport: { type: 'fetch', worker: false } }).promise;
      await client.track('by fetch').promise;
      client.setTransport('beacon');
      expect(await client.track('by beacon').promise).toMatchObject({ code: 200 });
      expect(fetchSpy).toHaveBeenCalledTimes(1);
      expect(beacons.map((b) => JSON.parse(b).events[0].event_type)).toEqual(['by beacon']);
    } finally {
      fetchSpy.mockRestore();
      if (had) Object.defineProperty(navigator, 'sendBeacon', had);
      else delete (navigator as { sendBeacon?: unknown }).sendBeacon;
    }
  });

  it('reads navigator once, not per event, and again after a languagechange so events carry the current language', async () => {
    const bodies: any[] = [];
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) => {
      bodies.push(...JSON.parse(String(init?.body)).events);
      return new Response(JSON.stringify({ code: 200 }), { status: 200 });
    });
    window.dispatchEvent(new Event('languagechange')); // forget what earlier tests read
    const languages = vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['de-CH']);
    try {
      const client = createInstance();
      await client.init('browser-lang-key', { autocapture: false, flushIntervalMillis: 0 }).promise;
      await Promise.all([client.track('one').promise, client.track('two').promise, client.track('three').promise]);
      expect(languages).toHaveBeenCalledTimes(1);
      languages.mockReturnValue(['fr-FR']);
      window.dispatchEvent(new Event('languagechange'));
      await client.track('four').promise;
      expect(bodies.map((e) => [e.event_type, e.language])).toEqual([
        ['one', 'de-CH'],
        ['two', 'de-CH'],
        ['three', 'de-CH'],
        ['four', 'fr-FR'],
      ]);
    } finally {
      languages.mockRestore();
      fetchSpy.mockRestore();
      window.dispatchEvent(new Event('languagechange'));
    }
  });
});

describe('Types constants', () => {
  it('equal the plugins’ own values (the lite entry repeats them so it imports no plugin)', async () => {
    const interactions = await import('@footprint/plugin-element-interactions');
    const masking = await import('@footprint/plugin-masking');
    expect(Types.DEFAULT_CSS_SELECTOR_ALLOWLIST).toEqual(interactions.DEFAULT_CSS_SELECTOR_ALLOWLIST);
    expect(Types.DEFAULT_ACTION_CLICK_ALLOWLIST).toEqual(interactions.DEFAULT_ACTION_CLICK_ALLOWLIST);
    expect(Types.DEFAULT_DATA_ATTRIBUTE_PREFIX).toBe(masking.DEFAULT_DATA_ATTRIBUTE_PREFIX);
  });
});
