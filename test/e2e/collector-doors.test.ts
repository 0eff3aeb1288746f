import { createServer, request } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useChromium } from '../support/chromium';

// docs/collector.md "Threat model": a page on another origin, in the developer's own browser, can upload
// events but can neither read what the collector holds nor change its state; a foreign Host is refused.
const env = useChromium();
let hostile: Server;
let hostileUrl: string;

beforeAll(async () => {
  hostile = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>another site</title><p>hello');
  });
  await new Promise<void>((done) => hostile.listen(0, '127.0.0.1', done));
  hostileUrl = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((done) => hostile.close(() => done())));

const event = (insertId: string) => ({ event_type: 'Secret Viewed', device_id: 'device-1234', insert_id: insertId, event_properties: { email: 'a@b.example' } });

it('a page on another origin cannot read /_footprint/*, the stream or the inspector, nor change state; its uploads still work', async () => {
  const { collector } = env;
  await fetch(`${collector.url}/2/httpapi`, { method: 'POST', body: JSON.stringify({ api_key: 'secret-key', events: [event('before')] }) });
  const page = await env.browser.newPage();
  await page.goto(hostileUrl);
  const outcome = await page.evaluate(async (target) => {
    const attempt = async (input: string, init?: RequestInit) => {
      try {
        const res = await fetch(target + input, init);
        return res.type === 'opaque' ? 'opaque' : `${res.status} ${await res.text()}`;
      } catch {
        return 'blocked';
      }
    };
    const json = { 'Content-Type': 'application/json' };
    const stream = await new Promise<string>((done) => {
      const source = new EventSource(`${target}/_footprint/stream`);
      source.addEventListener('ingest', () => (source.close(), done('read')));
      source.onerror = () => (source.close(), done('blocked'));
    });
    return {
      events: await attempt('/_footprint/events'),
      page: await attempt('/'),
      stream,
      // "Simple" requests a page may send without a preflight: refused by the content-type rule.
      simpleReset: await attempt('/_footprint/reset', { method: 'POST', mode: 'no-cors', body: '{}' }),
      simpleFaults: await attempt('/_footprint/faults', { method: 'POST', mode: 'no-cors', body: '{"status":503,"count":99}' }),
      simpleConfig: await attempt('/_footprint/remote-config', { method: 'POST', mode: 'no-cors', body: '{"browserSDK":{"autocapture":true}}' }),
      // JSON requests: the preflight is refused, so the request itself is never sent.
      jsonReset: await attempt('/_footprint/reset', { method: 'POST', headers: json, body: '{}' }),
      jsonFaults: await attempt('/_footprint/faults', { method: 'POST', headers: json, body: '{"status":503}' }),
      upload: await attempt('/2/httpapi', { method: 'POST', headers: json, body: JSON.stringify({ api_key: 'k', events: [{ event_type: 'From Elsewhere', device_id: 'device-5678', insert_id: 'cross-origin' }] }) }),
      batch: await attempt('/batch', { method: 'POST', headers: json, body: JSON.stringify({ api_key: 'k', events: [{ event_type: 'From Elsewhere', device_id: 'device-5678', insert_id: 'cross-origin-batch' }] }) }),
    };
  }, collector.url);
  await page.close();

  expect(outcome).toMatchObject({
    events: 'blocked',
    page: 'blocked',
    stream: 'blocked',
    // Sent (the browser cannot know before), refused with 415, and unreadable (CORP same-origin rejects it).
    simpleReset: 'blocked',
    simpleFaults: 'blocked',
    simpleConfig: 'blocked',
    jsonReset: 'blocked',
    jsonFaults: 'blocked',
    upload: expect.stringMatching(/^200 \{"code":200,"events_ingested":1,/),
    batch: expect.stringMatching(/^200 /),
  });
  // Nothing changed: the old event is still there, no fault is pending, no remote config is set.
  const received = await collector.received();
  expect(received.events.map((e) => e.insert_id)).toEqual(['before', 'cross-origin', 'cross-origin-batch']);
  expect(await (await fetch(`${collector.url}/_footprint/faults`)).json()).toEqual({ pending: [] });
  expect(await (await fetch(`${collector.url}/_footprint/remote-config`)).json()).toEqual({ configs: {} });
});

it('refuses a foreign Host (DNS rebinding) on the private routes, but not on ingestion', async () => {
  const { collector } = env;
  const raw = (path: string, host: string, method = 'GET', body?: string) =>
    new Promise<{ status: number; body: string }>((done, fail) => {
      const req = request({ host: '127.0.0.1', port: new URL(collector.url).port, path, method, headers: { Host: host, 'Content-Type': 'application/json' }, setHost: false }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => done({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', fail);
      req.end(body);
    });
  const rebound = `rebound.example:${new URL(collector.url).port}`;
  for (const path of ['/', '/_footprint/events', '/_footprint/stream', '/_footprint/faults', '/_footprint/remote-config']) {
    const answer = await raw(path, rebound);
    expect(answer.status, path).toBe(403);
    expect(JSON.parse(answer.body).error, path).toMatch(/^Forbidden: Host "rebound\.example:\d+" is not allowed here/);
  }
  expect((await raw('/_footprint/reset', rebound, 'POST', '{}')).status).toBe(403);
  const upload = await raw('/2/httpapi', rebound, 'POST', JSON.stringify({ api_key: 'k', events: [event('rebound')] }));
  expect(upload.status).toBe(200);
  expect((await env.collector.events()).map((e) => e.insert_id)).toEqual(['rebound']);
});

it('the collector\'s own inspector still reads the stream and resets through the doors', async () => {
  const page = await env.browser.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${env.collector.url}/`);
  await fetch(`${env.collector.url}/2/httpapi`, { method: 'POST', body: JSON.stringify({ api_key: 'k', events: [event('shown')] }) });
  await page.waitForSelector('[data-testid="event-row"][data-insert-id="shown"]');
  await page.click('[data-testid="reset"]');
  await env.collector.waitFor((events) => events.length === 0);
  await page.close();
});
