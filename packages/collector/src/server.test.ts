// @vitest-environment node
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { startCollector } from './server';
import { EVENTS_FILE } from './store';
import { cleanup, makeEvent, startTestCollector, tempDir, upload } from './test-helpers';

afterEach(cleanup);

describe('POST /2/httpapi', () => {
  it('stores a valid batch and answers the HTTP V2 success body', async () => {
    const { collector, post } = await startTestCollector();
    const events = [makeEvent(), makeEvent({ event_type: 'Page Viewed', user_id: 'user-1234' })];
    const before = Date.now();
    const res = await post(upload(events, { client_upload_time: '2024-01-01T00:00:00.000Z', options: { min_id_length: 5 } }));
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body).toEqual({ code: 200, events_ingested: 2, payload_size_bytes: expect.any(Number), server_upload_time: expect.any(Number) });
    expect(body.server_upload_time).toBeGreaterThanOrEqual(before);
    expect(body.payload_size_bytes).toBeGreaterThan(100);
    const stored = collector.store.events();
    expect(stored.map((e) => e.insert_id)).toEqual(events.map((e) => e.insert_id));
    expect(stored[0]).toMatchObject({ ...events[0], api_key: 'test-key', received_at: expect.any(Number), upload_id: expect.any(String) });
  });

  it('accepts /batch too', async () => {
    const { collector } = await startTestCollector();
    const res = await fetch(`${collector.url}/batch`, { method: 'POST', body: JSON.stringify(upload([makeEvent()])) });
    expect(res.status).toBe(200);
    expect(collector.store.uploads()).toMatchObject([{ path: '/batch', status: 200, events: 1, gzip: false }]);
  });

  it('accepts a gzip body', async () => {
    const { collector, post } = await startTestCollector();
    const raw = gzipSync(JSON.stringify(upload([makeEvent({ insert_id: 'zipped' })])));
    const res = await post(new Uint8Array(raw), { 'Content-Encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(collector.store.events().map((e) => e.insert_id)).toEqual(['zipped']);
    expect(collector.store.uploads()[0]).toMatchObject({ gzip: true, bytes: raw.length });
  });

  it('rejects the whole request with the indices of invalid events and stores nothing', async () => {
    const { collector, post } = await startTestCollector();
    const res = await post(upload([makeEvent(), makeEvent({ time: '2024-01-01T00:00:00Z' }), makeEvent({ device_id: 'abc' })]));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 400,
      error: 'Invalid id length for user_id or device_id',
      events_with_invalid_id_lengths: { device_id: [2] },
      events_with_invalid_fields: { time: [1] },
    });
    expect(collector.store.events()).toEqual([]);
    expect(collector.store.rejected()).toMatchObject([{ status: 400, error: 'Invalid id length for user_id or device_id', events: 3, fault: false }]);
  });

  it('answers malformed JSON with a clear 400 and keeps serving', async () => {
    const { post } = await startTestCollector();
    const res = await post('{"api_key": "k", "events": [');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 400, error: 'Invalid JSON request body' });
    expect((await post('')).status).toBe(400);
    expect((await post(upload([makeEvent()]))).status).toBe(200);
  });

  it('answers 413 for a body over maxPayloadBytes, before or after decompression', async () => {
    const { collector, post } = await startTestCollector({ maxPayloadBytes: 2000 });
    const big = upload([makeEvent({ event_properties: { blob: 'x'.repeat(3000) } })]);
    const res = await post(big);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ code: 413, error: 'Payload too large' });
    const zipped = await post(new Uint8Array(gzipSync(JSON.stringify(big))), { 'Content-Encoding': 'gzip' });
    expect(zipped.status).toBe(413);
    expect((await post(upload([makeEvent()]))).status).toBe(200);
    expect(collector.store.events()).toHaveLength(1);
  });

  it('answers 413 for more events than maxEventsPerRequest', async () => {
    const { collector, post } = await startTestCollector({ maxEventsPerRequest: 3 });
    const res = await post(upload([makeEvent(), makeEvent(), makeEvent(), makeEvent()]));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ code: 413, error: 'Payload too large' });
    expect(collector.store.events()).toEqual([]);
  });

  it('acknowledges a repeated insert_id, stores it once and counts the duplicate', async () => {
    const { collector, post } = await startTestCollector();
    const event = makeEvent({ insert_id: 'same-id' });
    expect(await (await post(upload([event]))).json()).toMatchObject({ events_ingested: 1 });
    const again = await post(upload([event, makeEvent()]));
    expect(await again.json()).toMatchObject({ code: 200, events_ingested: 2 });
    expect(collector.store.events().filter((e) => e.insert_id === 'same-id')).toHaveLength(1);
    const snapshot = await (await fetch(`${collector.url}/_footprint/events`)).json();
    expect(snapshot.duplicates).toBe(1);
    expect(snapshot.duplicates_by_insert_id).toEqual({ 'same-id': 1 });
  });

  it('with dedupe: false stores each copy; the events API counts the repeats and names the upload of each copy', async () => {
    const { collector, post } = await startTestCollector({ dedupe: false });
    const event = makeEvent({ insert_id: 'sent-twice' });
    await post(upload([event]));
    expect(await (await post(upload([event]))).json()).toMatchObject({ code: 200, events_ingested: 1 });
    const snapshot = await (await fetch(`${collector.url}/_footprint/events`)).json();
    const copies = snapshot.events.filter((e: { insert_id: string }) => e.insert_id === 'sent-twice');
    expect(copies).toHaveLength(2);
    expect(new Set(copies.map((e: { upload_id: string }) => e.upload_id))).toEqual(new Set(snapshot.uploads.map((u: { id: string }) => u.id)));
    expect(snapshot.duplicates).toBe(1);
    expect(snapshot.duplicates_by_insert_id).toEqual({ 'sent-twice': 1 });
  });

  it('keeps events and the de-dup index across a restart on the same data dir', async () => {
    const dataDir = await tempDir();
    const first = await startTestCollector({ dataDir });
    const event = makeEvent({ insert_id: 'survivor' });
    await first.post(upload([event]));
    await first.collector.close();
    const second = await startTestCollector({ dataDir });
    expect(second.collector.store.events().map((e) => e.insert_id)).toEqual(['survivor']);
    await second.post(upload([event]));
    expect(second.collector.store.events()).toHaveLength(1);
    expect(second.collector.store.duplicates()).toBe(1);
  });

  it('announces events and replays kept from earlier runs, and starts empty with fresh: true', async () => {
    const dataDir = await tempDir();
    const first = await startTestCollector({ dataDir });
    await first.post(upload([makeEvent(), makeEvent()]));
    const replay = await fetch(`${first.collector.url}/sessions/v2/track?device_id=d-1&session_id=1700000000000&type=replay`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer k' },
      body: JSON.stringify({ version: 1, events: [JSON.stringify({ type: 4, timestamp: 1, data: {} })] }),
    });
    expect(replay.status).toBe(200);
    await first.collector.close();
    const second = await startTestCollector({ dataDir });
    expect(second.lines).toContain(`footprint collector: 2 events and 1 session replay kept from earlier runs in ${dataDir} (start with --fresh to begin empty)`);
    await second.collector.close();
    const third = await startTestCollector({ dataDir, fresh: true });
    expect(third.lines).toContain('footprint collector: started fresh; deleted 2 events and 1 session replay kept from earlier runs');
    expect(third.collector.store.events()).toEqual([]);
    expect(await readFile(join(dataDir, EVENTS_FILE), 'utf8')).toBe('');
    expect(await (await fetch(`${third.collector.url}/_footprint/replays`)).json()).toEqual({ replays: [] });
    await third.collector.close();
    const fourth = await startTestCollector({ dataDir });
    expect(fourth.lines.filter((line) => line.includes('earlier runs'))).toEqual([]);
    const empty = await startTestCollector({ dataDir: await tempDir() });
    expect(empty.lines.filter((line) => line.includes('earlier runs'))).toEqual([]);
  });

  it('logs and skips a corrupt line in the data file on start', async () => {
    const dataDir = await tempDir();
    await appendFile(join(dataDir, EVENTS_FILE), 'not json\n');
    const { collector, lines } = await startTestCollector({ dataDir });
    expect(collector.store.events()).toEqual([]);
    expect(lines.some((line) => line.includes('line 1 is corrupt'))).toBe(true);
  });
});

