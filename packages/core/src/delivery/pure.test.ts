import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from './backoff';
import { chunkByBytes, pickBatch } from './batch';
import { FLIGHT, makeEntry, QUEUED, utf8Length, type State } from './entry';
import { envelope } from './upload';
import type { Config } from '../types';
import { classifyAnswer, DONE, REQUEUE, RETRY, SPLIT } from './classify';
import { isVendorUrl, serverUrlFor } from './server-url';

describe('backoffDelay', () => {
  const limits = { baseMs: 1000, maxMs: 8000 };
  it('doubles per attempt and stays within the jittered upper half', () => {
    for (const [attempt, exp] of [[1, 1000], [2, 2000], [3, 4000], [4, 8000]] as const) {
      expect(backoffDelay(attempt, limits, () => 0)).toBe(exp / 2);
      expect(backoffDelay(attempt, limits, () => 0.999999)).toBe(exp);
    }
  });
  it('never exceeds the cap however many attempts', () => {
    expect(backoffDelay(40, limits, () => 1)).toBe(8000);
    expect(backoffDelay(40, limits, () => 0)).toBe(4000);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, clamped to the maximum', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now, 60_000)).toBe(2000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', now, 60_000)).toBe(5000);
    expect(parseRetryAfter('3600', now, 60_000)).toBe(60_000);
    expect(parseRetryAfter('-4', now, 60_000)).toBe(0);
    expect(parseRetryAfter('soon', now, 60_000)).toBeUndefined();
    expect(parseRetryAfter(undefined, now, 60_000)).toBeUndefined();
  });
});

describe('serverUrlFor', () => {
  it('uses serverUrl first, then zone and useBatch', () => {
    expect(serverUrlFor({})).toBe('https://api2.amplitude.com/2/httpapi');
    expect(serverUrlFor({ serverZone: 'EU' })).toBe('https://api.eu.amplitude.com/2/httpapi');
    expect(serverUrlFor({ serverZone: 'EU', useBatch: true })).toBe('https://api.eu.amplitude.com/batch');
    expect(serverUrlFor({ serverUrl: 'https://proxy.test/x', serverZone: 'EU', useBatch: true })).toBe('https://proxy.test/x');
    expect(isVendorUrl('https://api2.amplitude.com/batch')).toBe(true);
    expect(isVendorUrl('https://proxy.test/x')).toBe(false);
    for (const url of ['https://api2.amplitude.com/2/httpapi', 'https://api.eu.amplitude.com/2/httpapi', 'https://api.eu.amplitude.com/batch']) expect(isVendorUrl(url)).toBe(true);
    for (const url of ['https://api2.amplitude.com/2/httpapi/x', 'http://api2.amplitude.com/2/httpapi', 'https://api2xamplitude.com/batch', 'https://api2.amplitude.com.evil.test/batch']) expect(isVendorUrl(url)).toBe(false);
  });
});

const entry = (i: number, extra: Record<string, unknown> = {}) => ({ event: { device_id: `dev-${i % 2}` }, bytes: 100, state: QUEUED as State, id: i, ...extra });

describe('pickBatch', () => {
  const base = { maxCount: 3, maxBytes: 1e6, holds: new Map<string, number>(), now: 1000 };
  it('takes queued entries in order up to the batch size', () => {
    const q = [entry(0), entry(1, { state: FLIGHT }), entry(2), entry(3), entry(4)];
    expect(pickBatch(q, base).map((e) => e.id)).toEqual([0, 2, 3]);
  });
  it('skips held devices so their order is kept, and takes them again once the hold expires', () => {
    const q = [0, 1, 2, 3, 4, 5].map((i) => entry(i));
    const holds = new Map([['d:dev-0', 2000]]);
    expect(pickBatch(q, { ...base, holds }).map((e) => e.id)).toEqual([1, 3, 5]);
    expect(pickBatch(q, { ...base, holds, now: 2000 }).map((e) => e.id)).toEqual([0, 1, 2]);
  });
  it('honours a halved limit without changing the configured size', () => {
    const q = [entry(0, { limit: 2 }), entry(1, { limit: 2 }), entry(2, { limit: 2 }), entry(3)];
    expect(pickBatch(q, base).map((e) => e.id)).toEqual([0, 1]);
    expect(pickBatch(q.slice(2), base).map((e) => e.id)).toEqual([2, 3]);
    expect(pickBatch(q.slice(3), base).map((e) => e.id)).toEqual([3]);
  });
  it('stops before the byte limit but always takes at least one', () => {
    const q = [entry(0, { bytes: 600 }), entry(1, { bytes: 600 })];
    expect(pickBatch(q, { ...base, maxBytes: 1000 }).length).toBe(1);
    expect(pickBatch([entry(0, { bytes: 5000 })], { ...base, maxBytes: 1000 }).length).toBe(1);
  });
});

