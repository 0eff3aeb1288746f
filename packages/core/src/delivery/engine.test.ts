import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Event, Result, TransportResponse, UploadPayload } from '../types';
import { destinationPlugin } from './engine';
import { memoryEventStorage } from './memory-storage';
import { OVERSIZE, PARKED, QUEUE_OVERFLOW, SUCCESS } from './messages';
import { readStored } from './stored-queue';
import type { Connectivity, DeliveryRequest, DeliveryTransport, PageLifecycle } from './options';
import { memoryLocks } from './tab-slots';

type Answer = TransportResponse | null | Promise<TransportResponse | null>;
const ok = (n = 1): TransportResponse => ({ status: 200, body: { code: 200, events_ingested: n } });
const KEY = 'key-0123456789abcdef';
const STORE_KEY = 'AMP_unsent_key-012345';

const harness = async (options: Record<string, unknown> = {}, shared: { storage?: ReturnType<typeof memoryEventStorage>; locks?: ReturnType<typeof memoryLocks> } = {}) => {
  const calls: Array<{ at: number; payload: UploadPayload; request?: DeliveryRequest }> = [];
  const answers: Answer[] = [];
  const warnings: unknown[][] = [];
  const transport: DeliveryTransport = {
    send: (_url, payload, request) => {
      calls.push({ at: Date.now(), payload, request });
      return Promise.resolve(answers.length ? answers.shift()! : ok(payload.events.length));
    },
  };
  const storage = shared.storage ?? memoryEventStorage();
  const plugin = destinationPlugin();
  const config = {
    apiKey: KEY,
    serverUrl: 'https://collector.test/2/httpapi',
    flushQueueSize: 3,
    flushIntervalMillis: 1000,
    flushMaxRetries: 3,
    logLevel: 2,
    loggerProvider: { log() {}, debug() {}, error() {}, warn: (...a: unknown[]) => warnings.push(a) },
    transportProvider: transport,
    storageProvider: storage,
    retryBaseMillis: 100,
    retryMaxMillis: 400,
    tabLocks: shared.locks ?? memoryLocks(),
    ...options,
  };
  await plugin.setup(config as any, {});
  const results: Result[] = [];
  const track = (n: number, extra: Partial<Event> = {}) =>
    Array.from({ length: n }, (_, i) => plugin.execute({ event_type: `e${i}`, device_id: 'device-1', insert_id: `${extra.event_type ?? 'e'}-${Math.random()}`, ...extra }).then((r: Result) => (results.push(r), r)));
  const sent = () => calls.flatMap((c) => c.payload.events.map((e) => e.event_type));
  return { plugin, config, calls, answers, warnings, storage, results, track, sent };
};

/** Stored keys other than the marks of slots given up. */
const queueKeys = (storage: ReturnType<typeof memoryEventStorage>) => [...storage.map.keys()].filter((k) => !k.endsWith(':closed'));

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('batching', () => {
  it('sends as soon as flushQueueSize events wait, without waiting for the interval', async () => {
    const h = await harness();
    h.track(3);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.calls).toHaveLength(1);
    expect(h.calls[0].payload.events).toHaveLength(3);
  });

  it('sends a partial batch after flushIntervalMillis', async () => {
    const h = await harness();
    h.track(2);
    await vi.advanceTimersByTimeAsync(999);
    expect(h.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.calls).toHaveLength(1);
  });

  it('keeps one request in flight and sends batches in order', async () => {
    const h = await harness();
    let answer!: (r: TransportResponse) => void;
    h.answers.push(new Promise((r) => (answer = r)));
    const ids = Array.from({ length: 7 }, (_, i) => `id-${i}`);
    ids.forEach((insert_id) => h.plugin.execute({ event_type: 'x', device_id: 'device-1', insert_id }));
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.calls).toHaveLength(1);
    answer(ok(3));
    await vi.advanceTimersByTimeAsync(0);
    expect(h.calls.map((c) => c.payload.events.length)).toEqual([3, 3, 1]);
    expect(h.calls.flatMap((c) => c.payload.events.map((e) => e.insert_id))).toEqual(ids);
  });

  it('resolves every event with code 200 and the anchor message, and empties storage', async () => {
    const h = await harness();
    const [a] = h.track(3);
    expect(await a).toMatchObject({ code: 200, message: SUCCESS });
    await vi.advanceTimersByTimeAsync(300);
    expect(h.storage.map.get(STORE_KEY)).toBeUndefined();
  });

  it('flush() sends everything now and resolves once all of it is settled, retries included', async () => {
    const h = await harness();
    h.answers.push({ status: 503, body: {} });
    const events = h.track(2);
    const flushed = h.plugin.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.calls).toHaveLength(1);
    let done = false;
    void flushed.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(500);
    expect(done).toBe(true);
    expect((await events[1]).code).toBe(200);
  });

  it('uses the payload shape of HTTP V2; the transport type and headers are the transport\'s own, never passed per request', async () => {
    const h = await harness({ minIdLength: 3, transport: { type: 'xhr', headers: { 'X-A': '1' } } });
    h.track(3);
    await vi.advanceTimersByTimeAsync(0);
    const { payload, request } = h.calls[0];
    expect(payload).toMatchObject({ api_key: KEY, options: { min_id_length: 3 } });
    expect(typeof payload.client_upload_time).toBe('string');
    expect(request).toMatchObject({ compress: false });
    expect(request).not.toHaveProperty('type');
    expect(request).not.toHaveProperty('headers');
    expect(JSON.parse(request!.body!)).toEqual(JSON.parse(JSON.stringify(payload)));
  });

  it('rejects events without an API key and sends nothing', async () => {
    const h = await harness({ apiKey: '' });
    const [a] = h.track(3);
    expect(await a).toMatchObject({ code: 400, message: 'Event rejected due to missing API key' });
    expect(h.calls).toHaveLength(0);
  });
});