describe('HTTP surface', () => {
  it('answers a CORS preflight with 204 and the requested headers', async () => {
    const { collector } = await startTestCollector();
    const res = await fetch(`${collector.url}/2/httpapi`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://app.test', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-custom' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://app.test');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('Content-Type, Content-Encoding, Accept, x-custom');
  });

  it('puts CORS headers on errors too, and answers unknown paths 404 and wrong methods 405', async () => {
    const { collector } = await startTestCollector();
    const missing = await fetch(`${collector.url}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('access-control-allow-origin')).toBe('*');
    expect(await missing.json()).toEqual({ code: 404, error: 'Invalid request path' });
    const wrong = await fetch(`${collector.url}/2/httpapi`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it('serves a favicon, so pages it serves log no 404', async () => {
    const { collector } = await startTestCollector();
    for (const path of ['/favicon.ico', '/favicon.svg']) {
      const res = await fetch(`${collector.url}${path}`, { headers: { Origin: 'http://app.test' } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/svg+xml');
      expect(await res.text()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    }
  });

  it('serves the inspector page at /', async () => {
    const { collector } = await startTestCollector();
    const res = await fetch(`${collector.url}/`);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await res.text()).toContain('/_footprint/inspector/main.js');
    const main = await fetch(`${collector.url}/_footprint/inspector/main.js`);
    expect(main.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await main.text()).toContain("new EventSource('/_footprint/stream')");
    expect((await fetch(`${collector.url}/_footprint/inspector/../server.ts`)).status).toBe(404);
    expect((await fetch(`${collector.url}/_footprint/inspector/nope.js`)).status).toBe(404);
  });

  it('filters /_footprint/events by event_type and reset clears memory and file', async () => {
    const { collector, post } = await startTestCollector();
    await post(upload([makeEvent({ event_type: 'a' }), makeEvent({ event_type: 'b' })]));
    const filtered = await (await fetch(`${collector.url}/_footprint/events?event_type=b`)).json();
    expect(filtered.events.map((e: { event_type: string }) => e.event_type)).toEqual(['b']);
    expect(filtered.uploads).toMatchObject([{ path: '/2/httpapi', status: 200, events: 2 }]);
    expect((await fetch(`${collector.url}/_footprint/reset`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(200);
    expect(await (await fetch(`${collector.url}/_footprint/events`)).json()).toEqual({
      events: [], duplicates: 0, duplicates_by_insert_id: {}, uploads: [], rejected: [],
    });
  });

  it('rejects a busy port with a one-line message', async () => {
    const { collector } = await startTestCollector();
    const error = await startCollector({ port: collector.port, dataDir: await tempDir(), log: () => {} }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(`port ${collector.port} is already in use on 127.0.0.1; pass --port or set PORT`);
  });
});
