import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient, type Environment } from './client';
import { destinationPlugin } from './destination';
import { Identify } from './identify';
import { Revenue } from './revenue';
import { memoryStorage } from './storage';
import { LogLevel, type Event, type Options, type Plugin, type UploadPayload, type UserSession } from './types';

const KEY = 'test-api-key-0123456789';

/** A transport that records every upload and answers 200. */
const fakeTransport = () => {
  const uploads: { url: string; payload: UploadPayload }[] = [];
  return {
    uploads,
    events: () => uploads.flatMap((u) => u.payload.events),
    send: async (url: string, payload: UploadPayload) => {
      uploads.push({ url, payload: JSON.parse(JSON.stringify(payload)) });
      return { status: 200, body: { code: 200 } };
    },
  };
};

const spyLogger = () => ({ log: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() });
const logged = (fn: ReturnType<typeof vi.fn>) => fn.mock.calls.map((c) => c.map(String).join(' ')).join('\n');

/** A real client with a fake transport and a spy logger; uploads leave on a 0 ms timer. */
const setup = (env: Partial<Environment> = {}) => {
  const transport = fakeTransport();
  const logger = spyLogger();
  const client = createClient({
    library: 'test-lib/1.0.0',
    defaults: { transportProvider: transport, flushIntervalMillis: 0, loggerProvider: logger },
    context: () => ({ platform: 'Web', language: 'en-US', user_agent: 'TestAgent/1.0' }),
    ...env,
  });
  const start = (options: Options = {}) => client.init(KEY, { autocapture: false, ...options }).promise;
  const sent = (type?: string) => transport.events().filter((e) => !type || e.event_type === type);
  return { client, transport, logger, start, sent };
};

afterEach(() => {
  vi.useRealTimers();
});