describe('answers', () => {
  it('400 drops only the named event with its reason and delivers the rest', async () => {
    const h = await harness();
    h.answers.push({ status: 400, body: { code: 400, error: 'Invalid field values on some events', events_with_invalid_fields: { user_id: [1] } } });
    const [a, b, c] = h.track(3);
    expect(await b).toMatchObject({ code: 400, message: 'Invalid field values on some events (user_id)' });
    expect((await a).code).toBe(200);
    expect((await c).code).toBe(200);
    expect(h.calls[1].payload.events.map((e) => e.event_type)).toEqual(['e0', 'e2']);
  });

  it('400 with an invalid API key rejects the whole batch', async () => {
    const h = await harness();
    h.answers.push({ status: 400, body: { code: 400, error: 'Invalid API key: x' } });
    const all = await Promise.all(h.track(3));
    expect(all.map((r) => r.code)).toEqual([400, 400, 400]);
    expect(h.calls).toHaveLength(1);
  });

  it('413 halves only that batch, and a single over-size event is dropped with a reason', async () => {
    const h = await harness({ flushQueueSize: 4 });
    h.answers.push({ status: 413, body: { code: 413, error: 'Payload too large' } }, ok(2), { status: 413, body: { code: 413, error: 'Payload too large' } }, ok(1), { status: 413, body: { code: 413, error: 'Payload too large' } });
    const events = h.track(4);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.calls.map((c) => c.payload.events.length)).toEqual([4, 2, 2, 1, 1]);
    expect((await events[3]).message).toBe(`Payload too large: ${OVERSIZE}`);
    expect((await events[2]).code).toBe(200);
    h.track(4);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.calls.at(-1)!.payload.events).toHaveLength(4);
  });

  it('429 holds the throttled device back, delivers others first, and drops daily-quota users', async () => {
    const h = await harness({ throttleMillis: 5000 });
    h.answers.push({
      status: 429,
      body: { code: 429, error: 'Too many requests for some devices and users', throttled_devices: { 'device-1': 31 }, exceeded_daily_quota_users: { 'user-q': 1 }, throttled_events: [0] },
    });
    const throttled = h.track(1, { device_id: 'device-1' });
    const other = h.track(1, { device_id: 'device-2' });
    const quota = h.track(1, { device_id: 'device-3', user_id: 'user-q' });
    expect(await quota[0]).toMatchObject({ code: 429 });
    expect((await other[0]).code).toBe(200);
    await vi.advanceTimersByTimeAsync(4000);
    expect(h.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1100);
    expect((await throttled[0]).code).toBe(200);
    expect(h.calls).toHaveLength(3);
  });

  it('backs off exponentially with jitter, capped, on 5xx and network errors', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    const h = await harness({ flushMaxRetries: 10, retryBaseMillis: 100, retryMaxMillis: 400 });
    h.answers.push({ status: 500, body: {} }, null, { status: 502, body: {} }, { status: 504, body: {} }, { status: 408, body: {} });
    const [a] = h.track(3);
    await vi.advanceTimersByTimeAsync(5000);
    expect((await a).code).toBe(200);
    const gaps = h.calls.slice(1).map((c, i) => c.at - h.calls[i].at);
    expect(gaps).toEqual([100, 200, 400, 400, 400]);
    vi.restoreAllMocks();
  });

  it('honours Retry-After', async () => {
    const h = await harness();
    h.answers.push({ status: 503, body: {}, headers: { 'Retry-After': '3' } });
    const [a] = h.track(3);
    await vi.advanceTimersByTimeAsync(5000);
    await a;
    expect(h.calls[1].at - h.calls[0].at).toBe(3000);
  });

  it('never drops a valid event on transient failures: after flushMaxRetries it parks it stored and resumes on online', async () => {
    let up = true;
    const listeners: Array<(o: boolean) => void> = [];
    const connectivity: Connectivity = { online: () => up, subscribe: (cb) => (listeners.push(cb), () => {}) };
    const h = await harness({ connectivity });
    for (let i = 0; i < 3; i++) h.answers.push({ status: 503, body: { code: 503 } });
    const [a] = h.track(3);
    await vi.advanceTimersByTimeAsync(2000);
    expect(await a).toMatchObject({ code: 503, message: PARKED });
    expect(h.calls).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.calls).toHaveLength(3);
    expect(JSON.parse(h.storage.map.get(STORE_KEY)!)).toHaveLength(3);
    up = false;
    listeners.forEach((l) => l(false));
    up = true;
    listeners.forEach((l) => l(true));
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.calls).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(300);
    expect(h.storage.map.get(STORE_KEY)).toBeUndefined();
  });

  it('a request past requestTimeoutMillis stops holding up the queue; its events go again only once it failed', async () => {
    const h = await harness({ requestTimeoutMillis: 2000 });
    let late!: (r: TransportResponse | null) => void;
    h.answers.push(new Promise(() => {}), ok(3), new Promise((r) => (late = r)));
    const [a] = h.track(3, { event_type: 'hung' });
    await vi.advanceTimersByTimeAsync(1000);
    h.track(3, { event_type: 'next' });
    await vi.advanceTimersByTimeAsync(900);
    expect(h.calls).toHaveLength(1); // within the timeout, the next batch waits
    await vi.advanceTimersByTimeAsync(200);
    expect(h.sent()).toEqual(['hung', 'hung', 'hung', 'next', 'next', 'next']); // past it, the queue moves on
    h.track(3, { event_type: 'slow' });
    await vi.advanceTimersByTimeAsync(2500); // a slow answer that comes late is still taken: no second copy
    late(ok(3));
    await vi.advanceTimersByTimeAsync(0);
    // The hung request is given up after 4× the timeout (and the transport's grace): only then it goes again.
    await vi.advanceTimersByTimeAsync(3000);
    expect(h.sent().filter((t) => t === 'hung')).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(3000);
    expect(h.sent().filter((t) => t === 'hung')).toHaveLength(6);
    expect(h.sent().filter((t) => t === 'slow')).toHaveLength(3);
    expect((await a).code).toBe(200);
  });
});