describe('chunkByBytes and utf8Length', () => {
  it('splits into consecutive chunks under the limit', () => {
    const sizes = [400, 400, 400, 900, 100].map((bytes, id) => ({ bytes, id }));
    expect(chunkByBytes(sizes, 1000).map((c) => c.map((e) => e.id))).toEqual([[0, 1], [2], [3, 4]]);
  });
  it('counts UTF-8 bytes', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
    expect(utf8Length('a😀é')).toBe(new TextEncoder().encode('a😀é').length);
    const long = `{"e":"${'x'.repeat(500)}\u007f"}`;
    expect(utf8Length(long)).toBe(long.length);
    expect(utf8Length(`${long}ü`)).toBe(long.length + 2);
  });
});

describe('envelope', () => {
  it('gives the UTF-8 length of the body it builds, from the entries’ lengths', () => {
    const entries = [makeEntry({ event_type: 'Café ☕', event_properties: { emoji: '😀' } }), makeEntry({ event_type: 'plain' })];
    for (const config of [{ apiKey: 'key' }, { apiKey: 'clé-🔑', minIdLength: 3 }] as Config[]) {
      const { body, bytes, payload } = envelope(config, entries);
      expect(bytes).toBe(new TextEncoder().encode(body).length);
      expect(JSON.parse(body)).toEqual(JSON.parse(JSON.stringify(payload)));
    }
    expect(envelope({ apiKey: 'k' } as Config, []).bytes).toBe(envelope({ apiKey: 'k' } as Config, []).body.length);
  });
});

describe('classifyAnswer', () => {
  const events = [{ event_type: 'a', device_id: 'd1', user_id: 'u1' }, { event_type: 'b', device_id: 'd2' }, { event_type: 'c', device_id: 'd3', user_id: 'u3' }];
  const now = 0;
  const classify = (status: number, body: unknown, headers?: Record<string, string>) => classifyAnswer({ status, body, headers }, events, now, 60_000);

  it('2xx is done; the body code wins over the HTTP status', () => {
    expect(classify(200, { code: 200 }).action).toBe(DONE);
    expect(classify(200, { code: 500 }).action).toBe(RETRY);
    expect(classify(204, '').action).toBe(DONE);
  });
  it('a missing answer is a transient failure with code 0', () => {
    expect(classifyAnswer(null, events, now, 1000)).toMatchObject({ action: RETRY, code: 0 });
  });
  it('400 drops only the events the server names, with the field', () => {
    const v = classify(400, { code: 400, error: 'Invalid field values on some events', events_with_invalid_fields: { time: [1] }, events_with_invalid_id_lengths: { user_id: [2] } });
    expect(v.action).toBe(REQUEUE);
    expect([...v.drop.keys()].sort()).toEqual([1, 2]);
    expect(v.drop.get(1)).toBe('Invalid field values on some events (time)');
  });
  it('400 drops the whole batch for an invalid API key or a missing top-level field', () => {
    expect(classify(400, { code: 400, error: 'Invalid API key: x' }).drop.size).toBe(3);
    expect(classify(400, { code: 400, error: 'Request missing required field', missing_field: 'api_key' }).drop.size).toBe(3);
  });
  it('400 naming no event bisects instead of dropping valid neighbours', () => {
    expect(classify(400, { code: 400, error: 'Invalid JSON request body' })).toMatchObject({ action: SPLIT, drop: new Map() });
  });
  it('413 splits', () => expect(classify(413, { code: 413, error: 'Payload too large' }).action).toBe(SPLIT));
  it('429 holds throttled users and devices, drops daily-quota ones', () => {
    const v = classify(429, { code: 429, error: 'Too many requests for some devices and users', throttled_devices: { d1: 31 }, throttled_users: {}, exceeded_daily_quota_users: { u3: 1 }, throttled_events: [0] }, { 'Retry-After': '2' });
    expect(v.action).toBe(REQUEUE);
    expect(v.hold).toEqual({ users: [], devices: ['d1'] });
    expect([...v.drop.keys()]).toEqual([2]);
    expect(v.retryAfterMs).toBe(2000);
  });
  it('429 naming nobody backs off like a transient failure', () => {
    expect(classify(429, 'Too Many Requests').action).toBe(RETRY);
  });
  it('408, 5xx and other 4xx are transient', () => {
    for (const status of [408, 500, 502, 503, 504, 403, 404]) expect(classify(status, { code: status }).action).toBe(RETRY);
    expect(classify(503, 'x', { 'retry-after': '7' }).retryAfterMs).toBe(7000);
  });
});