describe('init', () => {
  it('reads the options an environment prepareOptions resolves to; calls made meanwhile queue in order', async () => {
    let release!: (extra: Record<string, unknown>) => void;
    const prepareOptions = vi.fn((o: Record<string, unknown>) => new Promise<Record<string, unknown>>((r) => (release = (extra) => r({ ...o, ...extra }))));
    const { client, sent } = setup({ prepareOptions });
    const ready = client.init(KEY, { autocapture: false });
    expect(prepareOptions).toHaveBeenCalledWith({ autocapture: false }, KEY);
    const tracked = client.track('meanwhile');
    release({ userId: 'user-from-prepare' });
    await ready.promise;
    expect(client.getUserId()).toBe('user-from-prepare');
    expect((await tracked.promise).event.user_id).toBe('user-from-prepare');
    await client.flush().promise;
    expect(sent().map((e) => e.event_type)).toEqual(['meanwhile']);
  });

  it('accepts (apiKey), (apiKey, options), (apiKey, userId), (apiKey, userId, options) and (apiKey, null, options)', async () => {
    const a = setup();
    await a.client.init(KEY, { autocapture: false }).promise;
    expect(a.client.getUserId()).toBeUndefined();
    const b = setup();
    await b.client.init(KEY, 'user-12345').promise;
    expect(b.client.getUserId()).toBe('user-12345');
    const c = setup();
    await c.client.init(KEY, 'user-12345', { deviceId: 'device-12345' }).promise;
    expect([c.client.getUserId(), c.client.getDeviceId()]).toEqual(['user-12345', 'device-12345']);
    const d = setup();
    await d.client.init(KEY, null, { userId: 'user-67890' }).promise;
    expect(d.client.getUserId()).toBe('user-67890');
    const e = setup();
    await e.client.init(KEY).promise;
    expect(e.client.getDeviceId()).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('returns { promise } that resolves to undefined', async () => {
    const { client } = setup();
    const ret = client.init(KEY);
    expect(Object.keys(ret)).toEqual(['promise']);
    await expect(ret.promise).resolves.toBeUndefined();
  });

  it('is idempotent: a second init is ignored and logs what differed (docs/differences.md §C.8)', async () => {
    const { client, start, logger, sent } = setup();
    const plugin: Plugin = { name: 'counter', setup: vi.fn() };
    client.add(plugin);
    await start();
    await client.init('other-key-999', { flushQueueSize: 5 }).promise;
    expect(plugin.setup).toHaveBeenCalledTimes(1);
    expect(logged(logger.warn)).toMatch(/init\(\) was already called.*differs in: apiKey, autocapture, flushQueueSize\)/s);
    await client.track('after').promise;
    expect(sent()).toHaveLength(1);
  });

  it('without an API key logs why and resolves every event with the missing-key result, uploading nothing', async () => {
    const { client, transport, logger } = setup();
    await (client.init as any)(undefined, { autocapture: false }).promise;
    expect(logged(logger.error)).toMatch(/init\(\) needs your project's API key/);
    const r = await client.track('x').promise;
    expect(r).toMatchObject({ code: 400, message: 'Event rejected due to missing API key' });
    await client.flush().promise;
    expect(transport.uploads).toHaveLength(0);
  });

  it('warns once per wrong-typed or unknown option, naming it, and uses the default', async () => {
    const { client, logger, transport } = setup();
    await client.init(KEY, { autocapture: false, flushQueueSize: '10', serverZone: 'MARS', flushQueSize: 3 } as any).promise;
    const warnings = logged(logger.warn);
    expect(warnings).toMatch(/option "flushQueueSize" should be a positive number, got "10"/);
    expect(warnings).toMatch(/option "serverZone" should be 'US' or 'EU', got "MARS"/);
    expect(warnings).toMatch(/unknown option "flushQueSize" is ignored/);
    await client.track('x').promise;
    expect(transport.uploads[0].url).toBe('https://api2.amplitude.com/2/httpapi');
  });

  it('resolves the server URL from serverZone, useBatch and serverUrl', async () => {
    for (const [options, url] of [
      [{ serverZone: 'EU' }, 'https://api.eu.amplitude.com/2/httpapi'],
      [{ useBatch: true }, 'https://api2.amplitude.com/batch'],
      [{ serverUrl: 'http://127.0.0.1:9/collect', serverZone: 'EU' }, 'http://127.0.0.1:9/collect'],
    ] as const) {
      const { client, start, transport } = setup();
      await start(options as Options);
      await client.track('x').promise;
      expect(transport.uploads[0].url).toBe(url);
    }
  });

  it('never throws when given nonsense', async () => {
    const { client } = setup();
    expect(() => (client.init as any)(42, 42, 42)).not.toThrow();
    await expect((client.init as any)(42, 42, 42).promise).resolves.toBeUndefined();
  });
});

describe('calls before init', () => {
  it('are queued and replayed in order after init; plugins added before init register before built-ins', async () => {
    const { client, start, sent } = setup();
    const seen: string[] = [];
    client.track('first', { n: 1 });
    client.add({ name: 'early', type: 'before', execute: async (e) => (seen.push(`${e.event_type}:${e.insert_id ?? 'no-insert-id'}`), e) });
    client.setUserId('user-12345');
    const second = client.track('second').promise;
    const third = client.identify(new Identify().set('a', 1)).promise;
    expect(client.getUserId()).toBeUndefined(); // nothing applies before init
    await start();
    const r = await second;
    expect(r.code).toBe(200);
    // (a slow machine may send them in two batches: wait for the last one too)
    expect((await third).code).toBe(200);
    expect(sent().map((e) => e.event_type)).toEqual(['first', 'second', '$identify']);
    // the early before-plugin ran before the context plugin stamped insert_id
    expect(seen).toEqual(['first:no-insert-id', 'second:no-insert-id', '$identify:no-insert-id']);
    // 'first' was tracked before setUserId, so it carries no user id (the anchor would stamp the later one)
    expect(sent().map((e) => e.user_id)).toEqual([undefined, 'user-12345', 'user-12345']);
  });

  it('identity calls made before init apply in call order, interleaved with the queued events (docs/architecture.md "Order")', async () => {
    const { client, start, sent } = setup();
    client.setOptOut(true);
    const skipped = client.track('while opted out').promise;
    client.setOptOut(false);
    client.setDeviceId('device-early-1');
    client.setSessionId(1_700_000_000_000);
    client.extendSession();
    const kept = client.track('kept').promise;
    await start();
    expect((await skipped).message).toBe('Event skipped due to optOut config'); // the anchor would send it: it replays identity calls first
    await kept;
    expect(sent().map((e) => [e.event_type, e.device_id, e.session_id])).toEqual([['kept', 'device-early-1', 1_700_000_000_000]]);
  });

  it('setSessionId before init starts that session, with no extra session_end/session_start pair', async () => {
    const { client, start, sent } = setup();
    const id = Date.now() - 1000; // recent: an old id would time out at the next event, as documented
    client.setSessionId(id);
    client.track('queued');
    await start({ autocapture: { sessions: true } });
    await client.flush().promise;
    expect(sent().map((e) => [e.event_type, e.session_id])).toEqual([
      ['session_start', id],
      ['queued', id],
    ]);
  });

  it('session_start (init) comes before the replayed events', async () => {
    const { client, start, sent } = setup();
    client.track('queued');
    await start({ autocapture: { sessions: true } });
    await client.flush().promise;
    expect(sent().map((e) => e.event_type)).toEqual(['session_start', 'queued']);
  });

  it('add(), remove() and flush() before init resolve at once (awaiting them before init must not hang)', async () => {
    const { client, start, transport } = setup();
    const setupSpy = vi.fn();
    await client.add({ name: 'early', setup: setupSpy }).promise;
    await client.remove('nothing-yet').promise;
    const tracked = client.track('a').promise;
    await client.flush().promise;
    expect(setupSpy).not.toHaveBeenCalled();
    await start({ flushIntervalMillis: 60_000 });
    expect(setupSpy).toHaveBeenCalledTimes(1);
    await tracked; // the queued flush() sent it although the interval is a minute
    expect(transport.events().map((e) => e.event_type)).toEqual(['a']);
  });
});

describe('track', () => {
  it('logs each result as it settles: delivered at log level, no destination at warn, refused at error, dropped on purpose not at all', async () => {
    const { client, start, logger } = setup();
    await start({ logLevel: LogLevel.Debug });
    const ok = await client.track('Delivered').promise;
    expect(ok.code).toBe(200);
    expect(logged(logger.log)).toContain('Event tracked successfully');
    client.add({ name: 'dropper', type: 'before', execute: async (e) => (e.event_type === 'Dropped' ? null : e) });
    const dropped = await client.track('Dropped').promise;
    expect([dropped.code, dropped.message]).toEqual([0, '']); // dropped on purpose: nothing to say
    await client.remove('footprint-destination').promise;
    const none = await client.track('Nowhere').promise;
    expect(none.code).toBe(100);
    expect(logged(logger.warn)).toContain('no destination plugins');
    expect(logger.error).not.toHaveBeenCalled();
    client.add({ name: 'refuser', type: 'destination', execute: async (e) => ({ event: e, code: 400, message: 'Invalid event (refused here)' }) });
    expect((await client.track('Refused').promise).code).toBe(400);
    expect(logged(logger.error)).toContain('Invalid event (refused here)');
  });

  it('sends name + properties + event options with the full context', async () => {
    const { client, start, transport } = setup();
    await start({ appVersion: '1.2.3', partnerId: 'partner-1', plan: { branch: 'main' }, ingestionMetadata: { sourceName: 'src', sourceVersion: '9' } });
    const r = await client.track('Clicked', { color: 'blue' }, { user_id: 'explicit-user', insert_id: 'fixed-insert-id' }).promise;
    expect(r).toMatchObject({ code: 200, message: 'Event tracked successfully' });
    const [e] = transport.events();
    expect(e).toMatchObject({
      event_type: 'Clicked',
      event_properties: { color: 'blue' },
      user_id: 'explicit-user',
      device_id: client.getDeviceId(),
      session_id: client.getSessionId(),
      insert_id: 'fixed-insert-id',
      event_id: 0,
      platform: 'Web',
      language: 'en-US',
      ip: '$remote',
      user_agent: 'TestAgent/1.0',
      library: 'test-lib/1.0.0',
      app_version: '1.2.3',
      partner_id: 'partner-1',
      plan: { branch: 'main' },
      ingestion_metadata: { source_name: 'src', source_version: '9' },
    });
    expect(typeof e.time).toBe('number');
    expect(transport.uploads[0].payload).toMatchObject({ api_key: KEY });
  });

  it('accepts a whole event object, and logEvent is the same call', async () => {
    const { client, start, sent } = setup();
    await start();
    await client.track({ event_type: 'Obj', event_properties: { a: 1 }, groups: { org: 'acme' }, group_properties: { g: 1 } }).promise;
    await client.logEvent('Logged').promise;
    expect(sent()[0]).toMatchObject({ event_type: 'Obj', event_properties: { a: 1 }, groups: { org: 'acme' }, group_properties: { g: 1 } });
    expect(sent()[1].event_type).toBe('Logged');
  });

  it('numbers event_id from 0 upward and assigns a fresh insert_id per event', async () => {
    const { client, start, sent } = setup();
    await start();
    await Promise.all([client.track('a').promise, client.track('b').promise, client.track('c').promise]);
    expect(sent().map((e) => e.event_id)).toEqual([0, 1, 2]);
    expect(new Set(sent().map((e) => e.insert_id)).size).toBe(3);
  });

  it('trackingOptions switch off ip, language and platform', async () => {
    const { client, start, sent } = setup();
    await start({ trackingOptions: { ipAddress: false, language: false, platform: false } });
    await client.track('x').promise;
    expect(sent()[0]).not.toHaveProperty('ip');
    expect(sent()[0]).not.toHaveProperty('language');
    expect(sent()[0]).not.toHaveProperty('platform');
    expect(sent()[0].user_agent).toBe('TestAgent/1.0');
  });

  it('resolves code 100 when no destination is installed', async () => {
    const { client, start } = setup();
    await start();
    await client.remove(destinationPlugin().name!).promise;
    expect(await client.track('x').promise).toMatchObject({ code: 100, message: 'Event not tracked, no destination plugins on the instance' });
  });
});

describe('bad input to track()', () => {
  const cases: [string, () => any][] = [
    ['undefined', () => undefined],
    ["''", () => ''],
    ['whitespace', () => '   '],
    ['a number', () => 42],
    ['null', () => null],
    ['an object without event_type', () => ({ event_properties: { a: 1 } })],
  ];
  for (const [name, input] of cases) {
    it(`${name} resolves code 0 "Event skipped due to empty event type", logs, uploads nothing`, async () => {
      const { client, start, transport, logger } = setup();
      await start();
      let ret: any;
      expect(() => (ret = (client.track as any)(input()))).not.toThrow();
      expect(await ret.promise).toMatchObject({ code: 0, message: 'Event skipped due to empty event type' });
      expect(logged(logger.error)).toMatch(/Event skipped due to empty event type/);
      await client.flush().promise;
      expect(transport.uploads).toHaveLength(0);
    });
  }

  it('coerces properties so the upload is always valid JSON within the API limits', async () => {
    const { client, start, sent, logger } = setup();
    await start();
    const cyclic: any = { name: 'loop' };
    cyclic.self = cyclic;
    let deep: any = { leaf: true };
    for (let i = 0; i < 45; i++) deep = { d: deep };
    const props = {
      cyclic,
      fn: () => 1,
      sym: Symbol('s'),
      big: 12345678901234567890n,
      undef: undefined,
      nan: NaN,
      inf: -Infinity,
      date: new Date('2024-05-06T07:08:09.000Z'),
      deep,
      long: 'x'.repeat(5000),
      list: [1, undefined, () => 2, 'ok'],
    };
    const r = await client.track('Weird', props).promise;
    expect(r.code).toBe(200);
    const p = sent()[0].event_properties!;
    expect(p.cyclic).toEqual({ name: 'loop', self: '[Circular]' });
    expect(p).not.toHaveProperty('fn');
    expect(p).not.toHaveProperty('sym');
    expect(p).not.toHaveProperty('undef');
    expect(p.big).toBe('12345678901234567890');
    expect([p.nan, p.inf]).toEqual([null, null]);
    expect(p.date).toBe('2024-05-06T07:08:09.000Z');
    expect(p.long).toHaveLength(1024);
    expect(p.list).toEqual([1, null, null, 'ok']);
    expect(JSON.stringify(p.deep)).toContain('[Too deep]');
    expect(JSON.stringify(p.deep).split('"d"').length - 1).toBeLessThan(40);
    expect(logged(logger.warn)).toMatch(/event "Weird" was changed to fit the API/);
  });

  it('refuses (400, with what to change) a typed field of the wrong type or properties that are not an object', async () => {
    const { client, start, sent, logger } = setup();
    await start();
    const props = await (client.track as any)('T', 'not-an-object').promise;
    expect(props).toMatchObject({ code: 400, message: expect.stringMatching(/event properties should be a plain object, got string/) });
    const time = await (client.track as any)('T', {}, { time: '2024-01-01T00:00:00Z' }).promise;
    expect(time).toMatchObject({ code: 400, message: expect.stringMatching(/time should be an integer, got string/) });
    const insert = await (client.track as any)({ event_type: 'T', insert_id: {} }).promise;
    expect(insert.message).toMatch(/insert_id should be a string, got object/);
    expect(logged(logger.error)).toMatch(/Event refused: time should be an integer/);
    // null and undefined typed fields are filled by the SDK, as the anchor fills them.
    expect((await (client.track as any)('T', {}, { time: null, session_id: undefined, insert_id: '' }).promise).code).toBe(200);
    expect(sent()).toHaveLength(1);
    expect(typeof sent()[0].time).toBe('number');
    expect(sent()[0].session_id).toBe(client.getSessionId());
    expect(sent()[0].insert_id).toMatch(/^[0-9a-f-]{36}$/);
    // Only the typed names are checked: a field named like a member of every object is not one of them.
    expect((await (client.track as any)('T', {}, { constructor: 1, toString: 'x' }).promise).code).toBe(200);
  });
});

describe('identify, groups and revenue', () => {
  it('identify sends one $identify with every operation', async () => {
    const { client, start, sent } = setup();
    await start();
    const id = new Identify()
      .set('plan', 'pro')
      .setOnce('first', 'x')
      .add('logins', 2)
      .unset('old')
      .append('tags', 'a')
      .prepend('tags2', ['b'])
      .preInsert('p', 1)
      .postInsert('q', 2)
      .remove('r', 'z');
    const r = await client.identify(id).promise;
    expect(r.code).toBe(200);
    expect(sent('$identify')).toHaveLength(1);
    expect(sent('$identify')[0].user_properties).toEqual({
      $set: { plan: 'pro' },
      $setOnce: { first: 'x' },
      $add: { logins: 2 },
      $unset: { old: '-' },
      $append: { tags: 'a' },
      $prepend: { tags2: ['b'] },
      $preInsert: { p: 1 },
      $postInsert: { q: 2 },
      $remove: { r: 'z' },
    });
    expect(client.getIdentity().userProperties).toEqual({ plan: 'pro' });
  });

  it('identify with a non-Identify resolves code 400 with a reason and sends nothing', async () => {
    const { client, start, transport, logger } = setup();
    await start();
    for (const bad of [undefined, null, 'plan=pro', { set: 1 }, 42]) {
      const r = await (client.identify as any)(bad).promise;
      expect(r).toMatchObject({ code: 400, message: expect.stringMatching(/identify\(\) needs an Identify object/) });
    }
    expect(logged(logger.error)).toMatch(/identify\(\) needs an Identify object/);
    await client.flush().promise;
    expect(transport.uploads).toHaveLength(0);
  });

  it('a script-tag stub ({ _q }) is refused with the usual reason: only the script-tag entry rebuilds stubs', async () => {
    const { client, start, sent, logger } = setup();
    await start();
    const r = await client.identify({ _q: [{ name: 'set', args: ['k', 'v'] }] } as any).promise;
    expect(r).toMatchObject({ code: 400, message: expect.stringMatching(/identify\(\) needs an Identify object/) });
    expect(logged(logger.error)).toMatch(/identify\(\) needs an Identify object/);
    await client.flush().promise;
    expect(sent()).toHaveLength(0);
  });

  it('setGroup sends $identify with $set and groups; event-level groups stay on the event', async () => {
    const { client, start, sent } = setup();
    await start();
    await client.setGroup('orgId', '15').promise;
    await client.setGroup('sport', ['tennis', 'soccer']).promise;
    await client.track({ event_type: 'e', groups: { orgId: '16' } }).promise;
    expect(sent()[0]).toMatchObject({ event_type: '$identify', user_properties: { $set: { orgId: '15' } }, groups: { orgId: '15' } });
    expect(sent()[1]).toMatchObject({ user_properties: { $set: { sport: ['tennis', 'soccer'] } }, groups: { sport: ['tennis', 'soccer'] } });
    expect(sent()[2].groups).toEqual({ orgId: '16' });
    expect(sent()[2]).not.toHaveProperty('user_properties');
  });

  it('groupIdentify sends $groupidentify with group_properties', async () => {
    const { client, start, sent } = setup();
    await start();
    const r = await client.groupIdentify('plan', 'enterprise', new Identify().set('seats', 10)).promise;
    expect(r.code).toBe(200);
    expect(sent()[0]).toMatchObject({ event_type: '$groupidentify', groups: { plan: 'enterprise' }, group_properties: { $set: { seats: 10 } } });
    const bad = await (client.groupIdentify as any)('plan', 'x', 'nope').promise;
    expect(bad.code).toBe(400);
    const badType = await (client.setGroup as any)(undefined, 'x').promise;
    expect(badType.message).toMatch(/setGroup\(\) needs a group type/);
  });

  it('revenue sends revenue_amount with the $-prefixed properties', async () => {
    const { client, start, sent } = setup();
    await start();
    const rev = new Revenue()
      .setProductId('sku-1')
      .setQuantity(3)
      .setPrice(3.99)
      .setRevenueType('purchase')
      .setCurrency('EUR')
      .setRevenue(11.97)
      .setReceipt('rcpt')
      .setReceiptSig('sig')
      .setEventProperties({ category: 'books' });
    expect((await client.revenue(rev).promise).code).toBe(200);
    expect(sent()[0]).toMatchObject({
      event_type: 'revenue_amount',
      event_properties: {
        category: 'books',
        $productId: 'sku-1',
        $quantity: 3,
        $price: 3.99,
        $revenueType: 'purchase',
        $currency: 'EUR',
        $revenue: 11.97,
        $receipt: 'rcpt',
        $receiptSig: 'sig',
      },
    });
  });

  it('revenue without a valid price is refused with a clear message', async () => {
    const { client, start, transport, logger } = setup();
    await start();
    for (const rev of [new Revenue().setProductId('x'), new Revenue().setPrice(NaN), new Revenue().setPrice('3' as any), undefined]) {
      const r = await (client.revenue as any)(rev).promise;
      expect(r.code).toBe(400);
      expect(r.message).toMatch(/price|Revenue object/);
    }
    expect(logged(logger.error)).toMatch(/setPrice/);
    await client.flush().promise;
    expect(transport.uploads).toHaveLength(0);
  });
});

describe('identity', () => {
  it('setUserId / setDeviceId apply to events tracked after them, never before (docs/architecture.md "Order")', async () => {
    const { client, start, sent } = setup();
    await start({ deviceId: 'device-aaaaa' });
    const first = client.track('before-change').promise;
    client.setUserId('user-12345');
    client.setDeviceId('device-bbbbb');
    await client.track('after-change').promise;
    await first;
    expect(sent()[0]).toMatchObject({ device_id: 'device-aaaaa' });
    expect(sent()[0]).not.toHaveProperty('user_id');
    expect(sent()[1]).toMatchObject({ user_id: 'user-12345', device_id: 'device-bbbbb' });
    expect([client.getUserId(), client.getDeviceId()]).toEqual(['user-12345', 'device-bbbbb']);
  });

  it('refuses ids shorter than minIdLength with a warning', async () => {
    const { client, start, logger } = setup();
    await start({ minIdLength: 6, userId: 'abc' });
    expect(client.getUserId()).toBeUndefined();
    client.setUserId('user-1');
    client.setUserId('short');
    client.setDeviceId('dev');
    expect(client.getUserId()).toBe('user-1');
    expect(client.getDeviceId()).toMatch(/^[0-9a-f-]{36}$/);
    expect(logged(logger.warn)).toMatch(/userId "short" is shorter than minIdLength \(6\)/);
    expect(logged(logger.warn)).toMatch(/deviceId "dev" is shorter/);
  });

  it('refuses an event-level user_id that is too short: the server would reject it', async () => {
    const { client, start, sent } = setup();
    await start({ userId: 'user-12345' });
    const r = await client.track('x', undefined, { user_id: 'ab' }).promise;
    expect(r).toMatchObject({ code: 400, message: expect.stringMatching(/user_id "ab" is shorter than minIdLength \(5\)/) });
    await client.flush().promise;
    expect(sent()).toHaveLength(0);
  });

  it('reset gives a new device id, no user id, and keeps the session', async () => {
    const { client, start } = setup();
    const onReset = vi.fn();
    client.add({ name: 'r', onReset });
    await start({ userId: 'user-12345' });
    const [device, session] = [client.getDeviceId(), client.getSessionId()];
    client.reset();
    expect(client.getUserId()).toBeUndefined();
    expect(client.getDeviceId()).not.toBe(device);
    expect(client.getSessionId()).toBe(session);
    await Promise.resolve();
    expect(onReset).toHaveBeenCalledTimes(1);
  });

  it('setIdentity and getIdentity', async () => {
    const { client, start, sent } = setup();
    await start();
    client.setIdentity({ userId: 'user-12345', deviceId: 'device-12345', userProperties: { plan: 'pro' } });
    await client.flush().promise;
    expect(client.getIdentity()).toEqual({ userId: 'user-12345', deviceId: 'device-12345', userProperties: { plan: 'pro' } });
    expect(sent()[0]).toMatchObject({ event_type: '$identify', user_properties: { $set: { plan: 'pro' } }, user_id: 'user-12345' });
  });

  it('setIdentity sends the values Identify.set accepts, and no $set when none is valid', async () => {
    const { client, start, sent } = setup();
    await start();
    const props = { plan: 'pro', tags: ['a', 1], nested: { ok: true }, gone: undefined, nil: null, fn: () => 1 } as any;
    client.setIdentity({ userProperties: props });
    client.setIdentity({ userProperties: { nil: null } as any });
    await client.flush().promise;
    const expected = new Identify();
    for (const [k, v] of Object.entries(props)) expected.set(k, v);
    expect(sent('$identify').map((e) => e.user_properties)).toEqual([expected.getUserProperties(), {}]);
    expect(expected.getUserProperties()).toEqual({ $set: { plan: 'pro', tags: ['a', 1], nested: { ok: true } } });
  });

  it('identify with event options user_id/device_id sets them on the client', async () => {
    const { client, start } = setup();
    await start();
    await client.identify(new Identify().set('a', 1), { user_id: 'user-12345', device_id: 'device-12345' }).promise;
    expect([client.getUserId(), client.getDeviceId()]).toEqual(['user-12345', 'device-12345']);
  });

  it('persists identity in the configured storage and restores it on the next init', async () => {
    const store = memoryStorage<UserSession>();
    const one = setup();
    await one.start({ cookieStorage: store, userId: 'user-12345' });
    await one.client.track('x').promise;
    await Promise.resolve();
    const saved = await store.get(`AMP_${KEY.slice(0, 10)}`);
    expect(saved).toMatchObject({ userId: 'user-12345', deviceId: one.client.getDeviceId(), sessionId: one.client.getSessionId(), lastEventId: 0, optOut: false });
    const two = setup();
    await two.start({ cookieStorage: store });
    expect([two.client.getUserId(), two.client.getDeviceId(), two.client.getSessionId()]).toEqual([
      'user-12345',
      one.client.getDeviceId(),
      one.client.getSessionId(),
    ]);
    await two.client.track('y').promise;
    expect(two.sent()[0].event_id).toBe(1);
  });

  it('a burst of events hands the identity to storage once per slice of processing, not once per event', async () => {
    const store = memoryStorage<UserSession>();
    const { client, start } = setup();
    await start({ cookieStorage: store });
    const set = vi.spyOn(store, 'set');
    await Promise.all(Array.from({ length: 200 }, (_, i) => client.track(`e${i}`).promise));
    await Promise.resolve();
    expect(set.mock.calls.length).toBeGreaterThan(0);
    expect(set.mock.calls.length).toBeLessThan(10);
    expect(set.mock.calls.at(-1)?.[1]).toMatchObject({ lastEventId: 199 });
  });

  it('falls back to memory when the storage is not enabled, with a warning', async () => {
    const { start, logger } = setup();
    const broken = { ...memoryStorage<UserSession>(), isEnabled: async () => false };
    await start({ cookieStorage: broken });
    expect(logged(logger.warn)).toMatch(/identity storage is not available/);
  });

  it('uses the environment storage for identityStorage, and initial ids from the environment', async () => {
    const store = memoryStorage<UserSession>();
    const storage = vi.fn(() => store);
    const { client, start } = setup({ storage, initialIdentity: () => ({ deviceId: 'url-device-1', sessionId: 1234567 }) });
    await start({ identityStorage: 'localStorage' });
    expect(storage).toHaveBeenCalledWith('localStorage', expect.anything());
    expect([client.getDeviceId(), client.getSessionId()]).toEqual(['url-device-1', 1234567]);
  });
});

describe('sessions (docs/protocol.md §A.7)', () => {
  const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

  it('session id is the start time; session_start is tracked at init with event_id 0', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const { client, start, sent } = setup();
    await start({ autocapture: true });
    await client.flush().promise;
    expect(client.getSessionId()).toBe(T0);
    expect(sent()).toEqual([expect.objectContaining({ event_type: 'session_start', session_id: T0, time: T0, event_id: 0 })]);
  });

  it('an event after sessionTimeout ends the session and starts a new one with the documented ids and times', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const { client, start, sent } = setup();
    await start({ autocapture: { sessions: true }, userId: 'user-12345', sessionTimeout: 1000 });
    vi.setSystemTime(T0 + 500);
    await client.track('a').promise;
    vi.setSystemTime(T0 + 1400); // 900 ms after 'a': same session
    await client.track('b').promise;
    expect(client.getSessionId()).toBe(T0);
    const device = client.getDeviceId();
    client.setUserId('user-67890');
    vi.setSystemTime(T0 + 5000); // 3.6 s idle: new session
    await client.track('c').promise;
    await client.flush().promise;
    const types = sent().map((e) => [e.event_type, e.session_id, e.event_id, e.time]);
    expect(types).toEqual([
      ['session_start', T0, 0, T0],
      ['a', T0, 1, T0 + 500],
      ['b', T0, 2, T0 + 1400],
      ['session_end', T0, 3, T0 + 1401],
      ['session_start', T0 + 5000, 4, T0 + 5000],
      ['c', T0 + 5000, 5, T0 + 5000],
    ]);
    const end = sent('session_end')[0];
    expect(end).toMatchObject({ user_id: 'user-12345', device_id: device }); // the ended session's ids
    expect(sent('session_start')[1].user_id).toBe('user-67890');
  });

  it('an event a plugin tracks on the session change gets its own event id, never that of session_end or session_start', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const { client, start, sent } = setup();
    await client.add({ name: 'campaign', onSessionIdChanged: () => void client.track('$identify-like campaign') } as Plugin).promise;
    await start({ autocapture: { sessions: true }, sessionTimeout: 1000 });
    await client.track('a').promise;
    vi.setSystemTime(T0 + 5000); // idle: new session
    await client.track('b').promise;
    await client.flush().promise;
    const ids = sent().map((e) => e.event_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((x, y) => (x as number) - (y as number)));
    expect(sent().map((e) => e.event_type)).toEqual(
      expect.arrayContaining(['session_end', 'session_start', '$identify-like campaign', 'a', 'b']),
    );
  });

  it('events with an explicit time do not extend the session; extendSession does', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const { client, start } = setup();
    await start({ sessionTimeout: 1000 });
    await client.track('a').promise;
    vi.setSystemTime(T0 + 900);
    await client.track('backdated', undefined, { time: T0 - 10_000 }).promise;
    vi.setSystemTime(T0 + 1500); // 1.5 s after 'a': the backdated event did not extend
    await client.track('b').promise;
    expect(client.getSessionId()).toBe(T0 + 1500);
    vi.setSystemTime(T0 + 2400);
    client.extendSession();
    vi.setSystemTime(T0 + 3300);
    await client.track('c').promise;
    expect(client.getSessionId()).toBe(T0 + 1500);
  });

  it('autocapture: false or { sessions: false } tracks no session events but still rotates the id', async () => {
    for (const autocapture of [false, { sessions: false }] as const) {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(T0);
      const { client, start, sent } = setup();
      await start({ autocapture, sessionTimeout: 1000 });
      await client.track('a').promise;
      vi.setSystemTime(T0 + 5000);
      await client.track('b').promise;
      expect(sent().map((e) => e.event_type)).toEqual(['a', 'b']);
      expect(sent()[1].session_id).toBe(T0 + 5000);
    }
  });

  it('setSessionId ends the current session and starts the given one; the same id is a no-op', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const { client, start, sent } = setup();
    const onSessionIdChanged = vi.fn();
    client.add({ name: 's', onSessionIdChanged });
    await start({ autocapture: { sessions: true } });
    await client.track('a').promise;
    client.setSessionId(T0 + 77);
    client.setSessionId(T0 + 77);
    await client.flush().promise;
    expect(sent().map((e) => e.event_type)).toEqual(['session_start', 'a', 'session_end', 'session_start']);
    expect(sent()[3].session_id).toBe(T0 + 77);
    expect(onSessionIdChanged).toHaveBeenLastCalledWith(T0 + 77);
  });

  it('an event carrying a foreign session_id neither rotates nor is rewritten', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const { client, start, sent } = setup();
    await start({ sessionTimeout: 1000 });
    await client.track('a').promise;
    vi.setSystemTime(T0 + 5000);
    await client.track('offline', undefined, { session_id: -1 }).promise;
    expect(client.getSessionId()).toBe(T0);
    expect(sent()[1].session_id).toBe(-1);
  });

  it('the init identify option is sent before session_start', async () => {
    const { client, start, sent } = setup();
    await start({ autocapture: { sessions: true }, identify: new Identify().set('cohort', 'b') });
    await client.flush().promise;
    expect(sent().map((e) => e.event_type)).toEqual(['$identify', 'session_start']);
  });
});

