import type { Config, Plugin } from '@footprint/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { networkCapturePlugin } from './network-capture-plugin';
import type { NetworkTrackingOptions } from './types';

const SERVER = 'https://collector.test/2/httpapi';
const EVENT = '[Amplitude] Network Request';

// A scriptable XMLHttpRequest stand-in: its methods live on the prototype, like the real one.
class FakeXhr extends EventTarget {
  status = 0;
  responseType = '';
  responseText = '';
  response: unknown = '';
  headerBlock = '';
  opened?: [string, string];
  sent: unknown[] = [];
  requestHeaders: [string, string][] = [];
  open(method: string, url: string) {
    if (method === 'BAD METHOD') throw new SyntaxError('bad method');
    this.opened = [method, url];
  }
  setRequestHeader(name: string, value: string) {
    if (!this.opened) throw new DOMException('not opened', 'InvalidStateError');
    this.requestHeaders.push([name, value]);
  }
  sendError?: Error;
  send(body?: unknown) {
    if (!this.opened) throw new DOMException('not opened', 'InvalidStateError');
    if (this.sendError) throw this.sendError;
    this.sent.push(body);
    return 'send-result';
  }
  getAllResponseHeaders() {
    return this.headerBlock;
  }
  getResponseHeader(name: string) {
    const line = this.headerBlock.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
    return line ? line.slice(line.indexOf(':') + 1).trim() : null;
  }
  respond(status: number, text: string, headers = '') {
    Object.assign(this, { status, responseText: text, response: text, headerBlock: headers });
    this.dispatchEvent(new Event('load'));
    this.dispatchEvent(new Event('loadend'));
  }
  fail(type: 'error' | 'abort' | 'timeout') {
    this.status = 0;
    this.dispatchEvent(new Event(type));
    this.dispatchEvent(new Event('loadend'));
  }
}

const tick = (ms = 10) => new Promise((r) => setTimeout(r, ms));
const saved = { fetch: window.fetch, XMLHttpRequest: window.XMLHttpRequest };
let fakeFetch: ReturnType<typeof vi.fn>;
let client: { track: ReturnType<typeof vi.fn> };
let logger: { log: any; warn: any; error: any; debug: any };
const config = () => ({ serverUrl: SERVER, loggerProvider: logger }) as unknown as Config;

// Every plugin a test starts is torn down after it, so no wrapper outlives its test.
let started: Plugin[] = [];
const start = (options?: NetworkTrackingOptions, to: { track: ReturnType<typeof vi.fn> } = client, cfg = config()) => {
  const plugin = networkCapturePlugin(options);
  started.push(plugin);
  plugin.setup!(cfg, to);
  return plugin;
};
const tracked = () => client.track.mock.calls.filter((c) => c[0] === EVENT).map((c) => c[1] as Record<string, any>);

beforeEach(() => {
  fakeFetch = vi.fn(async (input: unknown) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes('/offline')) throw new TypeError('Failed to fetch');
    const status = Number(/status=(\d+)/.exec(url)?.[1] ?? 200);
    return new Response('{"ok":false,"error":"boom","secret":"s"}', { status, headers: { 'content-type': 'application/json', 'content-length': '39', 'x-trace': 't' } });
  });
  (window as any).fetch = fakeFetch;
  (window as any).XMLHttpRequest = FakeXhr;
  client = { track: vi.fn() };
  logger = { log: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() };
});
afterEach(async () => {
  for (const plugin of started.reverse()) await plugin.teardown!();
  started = [];
  (window as any).fetch = saved.fetch;
  (window as any).XMLHttpRequest = saved.XMLHttpRequest;
});