describe('durable queue', () => {
  it('restores events stored under the anchor key on setup and sends them', async () => {
    const storage = memoryEventStorage();
    storage.map.set(STORE_KEY, JSON.stringify([{ event_type: 'old', device_id: 'device-1', insert_id: 'i-1' }]));
    const h = await harness({}, { storage });
    await vi.advanceTimersByTimeAsync(0);
    expect(h.sent()).toEqual([]); // not marked closed by a tab of ours: it may be behind what its tab wrote
    await vi.advanceTimersByTimeAsync(4100);
    expect(h.sent()).toEqual(['old']);
  });

  it('coalesces storage writes into segments instead of rewriting the queue per event', async () => {
    const storage = memoryEventStorage();
    const setRaw = vi.spyOn(storage, 'setRaw');
    const h = await harness({ flushQueueSize: 1000, flushIntervalMillis: 60_000 }, { storage });
    h.track(250);
    await vi.advanceTimersByTimeAsync(1900);
    expect(setRaw).not.toHaveBeenCalled(); // written only if still queued two seconds later
    await vi.advanceTimersByTimeAsync(200);
    // Three segments of ≤ 100 events (the first under the anchor's key, in its format) and their index.
    expect(setRaw.mock.calls.map((c) => c[0])).toEqual([STORE_KEY, `${STORE_KEY}:1`, `${STORE_KEY}:2`, `${STORE_KEY}:index`]);
    expect(JSON.parse(storage.map.get(STORE_KEY)!)).toHaveLength(100);
    expect((await readStored(storage, STORE_KEY)).events).toHaveLength(250);
    h.track(1);
    await vi.advanceTimersByTimeAsync(2100);
    expect(setRaw.mock.calls.slice(4).map((c) => c[0])).toEqual([`${STORE_KEY}:2`]); // only the tail is rewritten
  });

  it('what is in flight is not stored; a delivered batch writes nothing, a failed one is stored again', async () => {
    const storage = memoryEventStorage();
    const h = await harness({ flushQueueSize: 100, flushIntervalMillis: 60_000, retryBaseMillis: 1000 }, { storage });
    let answer!: (r: TransportResponse) => void;
    h.answers.push(new Promise((r) => (answer = r)));
    h.track(150);
    await vi.advanceTimersByTimeAsync(2100);
    expect((await readStored(storage, STORE_KEY)).events).toHaveLength(50); // the 100 in flight count as sent
    const setRaw = vi.spyOn(storage, 'setRaw');
    const remove = vi.spyOn(storage, 'remove');
    answer(ok(100));
    await vi.advanceTimersByTimeAsync(300);
    expect(setRaw).not.toHaveBeenCalled();
    expect(remove).not.toHaveBeenCalled();
    // The next batch fails: its events did not reach the server, so they are stored again, in order.
    h.answers.push({ status: 503, body: { code: 503 } });
    void h.plugin.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.calls).toHaveLength(2);
    expect((await readStored(storage, STORE_KEY)).events).toHaveLength(50);
    await vi.advanceTimersByTimeAsync(60);
    expect((await readStored(storage, STORE_KEY)).events.map((e) => e.insert_id)).toEqual(h.calls[1].payload.events.map((e) => e.insert_id));
  });

  it('a stored segment is rewritten without the events that left within about a second, without waiting for a page hide', async () => {
    const storage = memoryEventStorage();
    const h = await harness({ flushQueueSize: 100, flushIntervalMillis: 60_000, offline: true }, { storage });
    h.track(60);
    await vi.advanceTimersByTimeAsync(2100);
    expect((await readStored(storage, STORE_KEY)).events).toHaveLength(60);
    h.answers.push(new Promise(() => {})); // in flight for good
    Object.assign(h.config, { offline: false });
    void h.plugin.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.calls).toHaveLength(1);
    expect((await readStored(storage, STORE_KEY)).events).toHaveLength(60); // not rewritten at once …
    await vi.advanceTimersByTimeAsync(1300);
    expect(storage.map.get(STORE_KEY)).toBeUndefined(); // … but soon: a tab adopting it now sends nothing twice
  });

  it('a stored queue of several segments is restored in order, and the next tab adopts all of it', async () => {
    const storage = memoryEventStorage();
    const locks = memoryLocks();
    const a = await harness({ flushQueueSize: 1000, flushIntervalMillis: 60_000, adoptIntervalMillis: 1000 }, { storage, locks });
    a.track(120);
    await vi.advanceTimersByTimeAsync(300);
    await a.plugin.teardown();
    a.config.transportProvider.send = () => Promise.reject(new Error('tab A is gone'));
    const b = await harness({ flushQueueSize: 1000, flushIntervalMillis: 60_000 }, { storage, locks });
    await b.plugin.flush();
    expect(b.sent()).toHaveLength(120);
    await vi.advanceTimersByTimeAsync(300);
    expect(queueKeys(storage)).toEqual([]);
  });

  it('bounds the queue by count: a new event beyond it is refused with its reason, once warned; none accepted is dropped', async () => {
    const h = await harness({ maxQueuedEvents: 5, flushQueueSize: 100 });
    const events = h.track(7);
    expect(await events[5]).toMatchObject({ code: 0, message: QUEUE_OVERFLOW });
    expect((await events[6]).message).toBe(QUEUE_OVERFLOW);
    expect(h.warnings).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.calls[0].payload.events.map((e) => e.event_type)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    expect((await events[0]).code).toBe(200);
  });

  it('by default keeps a burst of 10,000 events of 600 bytes (no bound the anchor lacks)', async () => {
    const h = await harness({ flushQueueSize: 30, flushIntervalMillis: 60_000, offline: true });
    const events = h.track(10_000, { event_properties: { pad: 'x'.repeat(560) } });
    await vi.advanceTimersByTimeAsync(0);
    expect(h.results.filter((r) => r.message === QUEUE_OVERFLOW)).toHaveLength(0);
    expect(h.warnings.filter((w) => String(w[1]).includes('full'))).toHaveLength(0);
    void events;
  });

  it('bounds the queue by bytes', async () => {
    const h = await harness({ maxQueuedBytes: 1000, flushQueueSize: 100 });
    h.track(10, { event_properties: { pad: 'x'.repeat(200) } });
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.calls[0].payload.events.length).toBeLessThanOrEqual(3);
  });

  it('writes no event that is delivered before its write falls due', async () => {
    const storage = memoryEventStorage();
    const setRaw = vi.spyOn(storage, 'setRaw');
    const h = await harness({ flushQueueSize: 100 }, { storage });
    for (let i = 0; i < 5; i++) {
      h.track(10);
      await vi.advanceTimersByTimeAsync(1000);
    }
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.sent()).toHaveLength(50);
    expect(setRaw).not.toHaveBeenCalled();
  });

  it('caps a plain batch at 16 KiB, so its request can be a keepalive, and a gzipped one at 4× that', async () => {
    const h = await harness({ flushQueueSize: 30 });
    h.track(30, { event_properties: { pad: 'x'.repeat(900) } });
    await h.plugin.flush();
    expect(h.calls).toHaveLength(2);
    expect(h.calls.every((c) => new TextEncoder().encode(c.request!.body!).length <= 16 * 1024)).toBe(true);
    const z = await harness({ flushQueueSize: 30, enableRequestBodyCompression: true });
    z.track(30, { event_properties: { pad: 'x'.repeat(900) } });
    await z.plugin.flush();
    expect(z.calls.map((c) => c.payload.events.length)).toEqual([30]);
    expect(z.calls[0].request?.compress).toBe(true);
  });

  it('falls back to memory with one warning when storage is full', async () => {
    const storage = memoryEventStorage();
    storage.setRaw = () => Promise.reject(Object.assign(new Error('full'), { name: 'QuotaExceededError' }));
    const h = await harness({ flushQueueSize: 100, flushIntervalMillis: 60_000 }, { storage });
    h.track(5);
    await vi.advanceTimersByTimeAsync(2100);
    h.track(5);
    await vi.advanceTimersByTimeAsync(2100);
    expect(h.warnings.map((w) => String(w[1]))).toEqual([expect.stringContaining('QuotaExceededError')]);
    await h.plugin.flush();
    expect(h.calls[0].payload.events).toHaveLength(10);
  });
});