describe('opt-out', () => {
  it('setOptOut(true) skips events with the optOut result and persists; false resumes', async () => {
    const store = memoryStorage<UserSession>();
    const { client, start, transport } = setup();
    await start({ cookieStorage: store });
    client.setOptOut(true);
    expect(client.getOptOut()).toBe(true);
    expect(await client.track('x').promise).toMatchObject({ code: 0, message: 'Event skipped due to optOut config' });
    await Promise.resolve();
    expect((await store.get(`AMP_${KEY.slice(0, 10)}`))?.optOut).toBe(true);
    await client.flush().promise;
    expect(transport.uploads).toHaveLength(0);

    const again = setup();
    await again.start({ cookieStorage: store });
    expect(again.client.getOptOut()).toBe(true);
    again.client.setOptOut(false);
    expect((await again.client.track('y').promise).code).toBe(200);
  });

  it('the optOut option starts opted out', async () => {
    const { client, start } = setup();
    await start({ optOut: true });
    expect((await client.track('x').promise).message).toBe('Event skipped due to optOut config');
  });
});

describe('plugins', () => {
  it('run before → enrichment → destinations; setup gets config and client; teardown on remove', async () => {
    const { client, start } = setup();
    const order: string[] = [];
    const received: Event[] = [];
    const setupSpy = vi.fn();
    const teardown = vi.fn();
    await start();
    await client.add({ name: 'enrich', execute: async (e) => (order.push('enrichment'), { ...e, event_properties: { ...e.event_properties, enriched: true } }) }).promise;
    await client.add({ name: 'before', type: 'before', setup: setupSpy, execute: async (e) => (order.push('before'), e) }).promise;
    await client.add({
      name: 'dest',
      type: 'destination',
      teardown,
      execute: async (e) => (order.push('destination'), received.push(e), { event: e, code: 200, message: 'ok' }),
    }).promise;
    await client.track('x').promise;
    expect(order).toEqual(['before', 'enrichment', 'destination']);
    expect(received[0].event_properties).toEqual({ enriched: true });
    expect(setupSpy).toHaveBeenCalledWith(expect.objectContaining({ apiKey: KEY }), client);
    await client.remove('dest').promise;
    expect(teardown).toHaveBeenCalledTimes(1);
  });

  it('refuses a duplicate name with a warning', async () => {
    const { client, start, logger } = setup();
    await start();
    const s1 = vi.fn();
    const s2 = vi.fn();
    await Promise.all([client.add({ name: 'dup', setup: s1 }).promise, client.add({ name: 'dup', setup: s2 }).promise]);
    expect(s1).toHaveBeenCalled();
    expect(s2).not.toHaveBeenCalled();
    expect(logged(logger.warn)).toMatch(/plugin "dup" is already added/);
  });

  it('a plugin that throws is logged with its name and the event continues', async () => {
    const { client, start, sent, logger } = setup();
    await start();
    await client.add({ name: 'bad-before', type: 'before', execute: () => { throw new Error('boom-before'); } }).promise;
    await client.add({ name: 'bad-enrich', execute: async () => { throw new Error('boom-enrich'); } }).promise;
    await client.add({ name: 'bad-setup', setup: () => { throw new Error('boom-setup'); }, execute: vi.fn() }).promise;
    await client.add({ name: 'bad-dest', type: 'destination', execute: () => { throw new Error('boom-dest'); } }).promise;
    const r = await client.track('survives').promise;
    expect(r.code).toBe(200); // the first destination (the default one) answers
    expect(sent().map((e) => e.event_type)).toEqual(['survives']);
    const errors = logged(logger.error);
    for (const name of ['bad-before', 'bad-enrich', 'bad-setup', 'bad-dest']) expect(errors).toContain(`plugin "${name}" failed`);
    expect(client.add({ name: 'bad-setup' }).promise).resolves.toBeUndefined(); // a failed setup frees the name
  });

  it('hooks and teardown that throw are logged with the plugin name and never reach the caller', async () => {
    const { client, start, logger } = setup();
    await start();
    const boom = () => {
      throw new Error('hook broke');
    };
    await client.add({ name: 'noisy', onIdentityChanged: boom, onOptOutChanged: boom, onReset: boom, onSessionIdChanged: boom, teardown: boom }).promise;
    expect(() => {
      client.setUserId('user-12345');
      client.setOptOut(true);
      client.setOptOut(false);
      client.setSessionId(Date.now() + 5);
      client.reset();
    }).not.toThrow();
    await expect(client.remove('noisy').promise).resolves.toBeUndefined();
    await new Promise((r) => setTimeout(r, 0));
    const errors = logged(logger.error);
    for (const hook of ['onIdentityChanged', 'onOptOutChanged', 'onReset', 'onSessionIdChanged', 'teardown']) {
      expect(errors).toContain(`plugin "noisy" failed in ${hook}`);
    }
  });

  it('an enrichment returning null drops the event with code 0', async () => {
    const { client, start, sent } = setup();
    await start();
    await client.add({ name: 'filter', execute: async (e) => (e.event_type === 'drop me' ? null : e) }).promise;
    expect(await client.track('drop me').promise).toMatchObject({ code: 0, message: '' });
    await client.track('keep').promise;
    expect(sent().map((e) => e.event_type)).toEqual(['keep']);
  });

  it('destinations get their own copy and flush() reaches each destination', async () => {
    const { client, start } = setup();
    await start();
    const flushSpy = vi.fn();
    await client.add({
      name: 'mutator',
      type: 'destination',
      flush: flushSpy,
      execute: async (e) => ((e.event_type = 'mutated'), { event: e, code: 200, message: 'ok' }),
    }).promise;
    const r = await client.track('orig').promise;
    expect(r.event.event_type).toBe('orig');
    await client.flush().promise;
    expect(flushSpy).toHaveBeenCalled();
  });

  it('identity, opt-out and session hooks are called', async () => {
    const { client, start } = setup();
    const hooks = { onIdentityChanged: vi.fn(), onOptOutChanged: vi.fn() };
    await start();
    await client.add({ name: 'hooks', ...hooks }).promise;
    client.setUserId('user-12345');
    client.setOptOut(true);
    await Promise.resolve();
    expect(hooks.onIdentityChanged).toHaveBeenCalledWith({ userId: 'user-12345' });
    expect(hooks.onOptOutChanged).toHaveBeenCalledWith(true);
  });

  it('remove of an unknown name warns; add of a non-object warns', async () => {
    const { client, start, logger } = setup();
    await start();
    await client.remove('nope').promise;
    await (client.add as any)(undefined).promise;
    expect(logged(logger.warn)).toMatch(/no plugin named "nope"/);
    expect(logged(logger.warn)).toMatch(/add\(\) needs a plugin object/);
  });
});