describe('teardown', () => {
  it('restores window.fetch and the XMLHttpRequest.prototype methods to the originals', async () => {
    const proto = FakeXhr.prototype as any;
    const before = { fetch: window.fetch, open: proto.open, send: proto.send, setRequestHeader: proto.setRequestHeader };
    const plugin = start();
    expect(window.fetch).not.toBe(before.fetch);
    expect(proto.open).not.toBe(before.open);
    expect(proto.send).not.toBe(before.send);
    expect(proto.setRequestHeader).not.toBe(before.setRequestHeader);
    await plugin.teardown!();
    expect({ fetch: window.fetch, open: proto.open, send: proto.send, setRequestHeader: proto.setRequestHeader }).toEqual(before);
    expect(window.fetch).toBe(before.fetch);
  });

  it('drops requests still queued or in flight at teardown', async () => {
    const plugin = start();
    const pending = fetch('https://api.test/x?status=500');
    await pending;
    await plugin.teardown!();
    await tick();
    const xhr = new XMLHttpRequest() as unknown as FakeXhr;
    xhr.open('GET', 'https://api.test/x');
    xhr.send();
    xhr.respond(500, '');
    await tick();
    expect(tracked()).toEqual([]);
  });

  it('setting up again (re-init) does not wrap twice', async () => {
    const plugin = start();
    plugin.setup!(config(), client);
    await fetch('https://api.test/x?status=502');
    await tick();
    expect(tracked()).toHaveLength(1);
    await plugin.teardown!();
    expect(window.fetch).toBe(fakeFetch);
  });
});

describe('fetch wrapper: the host sees no difference', () => {
  it('resolves the very Response the original resolved, and passes arguments and `this` through', async () => {
    const response = new Response('x');
    fakeFetch.mockResolvedValueOnce(response);
    start();
    const init = { method: 'POST', body: 'b' };
    const self = { marker: 1 };
    const got = await window.fetch.call(self, 'https://api.test/a', init);
    expect(got).toBe(response);
    expect(fakeFetch.mock.calls[0]).toEqual(['https://api.test/a', init]);
    expect(fakeFetch.mock.contexts[0]).toBe(self);
  });

  it('rejects with the very error the original rejected with', async () => {
    const error = new TypeError('Failed to fetch');
    fakeFetch.mockRejectedValueOnce(error);
    start();
    await expect(fetch('https://api.test/x')).rejects.toBe(error);
  });

  it('rethrows a synchronous throw synchronously', () => {
    const error = new Error('sync');
    fakeFetch.mockImplementationOnce(() => {
      throw error;
    });
    start();
    expect(() => fetch('https://api.test/x')).toThrow(error);
  });

  it('leaves the response body unread for the host', async () => {
    start({ captureRules: [{ statusCodeRange: '200', responseBody: { allowlist: ['error'] } }] });
    const response = await fetch('https://api.test/x');
    expect(response.bodyUsed).toBe(false);
    expect(await response.json()).toEqual({ ok: false, error: 'boom', secret: 's' });
    await tick();
    expect(tracked()[0]['[Amplitude] Response Body']).toBe('{"error":"boom"}');
  });

  it('keeps working and never throws into the host when tracking throws', async () => {
    client.track.mockImplementation(() => {
      throw new Error('client broke');
    });
    start();
    const response = await fetch('https://api.test/x?status=500');
    expect(response.status).toBe(500);
    await tick();
    expect(logger.debug).toHaveBeenCalled();
  });
});