describe('offline', () => {
  it('sends nothing while offline: true', async () => {
    const h = await harness({ offline: true });
    h.track(6);
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.calls).toHaveLength(0);
    await h.plugin.flush();
    expect(h.calls).toHaveLength(0);
  });

  it('follows connectivity and resumes one interval after coming back online', async () => {
    let up = false;
    const listeners: Array<(o: boolean) => void> = [];
    const h = await harness({ connectivity: { online: () => up, subscribe: (cb: (o: boolean) => void) => (listeners.push(cb), () => {}) } });
    h.track(4);
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.calls).toHaveLength(0);
    up = true;
    listeners.forEach((l) => l(true));
    await vi.advanceTimersByTimeAsync(999);
    expect(h.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.sent()).toHaveLength(4);
  });

  it('offline: null ignores connectivity', async () => {
    const h = await harness({ offline: null, connectivity: { online: () => false, subscribe: () => () => {} } });
    h.track(3);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.calls).toHaveLength(1);
  });
});

describe('page hide', () => {
  const lifecycleHarness = async (how: 'keepalive' | 'beacon' | false) => {
    let handlers!: { hide(final: boolean): void; show(restored: boolean): void };
    const lifecycle: PageLifecycle = { subscribe: (h) => ((handlers = h), () => {}) };
    const unloads: string[] = [];
    const answers: Array<(r: TransportResponse | null) => void> = [];
    const h = await harness({ lifecycle, flushQueueSize: 1000 });
    (h.config.transportProvider as DeliveryTransport).sendUnload = (_url, body, onAnswer) => {
      if (!how) return false;
      unloads.push(body);
      answers.push(onAnswer);
      return how;
    };
    return { ...h, unloads, answers, hide: (final: boolean) => handlers.hide(final), show: (r: boolean) => handlers.show(r) };
  };

  it('sends the queue in chunks under 16 KiB when the page hides; what the browser took is not stored', async () => {
    const h = await lifecycleHarness('keepalive');
    const events = h.track(100, { event_properties: { pad: 'x'.repeat(400) } });
    h.hide(false);
    expect(h.unloads.length).toBeGreaterThan(1);
    expect(h.unloads.every((b) => new TextEncoder().encode(b).length <= 16 * 1024)).toBe(true);
    expect(h.unloads.flatMap((b) => JSON.parse(b).events)).toHaveLength(100);
    expect((await readStored(h.storage, STORE_KEY)).events).toHaveLength(0);
    h.answers.forEach((a, i) => a(ok(JSON.parse(h.unloads[i]).events.length)));
    expect((await events[99]).code).toBe(200);
    await vi.advanceTimersByTimeAsync(300);
    expect(queueKeys(h.storage)).toEqual([]);
    expect(h.calls).toHaveLength(0);
  });

  it('a page-hide chunk that fails while the page lives is stored and sent again, once', async () => {
    const h = await lifecycleHarness('keepalive');
    const [a] = h.track(2);
    h.hide(false);
    h.answers[0]({ status: 503, body: { code: 503 } });
    await vi.advanceTimersByTimeAsync(0);
    expect((await readStored(h.storage, STORE_KEY)).events).toHaveLength(0); // written at the next idle moment …
    await vi.advanceTimersByTimeAsync(100);
    expect((await readStored(h.storage, STORE_KEY)).events).toHaveLength(2); // … as it failed
    h.show(false);
    await vi.advanceTimersByTimeAsync(2000);
    expect(h.sent()).toHaveLength(2);
    expect((await a).code).toBe(200);
  });

  it('beaconed events count as sent at once: not stored, not sent again', async () => {
    const h = await lifecycleHarness('beacon');
    const [a] = h.track(2);
    h.hide(false);
    expect(await a).toMatchObject({ code: 200 });
    await vi.advanceTimersByTimeAsync(5000);
    h.show(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.calls).toHaveLength(0);
    expect(queueKeys(h.storage)).toEqual([]);
  });

  it('an event tracked after the final hide (a later pagehide listener) is sent by the unload path at once', async () => {
    const h = await lifecycleHarness('keepalive');
    h.track(2, { event_type: 'before' });
    h.hide(true);
    expect(h.unloads).toHaveLength(1);
    const [late] = h.track(1, { event_type: 'late' });
    await Promise.resolve(); // the listener that tracked it has returned
    expect(h.unloads).toHaveLength(2);
    expect(JSON.parse(h.unloads[1]).events.map((e: Event) => e.event_type)).toEqual(['late']);
    expect(queueKeys(h.storage)).toEqual([]); // all of it left: nothing for the next load to send again
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.unloads).toHaveLength(2);
    expect(h.calls).toHaveLength(0);
    // Restored from the back-forward cache: the keepalive answer confirms it, and nothing is sent twice.
    h.show(true);
    h.answers[1](ok(1)); // answered before the restored page has started again
    expect(await late).toMatchObject({ code: 200 });
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.sent()).not.toContain('late');
  });

  it('after a hide that is not final, late events leave by the unload path together and are confirmed', async () => {
    const h = await lifecycleHarness('keepalive');
    h.hide(false);
    const events = h.track(3, { event_type: 'late' });
    await Promise.resolve();
    expect(h.unloads).toHaveLength(1);
    expect(JSON.parse(h.unloads[0]).events).toHaveLength(3);
    expect(queueKeys(h.storage)).toEqual([]);
    h.answers[0](ok(3));
    expect((await events[2]).code).toBe(200);
    await vi.advanceTimersByTimeAsync(300);
    expect(h.storage.map.get(STORE_KEY)).toBeUndefined();
    expect(h.calls).toHaveLength(0);
  });

  // A batch in flight (from the worker, by XHR, keepalive or not) already left: a hide does not send it again.
  const inFlightAtHide = async () => {
    const h = await lifecycleHarness('keepalive');
    const pending: Array<(r: TransportResponse | null) => void> = [];
    (h.config.transportProvider as DeliveryTransport).send = (_u, payload, request) => {
      h.calls.push({ at: Date.now(), payload, request });
      return new Promise((r) => pending.push(r));
    };
    const events = h.track(3, { event_type: 'flying' });
    void h.plugin.flush();
    await vi.advanceTimersByTimeAsync(0);
    const queued = h.track(1, { event_type: 'queued' });
    expect(h.calls).toHaveLength(1);
    return { ...h, events, queued, pending };
  };

  it('a tab switch with a batch in flight sends only what waits, stores neither, and the answer settles the batch', async () => {
    const h = await inFlightAtHide();
    h.hide(false);
    expect(h.unloads.flatMap((b) => JSON.parse(b).events.map((e: Event) => e.event_type))).toEqual(['queued']);
    expect(queueKeys(h.storage)).toEqual([]);
    h.show(false);
    h.pending[0](ok(3));
    expect((await h.events[2]).code).toBe(200);
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.calls).toHaveLength(1);
  });

  it('at pagehide a batch in flight is not stored for the next load; if the page lives and it fails, it goes again', async () => {
    const h = await inFlightAtHide();
    h.hide(true);
    expect(queueKeys(h.storage)).toEqual([]);
    h.show(true); // restored from the back-forward cache
    await vi.advanceTimersByTimeAsync(0);
    h.pending[0](null);
    await vi.advanceTimersByTimeAsync(2000);
    expect(h.calls.map((c) => c.payload.events.length)).toEqual([3, 3]);
  });

  it('a batch answered "not delivered" after pagehide, while the page still runs, leaves by the unload path', async () => {
    const h = await inFlightAtHide();
    h.hide(true);
    expect(h.unloads.flatMap((b) => JSON.parse(b).events.map((e: Event) => e.event_type))).toEqual(['queued']);
    h.pending[0]({ status: 503, body: { code: 503 } });
    await vi.advanceTimersByTimeAsync(0);
    expect(h.unloads.flatMap((b) => JSON.parse(b).events.map((e: Event) => e.event_type))).toEqual(['queued', 'flying', 'flying', 'flying']);
  });

  it('a request its transport can still take back (not handed to the browser yet) leaves by the unload path instead, once', async () => {
    const h = await lifecycleHarness('keepalive');
    let answer!: (r: TransportResponse | null) => void;
    (h.config.transportProvider as DeliveryTransport).send = (_u, payload, request) => {
      h.calls.push({ at: Date.now(), payload, request });
      request!.withdraw = () => true;
      return new Promise((r) => (answer = r));
    };
    const events = h.track(3, { event_type: 'waiting' });
    void h.plugin.flush();
    await vi.advanceTimersByTimeAsync(0);
    h.hide(true);
    expect(h.unloads.flatMap((b) => JSON.parse(b).events.map((e: Event) => e.event_type))).toEqual(['waiting', 'waiting', 'waiting']);
    answer(null); // the withdrawn request never left
    h.answers[0](ok(3));
    h.show(true); // back from the bfcache: the answer applies once started
    expect((await events[2]).code).toBe(200);
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.calls).toHaveLength(1);
    expect(h.unloads).toHaveLength(1);
  });

  it('a keepalive request whose promise fails as the page unloads counts as sent: not stored, not sent again', async () => {
    const h = await lifecycleHarness('keepalive');
    let fail!: (r: null) => void;
    (h.config.transportProvider as DeliveryTransport).send = (_u, payload, request) => {
      h.calls.push({ at: Date.now(), payload, request });
      request!.survives = true; // the browser took it as a keepalive
      return new Promise((r) => (fail = r));
    };
    const events = h.track(3, { event_type: 'flying' });
    void h.plugin.flush();
    await vi.advanceTimersByTimeAsync(0);
    // The browser fails the request's promise first, in the task that runs the page-hide listeners.
    fail(null);
    await Promise.resolve();
    h.hide(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.unloads).toHaveLength(0);
    expect(queueKeys(h.storage)).toEqual([]);
    expect((await events[2]).code).toBe(200);
  });

  it('a keepalive request that fails while the page lives is sent again', async () => {
    const h = await lifecycleHarness('keepalive');
    let first = true;
    (h.config.transportProvider as DeliveryTransport).send = (_u, payload, request) => {
      h.calls.push({ at: Date.now(), payload, request });
      request!.survives = true;
      if (first) return (first = false), Promise.resolve(null);
      return Promise.resolve(ok(payload.events.length));
    };
    const events = h.track(3);
    void h.plugin.flush();
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.calls.map((c) => c.payload.events.length)).toEqual([3, 3]);
    expect((await events[2]).code).toBe(200);
  });

  it('at pagehide, what was never stored is stored before the first page-hide request leaves', async () => {
    const h = await lifecycleHarness('keepalive');
    const storedAtSend: number[] = [];
    const send = (h.config.transportProvider as DeliveryTransport).sendUnload!;
    (h.config.transportProvider as DeliveryTransport).sendUnload = (url, body, onAnswer) => {
      const segments = [...h.storage.map.keys()].filter((k) => k === STORE_KEY || /:\d+$/.test(k));
      storedAtSend.push(segments.reduce((n, k) => n + JSON.parse(h.storage.map.get(k)!).length, 0));
      return send(url, body, onAnswer);
    };
    h.track(100, { event_properties: { pad: 'x'.repeat(400) } });
    h.hide(true);
    expect(storedAtSend[0]).toBe(100); // were the page cut short now, the next load would send them
    expect(queueKeys(h.storage)).toEqual([]); // all left: the last write takes them out again
  });

  it('when nothing can leave, events stay stored for the next load', async () => {
    const h = await lifecycleHarness(false);
    h.track(2);
    h.hide(true);
    expect(JSON.parse(h.storage.map.get(STORE_KEY)!)).toHaveLength(2);
  });
});