describe('environment hold (consent)', () => {
  it('a held event waits for release() and then goes through the pipeline; undefined lets it through', async () => {
    let hold = true;
    const releases: Array<() => Promise<unknown>> = [];
    const { client, start, sent } = setup({
      hold: (_event, release) => (hold ? new Promise((resolve) => releases.push(() => release().then(resolve))) : undefined),
    });
    await start();
    const first = client.track('held').promise;
    await client.flush().promise;
    expect(sent()).toEqual([]);
    hold = false;
    await client.track('free').promise;
    await releases[0]();
    expect((await first).code).toBe(200);
    expect(sent().map((e) => e.event_type)).toEqual(['free', 'held']);
  });

  it('a hold hook that throws is logged and the event is sent', async () => {
    const { client, start, sent, logger } = setup({
      hold: () => {
        throw new Error('gate broke');
      },
    });
    await start();
    expect((await client.track('x').promise).code).toBe(200);
    expect(sent()).toHaveLength(1);
    expect(logged(logger.error)).toMatch(/failed to decide whether to hold/);
  });
});

describe('instances', () => {
  it('share nothing: identity, storage keys, queues and plugins', async () => {
    const a = setup();
    const b = setup();
    const onlyA = vi.fn((e: Event) => e);
    a.client.add({ name: 'only-a', execute: onlyA });
    await a.start({ userId: 'user-aaaaa' });
    await b.start({ userId: 'user-bbbbb' });
    await a.client.track('from-a').promise;
    await b.client.track('from-b').promise;
    expect(a.sent().map((e) => e.event_type)).toEqual(['from-a']);
    expect(b.sent().map((e) => e.event_type)).toEqual(['from-b']);
    expect(onlyA).toHaveBeenCalledTimes(1);
    expect(a.client.getDeviceId()).not.toBe(b.client.getDeviceId());

    const store = memoryStorage<UserSession>();
    const c = setup();
    const d = setup();
    await c.start({ cookieStorage: store });
    await d.start({ cookieStorage: store, instanceName: 'second' });
    await Promise.resolve();
    expect(await store.get(`AMP_${KEY.slice(0, 10)}`)).toMatchObject({ deviceId: c.client.getDeviceId() });
    expect(await store.get(`AMP_${KEY.slice(0, 10)}_second`)).toMatchObject({ deviceId: d.client.getDeviceId() });
  });
});

