import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startTestCollector, type StoredEvent, type TestCollector } from '../support/collector';

const EVENT = '[Amplitude] Network Request';

// The app's API, on another origin than the page (so CORS applies as in real life): fixed statuses,
// a JSON endpoint, a stream that arrives in three parts 150 ms apart, and a connection that drops.
const startApi = async () => {
  const server: Server = createServer((req, res) => {
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, POST, PUT, DELETE',
      'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
      'access-control-expose-headers': 'etag, x-secret',
    };
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
    const status = /^\/status\/(\d+)$/.exec(path);
    if (status) {
      const body = `{"status":${status[1]}}`;
      return res.writeHead(Number(status[1]), { ...cors, 'content-type': 'application/json', 'content-length': body.length }).end(body);
    }
    if (path === '/json') {
      req.resume();
      const body = JSON.stringify({ items: [{ id: 1, name: 'a' }, { id: 2, name: 'b' }], total: 2, token: 't' });
      return res.writeHead(200, { ...cors, 'content-type': 'application/json', 'content-length': body.length, etag: '"v1"', 'x-secret': 's' }).end(body);
    }
    if (path === '/stream') {
      res.writeHead(200, { ...cors, 'content-type': 'application/json' });
      const parts = ['{"parts":[', '1,2,', '3]}'];
      const next = () => {
        res.write(parts.shift());
        if (parts.length) setTimeout(next, 150);
        else res.end();
      };
      return next();
    }
    if (path === '/drop') return req.socket.destroy();
    res.writeHead(404, cors).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(r)) };
};