describe('tabs', () => {
  /** Tab A (with page signals, `aOptions`) and tab B (sweeping every second) sharing storage and locks. */
  const twoTabs = async (aOptions: Record<string, unknown>) => {
    const storage = memoryEventStorage();
    const locks = memoryLocks();
    let handlers!: { hide(final: boolean): void; show(restored: boolean): void };
    const lifecycle: PageLifecycle = { subscribe: (x) => ((handlers = x), () => {}) };
    const a = await harness({ lifecycle, flushQueueSize: 1000, flushIntervalMillis: 60_000, ...aOptions }, { storage, locks });
    const b = await harness({ flushQueueSize: 1000, flushIntervalMillis: 60_000, adoptIntervalMillis: 1000 }, { storage, locks });
    return { storage, locks, a, b, hide: (final: boolean) => handlers.hide(final), show: () => handlers.show(false) };
  };

  it('a late event after pagehide is written apart: a tab that adopted the slot meanwhile never gets an event twice', async () => {
    const { storage, a, b, hide } = await twoTabs({ offline: true });
    a.track(2, { event_type: 'left-behind' });
    hide(true); // offline: nothing can leave, both stay stored; A gives up its slot
    await vi.advanceTimersByTimeAsync(1000); // B's sweep adopts them
    await b.plugin.flush();
    expect(b.sent()).toEqual(['left-behind', 'left-behind']);
    expect(storage.map.get(STORE_KEY)).toBeUndefined();
    a.track(1, { event_type: 'late' }); // a pagehide listener after A's own
    await Promise.resolve();
    expect((await readStored(storage, STORE_KEY)).events.map((e) => e.event_type)).toEqual(['late']);
    await vi.advanceTimersByTimeAsync(4100); // not marked closed after it: adopted after the grace period
    await b.plugin.flush();
    expect(b.sent()).toEqual(['left-behind', 'left-behind', 'late']);
  });

  it('a tab that leaves while another is open hands its queue over through storage, sending nothing', async () => {
    const { storage, a, b, hide, show } = await twoTabs({ adoptIntervalMillis: 1000 });
    const unloads: string[] = [];
    (a.config.transportProvider as DeliveryTransport).sendUnload = (_u, body) => (unloads.push(body), 'keepalive');
    a.track(2, { event_type: 'from-a' });
    hide(false); // a tab switch still sends at once
    expect(unloads).toHaveLength(1);
    show();
    a.track(3, { event_type: 'handed-over' });
    await vi.advanceTimersByTimeAsync(1000); // A's sweep has seen B
    hide(true);
    expect(unloads).toHaveLength(1);
    expect(storage.map.get(`${STORE_KEY}:closed`)).toBe('1');
    await vi.advanceTimersByTimeAsync(1000); // B adopts what A left
    await b.plugin.flush();
    expect(b.sent()).toEqual(['handed-over', 'handed-over', 'handed-over']);
    expect(a.calls).toHaveLength(0);
  });

  it('the tab that adopts a queue keeps its slot locked until it leaves: a tab whose storage lags cannot read it again', async () => {
    const { locks, a, b, hide } = await twoTabs({ offline: true });
    a.track(2, { event_type: 'left-behind' });
    hide(true);
    await vi.advanceTimersByTimeAsync(1000); // B adopts slot 0
    expect(await locks.tryHold(`footprint:${STORE_KEY}`)).toBeUndefined();
    expect(await locks.held!()).toEqual(expect.arrayContaining([`footprint:${STORE_KEY}`, `footprint:${STORE_KEY}_1`]));
    await b.plugin.teardown();
    expect(await locks.tryHold(`footprint:${STORE_KEY}`)).toBeTypeOf('function');
  });

  it('two tabs use separate keys, and a closed tab’s queue is adopted by the other exactly once', async () => {
    const storage = memoryEventStorage();
    const locks = memoryLocks();
    const a = await harness({ flushIntervalMillis: 60_000, flushQueueSize: 100, adoptIntervalMillis: 1000 }, { storage, locks });
    const b = await harness({ flushIntervalMillis: 60_000, flushQueueSize: 100, adoptIntervalMillis: 1000 }, { storage, locks });
    a.track(2, { event_type: 'from-a' });
    b.track(3, { event_type: 'from-b' });
    await vi.advanceTimersByTimeAsync(2100);
    expect(JSON.parse(storage.map.get(STORE_KEY)!)).toHaveLength(2);
    expect(JSON.parse(storage.map.get(`${STORE_KEY}_1`)!)).toHaveLength(3);
    // Tab A goes away without delivering (its lock is freed with it).
    a.calls.length = 0;
    await a.plugin.teardown();
    a.config.transportProvider.send = () => Promise.reject(new Error('tab A is gone'));
    await vi.advanceTimersByTimeAsync(1000);
    await b.plugin.flush();
    expect(b.sent().sort()).toEqual(['from-a', 'from-a', 'from-b', 'from-b', 'from-b']);
    expect(a.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(300);
    expect(queueKeys(storage)).toEqual([]);
  });
});
