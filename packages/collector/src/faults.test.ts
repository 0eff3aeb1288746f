// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { createFaults, defaultFaultBody, parseFaults } from './faults';
import { cleanup, makeEvent, startTestCollector, upload } from './test-helpers';

afterEach(cleanup);

describe('fault queue', () => {
  it('hands out each fault count times, oldest first', () => {
    const faults = createFaults();
    faults.add([{ status: 503, remaining: 2 }, { drop: true, remaining: 1 }]);
    expect([faults.take(1), faults.take(1), faults.take(1), faults.take(1)]).toEqual([{ status: 503 }, { status: 503 }, { drop: true }, undefined]);
  });

  it('applies a minEvents fault only to uploads that large, and a window to every upload until it ends', () => {
    let now = 1000;
    const faults = createFaults(() => now);
    faults.add([{ status: 413, minEvents: 10, remaining: 1 }]);
    expect(faults.take(3)).toBeUndefined();
    expect(faults.take(10)).toEqual({ status: 413 });
    expect(faults.pending()).toEqual([]);
    faults.add([{ status: 429, windowMs: 500, remaining: 1 }]);
    expect([faults.take(1), faults.take(1)]).toEqual([{ status: 429 }, { status: 429 }]);
    expect(faults.pending()).toEqual([{ status: 429, windowMs: 500, remaining: 1, until: 1500 }]);
    now = 1500;
    expect(faults.take(1)).toBeUndefined();
    expect(faults.pending()).toEqual([]);
  });

  it("keeps analytics and replay faults apart: each API consumes only its own", () => {
    const faults = createFaults();
    const parsed = parseFaults([{ api: 'replay', status: 413 }, { status: 503 }]);
    expect(parsed.ok).toBe(true);
    faults.add(parsed.ok ? parsed.faults : []);
    expect(faults.take(5)).toEqual({ status: 503 });
    expect(faults.take(5)).toBeUndefined();
    expect(faults.take(5, 'replay')).toEqual({ status: 413 });
    expect(parseFaults({ api: 'video', status: 500 })).toEqual({ ok: false, error: "Invalid fault: api must be 'events' or 'replay'" });
  });

  it('parses specs with defaults and explains invalid ones', () => {
    expect(parseFaults({ status: 500 })).toEqual({ ok: true, faults: [{ status: 500, remaining: 1 }] });
    expect(parseFaults([{ delayMs: 10, count: 2 }])).toEqual({ ok: true, faults: [{ delayMs: 10, remaining: 2 }] });
    expect(parseFaults({ status: 99 })).toEqual({ ok: false, error: 'Invalid fault: status must be an integer between 100 and 599' });
    expect(parseFaults({ status: 500, count: 0 })).toMatchObject({ ok: false, error: expect.stringContaining('count') });
    expect(parseFaults({ headers: { 'Retry-After': 1 } })).toMatchObject({ ok: false, error: expect.stringContaining('headers') });
    expect(parseFaults({})).toMatchObject({ ok: false });
    expect(parseFaults({ hang: true, minEvents: 5, windowMs: 1000 })).toEqual({ ok: true, faults: [{ hang: true, minEvents: 5, windowMs: 1000, remaining: 1 }] });
    expect(parseFaults({ status: 400, fields: ['user_id'] })).toEqual({ ok: true, faults: [{ status: 400, fields: ['user_id'], remaining: 1 }] });
    expect(parseFaults({ status: 400, fields: [] })).toMatchObject({ ok: false, error: expect.stringContaining('fields') });
    expect(parseFaults({ status: 429, windowMs: -1 })).toMatchObject({ ok: false, error: expect.stringContaining('windowMs') });
    expect(parseFaults({ status: 413, minEvents: 0 })).toMatchObject({ ok: false, error: expect.stringContaining('minEvents') });
  });

  it('builds default bodies like the service, naming throttled ids for 429', () => {
    expect(defaultFaultBody(500, [])).toEqual({ code: 500, error: 'Internal server error' });
    expect(defaultFaultBody(413, [])).toEqual({ code: 413, error: 'Payload too large' });
    expect(defaultFaultBody(429, [{ device_id: 'dev-1' }, { user_id: 'user-1', device_id: 'dev-2' }])).toEqual({
      code: 429,
      error: 'Too many requests for some devices and users',
      eps_threshold: 30,
      throttled_devices: { 'dev-1': 31, 'dev-2': 31 },
      throttled_users: { 'user-1': 31 },
      throttled_events: [0, 1],
    });
    expect(defaultFaultBody(400, [{}, {}])).toMatchObject({ events_with_invalid_fields: { event_type: [0] } });
    expect(defaultFaultBody(400, [{}, {}], ['user_id', 'time'])).toMatchObject({ events_with_invalid_fields: { user_id: [0], time: [0] } });
  });
});