describe('network capture in Chromium', () => {
  let collector: TestCollector;
  let api: Awaited<ReturnType<typeof startApi>>;
  let browser: Browser;

  beforeAll(async () => {
    [collector, api, browser] = await Promise.all([startTestCollector(), startApi(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await collector?.close();
  });

  const open = async (sdk: boolean): Promise<Page> => {
    const page = await browser.newPage();
    await page.goto(`${collector.url}/fixtures/network-capture/?sdk=${sdk ? 1 : 0}`);
    await page.waitForFunction(() => (window as any).ready);
    return page;
  };
  const run = (page: Page) => page.evaluate((base) => (window as any).scenario(base), api.url);

  let events: StoredEvent[] = [];
  let withSdk: Record<string, any>;
  let without: Record<string, any>;
  let page: Page;
  const pageErrors: Error[] = [];

  it('the app sees the same results, exceptions, `this` and stream reads with and without the plugin', async () => {
    const plain = await open(false);
    without = await run(plain);
    await plain.close();

    page = await open(true);
    page.on('pageerror', (e) => pageErrors.push(e));
    expect(await page.evaluate(() => window.fetch !== (window as any).originals.fetch)).toBe(true);
    withSdk = await run(page);

    expect(withSdk).toEqual(without);
    // The scenario really exercised what it claims to.
    expect(without.f404).toMatchObject({ status: 404, body: '{"status":404}', used: true });
    expect(without.fDrop).toEqual({ sync: 'returned', error: 'TypeError:TypeError:Failed to fetch' });
    expect(without.fBadUrl.error).toMatch(/^TypeError:/);
    expect(without['fWrongThis']).toMatchObject({ error: expect.stringMatching(/^TypeError:TypeError:.*Illegal invocation/) });
    expect(without.stream).toEqual({ status: 200, text: '{"parts":[1,2,3]}', firstChunkBeforeEnd: true });
    expect(without.x200).toMatchObject({ status: 200, keys: [], thisOk: true, states: [1, 2, 3, 4] });
    expect(without.xDrop).toMatchObject({ status: 0, text: '' });
    expect(without.xUnopened.error).toMatch(/^DOMException:InvalidStateError:/);
    expect(without.xBadMethod.error).toMatch(/^DOMException:SyntaxError:/);
    expect(pageErrors).toEqual([]);
  });

  it('tracks the documented properties for 4xx/5xx, network errors, a JSON body and a stream', async () => {
    // f404 f500 fDrop fBadUrl fWrongThis fRequest fJson stream x404 x500 xDrop
    events = (await collector.waitFor((evs) => evs.filter((e) => e.event_type === EVENT).length >= 11)).filter((e) => e.event_type === EVENT);
    const find = (url: string, type: string, status?: number) =>
      events.find((e) => e.event_properties!['[Amplitude] URL'] === url && e.event_properties!['[Amplitude] Request Type'] === type && (status === undefined || e.event_properties!['[Amplitude] Status Code'] === status))
        ?.event_properties;

    const f500 = find(`${api.url}/status/500`, 'fetch')!;
    expect(f500).toMatchObject({
      '[Amplitude] URL Query': 'token=*****&page=2',
      '[Amplitude] URL Fragment': '',
      '[Amplitude] Request Method': 'GET',
      '[Amplitude] Status Code': 500,
      '[Amplitude] Response Body Size': 14,
    });
    expect(f500['[Amplitude] Duration']).toBeGreaterThanOrEqual(0);
    expect(f500['[Amplitude] Completion Time'] - f500['[Amplitude] Start Time']).toBe(f500['[Amplitude] Duration']);
    expect(Math.abs(f500['[Amplitude] Start Time'] - Date.now())).toBeLessThan(60_000);

    expect(find(`${api.url}/status/404`, 'fetch')).toMatchObject({ '[Amplitude] Status Code': 404 });
    expect(find(`${api.url}/status/503`, 'fetch')).toMatchObject({ '[Amplitude] Request Method': 'DELETE', '[Amplitude] Status Code': 503 });
    expect(find(`${api.url}/drop`, 'fetch')).toMatchObject({ '[Amplitude] Status Code': 0, '[Amplitude] Error Code': 'TypeError', '[Amplitude] Error Message': 'Failed to fetch' });
    expect(find('http://[bad', 'fetch')).toMatchObject({ '[Amplitude] Status Code': 0, '[Amplitude] Error Code': 'TypeError' });

    expect(find(`${api.url}/json`, 'fetch')).toMatchObject({
      '[Amplitude] Request Method': 'POST',
      '[Amplitude] Status Code': 200,
      '[Amplitude] Request Body Size': 39,
      '[Amplitude] Request Body': '{"user":{"name":"ann"}}',
      '[Amplitude] Response Body': '{"items":[{"id":1},{"id":2}],"total":2}',
      '[Amplitude] Request Headers': { 'x-test': 'yes' },
      '[Amplitude] Response Headers': { 'content-type': 'application/json', 'content-length': '73', etag: '"v1"' },
    });
    // No Content-Length on the stream: its size is what reading the clone counted.
    expect(find(`${api.url}/stream`, 'fetch')).toMatchObject({ '[Amplitude] Status Code': 200, '[Amplitude] Response Body': '{"parts":[1,2,3]}', '[Amplitude] Response Body Size': 17 });
    // `fetch.call({}, …)` rejects (Illegal invocation) before any request: a status-0 failure, as the app saw it.
    expect(find(`${api.url}/status/202`, 'fetch')).toMatchObject({ '[Amplitude] Status Code': 0, '[Amplitude] Error Code': 'TypeError' });

    expect(find(`${api.url}/status/404`, 'xhr')).toMatchObject({ '[Amplitude] Status Code': 404, '[Amplitude] Response Body Size': 14 });
    expect(find(`${api.url}/status/500`, 'xhr')).toMatchObject({ '[Amplitude] Request Method': 'POST', '[Amplitude] Status Code': 500, '[Amplitude] Request Body Size': 7 });
    expect(find(`${api.url}/drop`, 'xhr')).toMatchObject({ '[Amplitude] Status Code': 0, '[Amplitude] Error Code': 'NetworkError' });

    // Not captured: 2xx outside the rules, and never the SDK's own uploads.
    expect(find(`${api.url}/status/200`, 'fetch')).toBeUndefined();
    expect(find(`${api.url}/status/200`, 'xhr')).toBeUndefined();
    expect(find(`${api.url}/status/201`, 'fetch')).toBeUndefined();
    expect(events.filter((e) => String(e.event_properties!['[Amplitude] URL']).startsWith(collector.url))).toEqual([]);
    expect(events).toHaveLength(11);
  });

  it('removing the plugin restores window.fetch and XMLHttpRequest.prototype methods', async () => {
    const restored = await page.evaluate(async () => {
      const w = window as any;
      await w.client.remove('@footprint/plugin-network-capture').promise;
      const proto = XMLHttpRequest.prototype;
      return [w.fetch === w.originals.fetch, proto.open === w.originals.open, proto.send === w.originals.send, proto.setRequestHeader === w.originals.setRequestHeader];
    });
    expect(restored).toEqual([true, true, true, true]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
