// @vitest-environment node
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { parseHost } from './doors';
import { cleanup, makeEvent, startTestCollector, upload } from './test-helpers';

afterEach(cleanup);

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so the test controls the Host header (fetch does not let it be set). */
function raw(url: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawAnswer> {
  const { port } = new URL(url);
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers, setHost: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end(options.body);
  });
}

const json = { 'Content-Type': 'application/json' };

describe('the private door (inspector page and /_footprint/*)', () => {
  it('answers the loopback names with the port, and refuses any other Host with a one-line reason', async () => {
    const { collector } = await startTestCollector();
    const host = (name: string) => ({ Host: `${name}:${collector.port}` });
    for (const name of ['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]']) {
      expect((await raw(collector.url, '/_footprint/events', { headers: host(name) })).status).toBe(200);
    }
    for (const header of ['attacker.example:' + collector.port, `127.0.0.1:${collector.port + 1}`, '127.0.0.1', 'localhost.attacker.example']) {
      const answer = await raw(collector.url, '/_footprint/events', { headers: { Host: header, Origin: 'http://attacker.example' } });
      expect(answer.status, header).toBe(403);
      const body = JSON.parse(answer.body);
      expect(body.error).toMatch(/^Forbidden: Host .* is not allowed here; .*--allowed-host NAME$/);
      expect(body.error).not.toContain('\n');
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect((await raw(collector.url, '/', { headers: { Host: 'rebound.example:80' } })).status).toBe(403);
  });

  it('accepts hosts named by allowedHosts on any port', async () => {
    const { collector } = await startTestCollector({ allowedHosts: ['devbox.lan'] });
    expect((await raw(collector.url, '/_footprint/events', { headers: { Host: `devbox.lan:${collector.port}` } })).status).toBe(200);
    expect((await raw(collector.url, '/', { headers: { Host: 'devbox.lan' } })).status).toBe(200);
    expect((await raw(collector.url, '/', { headers: { Host: 'other.lan' } })).status).toBe(403);
  });

  it('refuses a foreign Origin, its preflight and its private-network preflight, without echoing it', async () => {
    const { collector } = await startTestCollector();
    const own = { Host: `127.0.0.1:${collector.port}` };
    const foreign = { ...own, Origin: 'http://attacker.example' };
    const preflight = await raw(collector.url, '/_footprint/reset', {
      method: 'OPTIONS',
      headers: { ...foreign, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type', 'Access-Control-Request-Private-Network': 'true' },
    });
    expect(preflight.status).toBe(403);
    for (const name of ['access-control-allow-origin', 'access-control-allow-private-network', 'access-control-allow-methods']) {
      expect(preflight.headers[name], name).toBeUndefined();
    }
    const read = await raw(collector.url, '/_footprint/events', { headers: foreign });
    expect(read.status).toBe(403);
    expect(read.body).not.toContain('attacker.example');
    expect(JSON.parse(read.body).error).toBe("Forbidden: another origin may not read or change the collector's data");
    // A page on localhost:3000 is another origin too, although the same site.
    expect((await raw(collector.url, '/_footprint/events', { headers: { ...own, Origin: 'http://127.0.0.1:3000' } })).status).toBe(403);
    // The collector's own page may.
    expect((await raw(collector.url, '/_footprint/events', { headers: { ...own, Origin: collector.url } })).status).toBe(200);
  });

  it('refuses no-cors subresource requests from another site, but lets a link open the inspector', async () => {
    const { collector } = await startTestCollector();
    const own = { Host: `127.0.0.1:${collector.port}` };
    const script = await raw(collector.url, '/_footprint/events', { headers: { ...own, 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors' } });
    expect(script.status).toBe(403);
    const link = await raw(collector.url, '/', { headers: { ...own, 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate' } });
    expect(link.status).toBe(200);
    expect(link.headers['x-frame-options']).toBe('DENY');
  });

  it('needs Content-Type: application/json to change state, so no page can send a simple request', async () => {
    const { collector, post } = await startTestCollector();
    await post(upload([makeEvent()]));
    const own = { Host: `127.0.0.1:${collector.port}` };
    for (const type of [undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const headers: Record<string, string> = type ? { ...own, 'Content-Type': type } : own;
      const answer = await raw(collector.url, '/_footprint/reset', { method: 'POST', headers, body: '{}' });
      expect(answer.status, String(type)).toBe(415);
      expect(JSON.parse(answer.body).error).toBe('POST here needs Content-Type: application/json');
    }
    expect(collector.store.events()).toHaveLength(1);
    const ok = await raw(collector.url, '/_footprint/reset', { method: 'POST', headers: { ...own, 'Content-Type': 'application/json; charset=utf-8' }, body: '{}' });
    expect(ok.status).toBe(200);
    expect(collector.store.events()).toHaveLength(0);
    const faults = await raw(collector.url, '/_footprint/faults', { method: 'POST', headers: { ...own, ...json, Origin: 'http://attacker.example' }, body: '{"status":500}' });
    expect(faults.status).toBe(403);
  });
});

describe('the ingestion door', () => {
  it('accepts uploads from any origin and any Host, with CORS and private-network access', async () => {
    const { collector } = await startTestCollector();
    const headers = { Host: 'rebound.example', Origin: 'https://shop.example', ...json };
    const preflight = await raw(collector.url, '/2/httpapi', {
      method: 'OPTIONS',
      headers: { ...headers, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Private-Network': 'true' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(preflight.headers['access-control-allow-private-network']).toBe('true');
    const answer = await raw(collector.url, '/batch', { method: 'POST', headers, body: JSON.stringify(upload([makeEvent({ insert_id: 'x-origin' })])) });
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(collector.store.events().map((e) => e.insert_id)).toEqual(['x-origin']);
  });
});

describe('parseHost', () => {
  it('splits names, bracketed IPv6 and ports, and refuses malformed values', () => {
    expect(parseHost('LocalHost:8787')).toEqual({ name: 'localhost', port: '8787' });
    expect(parseHost('[::1]:80')).toEqual({ name: '[::1]', port: '80' });
    expect(parseHost('example.test.')).toEqual({ name: 'example.test', port: '' });
    expect(['', '::1', 'a:b:c', 'host:port', 'a b'].map(parseHost)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