describe('logging', () => {
  it('logLevel accepts the enum and 0–4; None silences everything', async () => {
    const { client, logger } = setup();
    await client.init(undefined as any, { logLevel: 0 }).promise;
    expect(logger.error).not.toHaveBeenCalled();
    const other = setup();
    await other.client.init(undefined as any, { logLevel: LogLevel.Error }).promise;
    expect(other.logger.error).toHaveBeenCalled();
  });

  it('warns once about options that are not an object, and uses the defaults', async () => {
    const { client } = setup();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      await client.init(KEY, 'user-12345', 'nope' as any).promise;
      const about = warn.mock.calls.map((c) => c.join(' ')).filter((m) => m.includes('options should be a plain object'));
      expect(about).toEqual(['Footprint Logger [Warn]: init(): options should be a plain object, got string; defaults are used']);
      expect(client.getUserId()).toBe('user-12345');
    } finally {
      warn.mockRestore();
    }
  });

  it('a custom loggerProvider receives the messages', async () => {
    const { client } = setup();
    const mine = spyLogger();
    await client.init(KEY, { loggerProvider: mine, flushQueueSize: -1 }).promise;
    expect(logged(mine.warn)).toMatch(/flushQueueSize/);
  });

  it('plugins log through the client\'s level: below it nothing reaches the provider', async () => {
    const { client } = setup();
    const mine = spyLogger();
    const noisy = {
      name: 'noisy',
      setup(config: any) {
        config.loggerProvider.debug('noisy: a debug detail');
        config.loggerProvider.log('noisy: a verbose detail');
        config.loggerProvider.warn('noisy: a warning');
      },
    };
    await client.init(KEY, { loggerProvider: mine, logLevel: LogLevel.Warn }).promise;
    await client.add(noisy).promise;
    expect(mine.debug).not.toHaveBeenCalled();
    expect(mine.log).not.toHaveBeenCalled();
    expect(logged(mine.warn)).toMatch(/noisy: a warning/);
  });

  it('Debug logs each public call with its arguments and the state before and after', async () => {
    const { client, start, logger } = setup();
    await start({ logLevel: LogLevel.Debug });
    client.setUserId('user-12345');
    const entry = logger.debug.mock.calls.map((c) => c[1]).find((m) => m?.name === 'setUserId');
    expect(entry).toMatchObject({
      type: 'invoke public method',
      name: 'setUserId',
      args: ['user-12345'],
      states: { before: { userId: undefined }, after: { userId: 'user-12345' } },
    });
    expect(entry.time.start).toMatch(/^\d{4}-/);
  });

  it('a throwing logger never breaks a public call', async () => {
    const { client } = setup();
    const boom = () => {
      throw new Error('logger broke');
    };
    await client.init(undefined as any, { loggerProvider: { log: boom, warn: boom, error: boom, debug: boom } }).promise;
    expect(() => client.track('')).not.toThrow();
  });
});

describe('transport', () => {
  it('setTransport swaps the transport through the environment; unknown ones warn', async () => {
    const other = fakeTransport();
    const { client, start, logger } = setup({ transport: (t) => (t === 'xhr' ? other : undefined) });
    await start();
    client.setTransport('xhr');
    await client.track('x').promise;
    expect(other.uploads).toHaveLength(1);
    client.setTransport('beacon');
    expect(logged(logger.warn)).toMatch(/setTransport\(\): transport beacon is not available/);
  });
});
