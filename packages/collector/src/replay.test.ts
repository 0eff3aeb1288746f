// @vitest-environment node
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { startCollector } from './server';
import { cleanup, startTestCollector } from './test-helpers';

const rr = (type: number, timestamp: number, data: unknown = {}) => JSON.stringify({ type, timestamp, data });
const body = (...events: string[]) => JSON.stringify({ version: 1, events });

describe('POST /sessions/v2/track', () => {
  afterEach(cleanup);

  it('stores gzip uploads with a Bearer key and text/plain beacons with api_key, per device and session, durably', async () => {
    const { collector, dataDir } = await startTestCollector();
    const url = `${collector.url}/sessions/v2/track?device_id=dev-1&session_id=1700000000000&type=replay`;
    const gz = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', Authorization: 'Bearer key-1', Origin: 'https://shop.example' },
      body: gzipSync(body(rr(4, 1), rr(2, 2))),
    });
    expect(gz.status).toBe(200);
    expect(gz.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(gz.headers.get('access-control-expose-headers')).toContain('X-Session-Replay-Event-Skipped');
    const beacon = await fetch(`${url}&api_key=key-1`, { method: 'POST', headers: { 'Content-Type': 'text/plain;charset=UTF-8' }, body: body(rr(3, 3), rr(4, 1)) });
    expect(await beacon.json()).toMatchObject({ events_ingested: 1, duplicates: 1 });
    await collector.close();

    const again = await startCollector({ port: 0, dataDir, log: () => {} });
    try {
      const { replays } = await (await fetch(`${again.url}/_footprint/replays`)).json();
      expect(replays).toEqual([expect.objectContaining({ device_id: 'dev-1', session_id: 1700000000000, api_key: 'key-1', events: 3, duplicates: 1, first: 1, last: 3 })]);
      const one = await (await fetch(`${again.url}/_footprint/replays/dev-1/1700000000000`)).json();
      expect(one.replay.map((e: { type: number }) => e.type)).toEqual([4, 2, 3]);
    } finally {
      await again.close();
    }
  });

  it('refuses uploads without a key, ids or rrweb events', async () => {
    const { collector } = await startTestCollector();
    const base = `${collector.url}/sessions/v2/track`;
    const post = (q: string, b: string, headers: Record<string, string> = { Authorization: 'Bearer k' }) => fetch(base + q, { method: 'POST', headers, body: b }).then((r) => r.status);
    expect(await post('?device_id=d&session_id=1', body(rr(4, 1)), {})).toBe(401);
    expect(await post('?device_id=d', body(rr(4, 1)))).toBe(400);
    expect(await post('?device_id=d&session_id=1', body('{"no":1}'))).toBe(400);
    expect(await post('?device_id=d&session_id=1', '{')).toBe(400);
  });

  it('keeps the replay list and viewer behind the private door, and serves the replayer locally', async () => {
    const { collector } = await startTestCollector();
    expect((await fetch(`${collector.url}/_footprint/replays`, { headers: { Origin: 'https://evil.example' } })).status).toBe(403);
    const viewer = await fetch(`${collector.url}/_footprint/replay`);
    expect(await viewer.text()).toContain('/_footprint/replay/replay.js');
    const js = await fetch(`${collector.url}/_footprint/replay/replay.js`);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(await js.text()).toContain('Replayer');
  });
});