describe('fetch events', () => {
  it('tracks a 5xx by default, after the request path has returned', async () => {
    start();
    await fetch('https://api.test/items?status=503&token=abc', { method: 'post', body: '{"q":1}' });
    expect(tracked()).toHaveLength(0);
    await tick();
    const [props] = tracked();
    expect(props).toMatchObject({
      '[Amplitude] URL': 'https://api.test/items',
      '[Amplitude] URL Query': 'status=503&token=*****',
      '[Amplitude] URL Fragment': '',
      '[Amplitude] Request Method': 'POST',
      '[Amplitude] Status Code': 503,
      '[Amplitude] Request Body Size': 7,
      '[Amplitude] Response Body Size': 39,
      '[Amplitude] Request Type': 'fetch',
    });
    expect(props['[Amplitude] Completion Time'] - props['[Amplitude] Start Time']).toBe(props['[Amplitude] Duration']);
    expect(props).not.toHaveProperty('[Amplitude] Response Body');
  });

  it('does not track 2xx/4xx by default, nor network errors', async () => {
    start();
    await fetch('https://api.test/x?status=200');
    await fetch('https://api.test/x?status=404');
    await fetch('https://api.test/offline').catch(() => {});
    await tick();
    expect(tracked()).toEqual([]);
  });

  it('tracks a network error with status 0 and its error code and message when the range includes 0', async () => {
    start({ captureRules: [{ statusCodeRange: '0' }] });
    await fetch('https://api.test/offline').catch(() => {});
    await tick();
    expect(tracked()[0]).toMatchObject({ '[Amplitude] Status Code': 0, '[Amplitude] Error Code': 'TypeError', '[Amplitude] Error Message': 'Failed to fetch' });
  });

  it('reads URL and method from a Request object and resolves relative URLs', async () => {
    start({ captureRules: [{ statusCodeRange: '200-599' }] });
    await fetch(new Request('https://api.test/r?status=500', { method: 'PUT' }));
    await fetch('/relative?status=200');
    await tick();
    expect(tracked().map((p) => [p['[Amplitude] Request Method'], p['[Amplitude] URL']])).toEqual([
      ['PUT', 'https://api.test/r'],
      ['GET', new URL('/relative', location.href).href],
    ]);
  });

  it('captures request and response bodies and headers per the deciding rule', async () => {
    start({
      captureRules: [
        {
          statusCodeRange: '400-599',
          requestBody: { allowlist: ['user/**'], blocklist: ['user/password'] },
          responseBody: { allowlist: ['**'], blocklist: ['secret'] },
          requestHeaders: ['x-req', 'authorization'],
          responseHeaders: true,
        },
      ],
    });
    await fetch('https://api.test/login?status=401', {
      method: 'POST',
      headers: { 'X-Req': 'r', Authorization: 'Bearer t' },
      body: JSON.stringify({ user: { name: 'n', password: 'p' }, other: 1 }),
    });
    await tick();
    expect(tracked()[0]).toMatchObject({
      '[Amplitude] Request Body': '{"user":{"name":"n"}}',
      '[Amplitude] Response Body': '{"ok":false,"error":"boom"}',
      '[Amplitude] Request Headers': { 'x-req': 'r' },
      '[Amplitude] Response Headers': { 'content-type': 'application/json', 'content-length': '39' },
    });
  });

  it('never tracks the SDK\'s own uploads or remote config calls, even with everything on', async () => {
    start({ ignoreAmplitudeRequests: false, captureRules: [{ statusCodeRange: '0-599' }] }, client, { ...config(), remoteConfig: { serverUrl: 'https://cfg.test/config' } } as Config);
    await fetch(`${SERVER}?status=500`);
    await fetch('https://cfg.test/config?status=500');
    await fetch('https://api.test/x?status=500');
    await tick();
    expect(tracked().map((p) => p['[Amplitude] URL'])).toEqual(['https://api.test/x']);
  });
});