describe('fault injection over HTTP', () => {
  const setFaults = (url: string, spec: unknown) =>
    fetch(`${url}/_footprint/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(spec) });

  it('answers an injected status without storing, for exactly count uploads', async () => {
    const { collector, post } = await startTestCollector();
    const set = await setFaults(collector.url, { status: 500, count: 2 });
    expect(await set.json()).toEqual({ pending: [{ status: 500, remaining: 2 }] });
    const first = await post(upload([makeEvent()]));
    expect(first.status).toBe(500);
    expect(await first.json()).toEqual({ code: 500, error: 'Internal server error' });
    expect((await post(upload([makeEvent()]))).status).toBe(500);
    expect((await post(upload([makeEvent()]))).status).toBe(200);
    expect(collector.store.events()).toHaveLength(1);
    expect(collector.store.rejected()).toMatchObject([{ status: 500, fault: true }, { status: 500, fault: true }]);
  });

  it('answers a given body and headers as is (429 with Retry-After)', async () => {
    const { collector, post } = await startTestCollector();
    const body = { code: 429, error: 'Too many requests for some devices and users', throttled_devices: { 'device-1234': 40 } };
    await setFaults(collector.url, { status: 429, body, headers: { 'Retry-After': '3' } });
    const res = await post(upload([makeEvent()]));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(await res.json()).toEqual(body);
  });

  it('delays the answer and then processes the upload normally', async () => {
    const { collector, post } = await startTestCollector();
    await setFaults(collector.url, { delayMs: 150 });
    const start = Date.now();
    const res = await post(upload([makeEvent()]));
    expect(Date.now() - start).toBeGreaterThanOrEqual(140);
    expect(res.status).toBe(200);
    expect(collector.store.events()).toHaveLength(1);
  });

  it('drops the connection so fetch rejects, storing nothing', async () => {
    const { collector, post } = await startTestCollector();
    await setFaults(collector.url, { drop: true });
    await expect(post(upload([makeEvent()]))).rejects.toThrow();
    expect(collector.store.events()).toEqual([]);
    expect(collector.store.rejected()).toMatchObject([{ status: 0, error: 'fault: connection dropped' }]);
    expect((await post(upload([makeEvent()]))).status).toBe(200);
  });

  it('hangs: no answer until the client gives up; the upload is recorded as unanswered', async () => {
    const { collector, post } = await startTestCollector();
    await setFaults(collector.url, { hang: true });
    const controller = new AbortController();
    const hung = fetch(`${collector.url}/2/httpapi`, { method: 'POST', body: JSON.stringify(upload([makeEvent()])), signal: controller.signal });
    for (let i = 0; i < 100 && collector.store.rejected().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(collector.store.rejected()).toMatchObject([{ status: 0, error: 'fault: no answer (hang)', fault: true }]);
    controller.abort();
    await expect(hung).rejects.toThrow();
    expect((await post(upload([makeEvent()]))).status).toBe(200);
  });

  it('records each upload with its duration, fault and answer, and serves its payload', async () => {
    const { collector, post } = await startTestCollector();
    await setFaults(collector.url, { status: 400, fields: ['user_id'] });
    const sent = upload([makeEvent({ insert_id: 'refused' })]);
    await post(sent);
    const [record] = collector.store.uploads();
    expect(record).toMatchObject({
      status: 400,
      fault: '400 naming user_id',
      duration_ms: expect.any(Number),
      response: { code: 400, events_with_invalid_fields: { user_id: [0] } },
    });
    const detail = await (await fetch(`${collector.url}/_footprint/uploads/${record!.id}`)).json();
    expect(detail).toEqual({ upload: record, payload: sent, kept: true });
    expect((await fetch(`${collector.url}/_footprint/uploads/nope`)).status).toBe(404);
  });

  it('lists, clears and validates pending faults', async () => {
    const { collector, post } = await startTestCollector();
    await setFaults(collector.url, [{ status: 503 }, { drop: true, count: 3 }]);
    expect(await (await fetch(`${collector.url}/_footprint/faults`)).json()).toEqual({
      pending: [{ status: 503, remaining: 1 }, { drop: true, remaining: 3 }],
    });
    await fetch(`${collector.url}/_footprint/faults`, { method: 'DELETE', headers: { 'Content-Type': 'application/json' } });
    expect(await (await fetch(`${collector.url}/_footprint/faults`)).json()).toEqual({ pending: [] });
    expect((await post(upload([makeEvent()]))).status).toBe(200);
    const bad = await setFaults(collector.url, { status: 'x' });
    expect(bad.status).toBe(400);
  });
});