describe('XMLHttpRequest', () => {
  const open = (method: string, url: string) => {
    const xhr = new XMLHttpRequest() as unknown as FakeXhr;
    xhr.open(method, url);
    return xhr;
  };

  it('tracks a 5xx with headers and body per the rule, leaving the xhr untouched', async () => {
    start({ captureRules: [{ statusCodeRange: '500-599', requestHeaders: ['x-a'], responseHeaders: ['etag'], responseBody: { allowlist: ['error'] } }] });
    const xhr = open('post', 'https://api.test/x?y=1');
    xhr.setRequestHeader('X-A', '1');
    xhr.setRequestHeader('X-A', '2');
    expect(xhr.send('hello')).toBe('send-result');
    xhr.respond(500, '{"error":"e","other":1}', 'etag: "9"\r\ncontent-length: 23\r\nset-cookie: s');
    expect(Object.keys(xhr).sort()).toEqual(['headerBlock', 'opened', 'requestHeaders', 'response', 'responseText', 'responseType', 'sent', 'status']);
    expect(xhr.requestHeaders).toEqual([['X-A', '1'], ['X-A', '2']]);
    await tick();
    expect(tracked()[0]).toMatchObject({
      '[Amplitude] URL': 'https://api.test/x',
      '[Amplitude] URL Query': 'y=1',
      '[Amplitude] Request Method': 'POST',
      '[Amplitude] Status Code': 500,
      '[Amplitude] Request Body Size': 5,
      '[Amplitude] Response Body Size': 23,
      '[Amplitude] Request Type': 'xhr',
      '[Amplitude] Request Headers': { 'x-a': '1, 2' },
      '[Amplitude] Response Headers': { etag: '"9"' },
      '[Amplitude] Response Body': '{"error":"e"}',
    });
  });

  it.each([
    ['error', 'NetworkError'],
    ['abort', 'AbortError'],
    ['timeout', 'TimeoutError'],
  ] as const)('a request ending in %s is status 0 with error code %s', async (type, code) => {
    start({ captureRules: [{ statusCodeRange: '0' }] });
    open('GET', 'https://api.test/x').send();
    const xhr = open('GET', 'https://api.test/y');
    xhr.send();
    xhr.fail(type);
    await tick();
    expect(tracked()).toHaveLength(1);
    expect(tracked()[0]).toMatchObject({ '[Amplitude] URL': 'https://api.test/y', '[Amplitude] Status Code': 0, '[Amplitude] Error Code': code });
    expect(tracked()[0]).not.toHaveProperty('[Amplitude] Response Body Size');
  });

  it('rethrows what the original open/send/setRequestHeader throw, and a failed send leaves no listener', async () => {
    start({ captureRules: [{ statusCodeRange: '0-599' }] });
    const xhr = new XMLHttpRequest() as unknown as FakeXhr;
    expect(() => xhr.send()).toThrow(DOMException);
    expect(() => xhr.setRequestHeader('a', 'b')).toThrow(DOMException);
    expect(() => xhr.open('BAD METHOD', '/')).toThrow(SyntaxError);
    xhr.open('GET', 'https://api.test/x');
    const added = vi.spyOn(xhr, 'addEventListener');
    const removed = vi.spyOn(xhr, 'removeEventListener');
    const error = new Error('send failed');
    xhr.sendError = error;
    expect(() => xhr.send()).toThrow(error);
    expect(added).toHaveBeenCalled();
    const pairs = (calls: unknown[][]) => calls.map(([type, fn]) => [type, fn]);
    expect(pairs(removed.mock.calls)).toEqual(pairs(added.mock.calls));
  });

  it('a re-opened xhr is tracked once, for its last request', async () => {
    start({ captureRules: [{ statusCodeRange: '200-599' }] });
    const xhr = open('GET', 'https://api.test/first');
    xhr.send();
    xhr.open('GET', 'https://api.test/second');
    xhr.send();
    xhr.respond(200, 'ok');
    await tick();
    expect(tracked().map((p) => p['[Amplitude] URL'])).toEqual(['https://api.test/second']);
    expect(tracked()[0]['[Amplitude] Response Body Size']).toBe(2);
  });
});

describe('two clients on one page', () => {
  it('each plugin tracks to its own client; teardown in reverse order restores the originals', async () => {
    const clientB = { track: vi.fn() };
    const a = start();
    const b = start({}, clientB);
    await fetch('https://api.test/x?status=500');
    await tick();
    expect(client.track).toHaveBeenCalledTimes(1);
    expect(clientB.track).toHaveBeenCalledTimes(1);
    await b.teardown!();
    await a.teardown!();
    expect(window.fetch).toBe(fakeFetch);
    expect(XMLHttpRequest.prototype.send).toBe(FakeXhr.prototype.send);
  });

  it('out-of-order teardown leaves a silent pass-through and keeps the other client working', async () => {
    const clientB = { track: vi.fn() };
    const a = start();
    const b = start({}, clientB);
    await a.teardown!();
    const response = await fetch('https://api.test/x?status=500');
    expect(response.status).toBe(500);
    await tick();
    expect(client.track).not.toHaveBeenCalled();
    expect(clientB.track).toHaveBeenCalledTimes(1);
    await b.teardown!();
  });
});

describe('without a window', () => {
  it('setup and teardown do nothing when fetch and XMLHttpRequest are missing', async () => {
    (window as any).fetch = undefined;
    (window as any).XMLHttpRequest = undefined;
    const plugin = start();
    await plugin.teardown!();
    expect(window.fetch).toBeUndefined();
  });
});

describe('plugin shape', () => {
  it('is an enrichment plugin that passes events through', async () => {
    const plugin = networkCapturePlugin();
    expect(plugin.name).toBe('@footprint/plugin-network-capture');
    expect(plugin.type).toBe('enrichment');
    const event = { event_type: 'x' };
    expect(await plugin.execute!(event)).toBe(event);
  });
});
