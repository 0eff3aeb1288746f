// The upload worker (issue #11): its source run against fakes, the channel that owns it, and the fetch
// transport's choice between the worker and the main thread. Chromium runs the real thing in
// test/e2e/worker-upload.test.ts.
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UploadPayload } from '@footprint/core';
import { createKeepaliveBudget, KEEPALIVE_QUOTA_BYTES } from './keepalive-budget';
import { hasCsp } from './page';
import { createTransport, type TransportPlatform } from './transport';
import { WORKER_SOURCE, workerChannel, type WorkerAnswer, type WorkerLike } from './worker';

/**
 * Runs WORKER_SOURCE with its own `fetch` and `postMessage`; returns what a message to it posts back. When
 * the worker asks before sending, it is answered `go` (1: send, 0: taken back).
 */
const runSource = (fetchImpl: (url: string, init: RequestInit) => Promise<Response>, go = 1) => {
  const posted: unknown[] = [];
  const scope = new Function('fetch', 'postMessage', `let onmessage; ${WORKER_SOURCE}; return onmessage;`);
  let onmessage!: (e: { data: unknown[] }) => Promise<void>;
  const post = (m: unknown) => {
    posted.push(m);
    if ((m as unknown[]).length === 2) queueMicrotask(() => void onmessage({ data: [(m as unknown[])[0], go] }));
  };
  onmessage = scope(fetchImpl, post) as typeof onmessage;
  return async (data: unknown[]) => {
    await onmessage({ data });
    return posted.pop();
  };
};

describe('worker source', () => {
  it('posts the body with the headers and answers status, text and Retry-After', async () => {
    const seen: Array<{ url: string; init: RequestInit }> = [];
    const post = runSource(async (url, init) => {
      seen.push({ url, init });
      return new Response('{"code":429}', { status: 429, headers: { 'Retry-After': '7' } });
    });
    const answer = await post([3, 'https://c.test/2/httpapi', '{"a":1}', { 'Content-Type': 'application/json' }, false, 1000, 0]);
    expect(answer).toEqual([3, 429, '{"code":429}', '7']);
    expect(seen[0].url).toBe('https://c.test/2/httpapi');
    expect(seen[0].init).toMatchObject({ method: 'POST', body: '{"a":1}', headers: { 'Content-Type': 'application/json' }, keepalive: false });
  });

  it('asks before sending when told to, and sends nothing when the page took the request back', async () => {
    const fetched = vi.fn(async () => new Response('', { status: 200 }));
    expect(await runSource(fetched, 0)([4, 'u', '{"a":1}', {}, false, 1000, 0, true])).toEqual([4, 0]); // its question is the last word
    expect(fetched).not.toHaveBeenCalled();
    expect(await runSource(fetched, 1)([5, 'u', '{"a":1}', {}, false, 1000, 0, true])).toEqual([5, 200, '', null]);
    expect(fetched).toHaveBeenCalledTimes(1);
  });

  it('sends at once, asking nothing, when not told to ask', async () => {
    const fetched = vi.fn(async () => new Response('', { status: 200 }));
    const posted: unknown[] = [];
    const onmessage = new Function('fetch', 'postMessage', `let onmessage; ${WORKER_SOURCE}; return onmessage;`)(fetched, (m: unknown) => posted.push(m));
    await onmessage({ data: [6, 'u', '{"a":1}', {}, false, 1000, 0, false] });
    expect(fetched).toHaveBeenCalledTimes(1);
    expect(posted).toEqual([[6, 200, '', null]]); // no question before the answer
  });

  it('sends with keepalive when the body fits the bytes reserved for it, plain or gzipped', async () => {
    const inits: RequestInit[] = [];
    const post = runSource(async (_u, i) => (inits.push(i), new Response('', { status: 200 })));
    await post([1, 'u', '{"a":1}', {}, false, 1000, 7]);
    const big = JSON.stringify({ pad: 'x'.repeat(40_000) }); // gzips to far under 16 KiB
    await post([2, 'u', big, {}, true, 1000, 16_384]);
    const noise = JSON.stringify({ pad: Array.from({ length: 40_000 }, (_, i) => ((i * 2654435761) >>> 0).toString(36)).join('') });
    await post([3, 'u', noise, {}, true, 1000, 16_384]); // does not gzip under 16 KiB
    expect(inits.map((i) => i.keepalive)).toEqual([true, true, false]);
  });

  it('gzips when asked, with Content-Encoding', async () => {
    let init!: RequestInit;
    const post = runSource(async (_u, i) => ((init = i), new Response('', { status: 200 })));
    const body = JSON.stringify({ pad: 'x'.repeat(5000) });
    expect(await post([1, 'u', body, {}, true, 1000])).toEqual([1, 200, '', null]);
    expect((init.headers as Record<string, string>)['Content-Encoding']).toBe('gzip');
    expect(gunzipSync(new Uint8Array(init.body as ArrayBuffer)).toString()).toBe(body);
  });

  it('answers [id] alone after a network error, and aborts at the timeout', async () => {
    expect(await runSource(() => Promise.reject(new TypeError('Failed to fetch')))([5, 'u', 'b', {}, false, 1000])).toEqual([5]);
    const hanging = runSource((_u, init) => new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))));
    expect(await hanging([6, 'u', 'b', {}, false, 20])).toEqual([6]);
  });
});

/** A worker double: records posts; `reply` answers one. */
const fakeWorker = () => {
  const posts: unknown[][] = [];
  const w: WorkerLike & { posts: unknown[][]; terminated: boolean; reply(a: WorkerAnswer): void } = {
    posts,
    terminated: false,
    onmessage: null,
    onerror: null,
    postMessage: (m) => posts.push(m as unknown[]),
    terminate() {
      this.terminated = true;
    },
    reply(a) {
      this.onmessage?.({ data: a });
    },
  };
  return w;
};

describe('worker channel', () => {
  afterEach(() => vi.useRealTimers());

  it('tells the worker to send when it asks, unless the request was withdrawn first; then it resolves unanswered', async () => {
    const w = fakeWorker();
    const post = workerChannel(() => w);
    const left = vi.fn();
    const kept: { left?: () => void; withdraw?: () => boolean } = { left };
    const a = post(['u', 'a'], 5000, kept);
    const taken: { withdraw?: () => boolean } = {};
    const b = post(['u', 'b'], 5000, taken);
    expect(taken.withdraw!()).toBe(true); // before the worker asked: it will never send it
    w.reply([1, 0]);
    w.reply([2, 0]);
    expect(w.posts.slice(2)).toEqual([[1, 1], [2, 0]]);
    expect(left).toHaveBeenCalledTimes(1);
    expect(kept.withdraw!()).toBe(false); // told to send: too late
    expect(await b).toEqual([2]);
    w.reply([1, 200, 'A', null]);
    expect(await a).toEqual([1, 200, 'A', null]);
  });

  it('asks only while the worker is unheard or for a body it gzips: other requests count as handed over when posted', async () => {
    const w = fakeWorker();
    const post = workerChannel(() => w);
    const first = post(['u', 'a'], 5000, {}); // the worker may still be starting: it asks
    expect(w.posts[0].at(-1)).toBe(true);
    w.reply([1, 0]); // heard from
    w.reply([1, 200, '', null]);
    await first;
    const left = vi.fn();
    const plain: { left?: () => void; withdraw?: () => boolean } = { left };
    const b = post(['u', 'b'], 5000, plain, false);
    expect(w.posts.at(-1)).toEqual([2, 'u', 'b', false]); // sent as soon as the worker reads it
    expect(left).toHaveBeenCalledTimes(1);
    expect(plain.withdraw!()).toBe(false); // too late to take back: it is the worker's now
    const zipped: { left?: () => void; withdraw?: () => boolean } = { left: vi.fn() };
    const c = post(['u', 'c'], 5000, zipped, true);
    expect(w.posts.at(-1)).toEqual([3, 'u', 'c', true]); // gzip takes a while: the page may still take it back
    expect(zipped.left).not.toHaveBeenCalled();
    expect(zipped.withdraw!()).toBe(true);
    w.reply([3, 0]);
    expect(w.posts.at(-1)).toEqual([3, 0]);
    expect(await c).toEqual([3]);
    w.reply([2, 200, '', null]);
    expect(await b).toEqual([2, 200, '', null]);
  });

  it('creates one worker at the first post and routes answers by id', async () => {
    const w = fakeWorker();
    const create = vi.fn(() => w);
    const post = workerChannel(create);
    expect(create).not.toHaveBeenCalled();
    const a = post(['u', 'one'], 5000);
    const b = post(['u', 'two'], 5000);
    expect(create).toHaveBeenCalledTimes(1);
    expect(w.posts.map((p) => p[2])).toEqual(['one', 'two']);
    w.reply([w.posts[1][0] as number, 200, 'B', null]);
    w.reply([w.posts[0][0] as number, 500, 'A', null]);
    expect(await a).toEqual([1, 500, 'A', null]);
    expect(await b).toEqual([2, 200, 'B', null]);
  });

  it('resolves undefined when no worker can be made, and does not try again', async () => {
    const create = vi.fn(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    const post = workerChannel(create);
    expect(await post(['u', 'b'], 5000)).toBeUndefined();
    expect(await post(['u', 'b'], 5000)).toBeUndefined();
    expect(create).toHaveBeenCalledTimes(1);
    expect(await workerChannel(() => undefined)(['u', 'b'], 5000)).toBeUndefined();
  });

  it('a worker error (e.g. a CSP refusing it) hands every waiting request back, and later ones too', async () => {
    const w = fakeWorker();
    const post = workerChannel(() => w);
    const pending = [post(['u', '1'], 5000), post(['u', '2'], 5000)];
    w.onerror!(new Event('error'));
    expect(await Promise.all(pending)).toEqual([undefined, undefined]);
    expect(w.terminated).toBe(true);
    expect(await post(['u', '3'], 5000)).toBeUndefined();
    expect(w.posts).toHaveLength(2);
  });

  it('a message the worker cannot take goes back to the caller alone; the worker stays in use', async () => {
    const w = fakeWorker();
    let refuse = true;
    w.postMessage = (m) => {
      if (refuse) throw new DOMException('could not be cloned', 'DataCloneError');
      w.posts.push(m as unknown[]);
    };
    const post = workerChannel(() => w);
    expect(await post(['u', 'b', { h: () => 1 }], 5000)).toBeUndefined();
    refuse = false;
    const next = post(['u', 'b', {}], 5000);
    w.reply([w.posts[0][0] as number, 200, '', null]);
    expect(await next).toEqual([2, 200, '', null]);
    expect(w.terminated).toBe(false);
  });

  it('a worker silent past the deadline is given up on: what it held counts as unanswered (it may have sent it), later posts go to the main thread', async () => {
    vi.useFakeTimers();
    const w = fakeWorker();
    const post = workerChannel(() => w);
    const answer = post(['u', 'b'], 3000);
    await vi.advanceTimersByTimeAsync(2999);
    expect(w.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await answer).toEqual([1]);
    expect(w.terminated).toBe(true);
    expect(await post(['u', 'c'], 3000)).toBeUndefined();
  });
});

describe('fetch transport and the worker', () => {
  const payload = (pad = 0): UploadPayload => ({ api_key: 'k', events: [{ event_type: 'e', device_id: 'd', event_properties: { pad: 'x'.repeat(pad) } }] });

  const platform = (worker: TransportPlatform['worker'], csp = false) => {
    const fetched: RequestInit[] = [];
    const p: TransportPlatform = {
      fetch: (async (_u: string, init: RequestInit) => (fetched.push(init), new Response('{"code":200}', { status: 200 }))) as typeof fetch,
      budget: createKeepaliveBudget(),
      worker,
      csp: () => csp,
    };
    return { p, fetched };
  };

  it('uploads through the worker: the page’s fetch is not called, the answer is read as from fetch', async () => {
    const worker = vi.fn(async (_m: unknown[], _deadlineMs: number): Promise<WorkerAnswer> => [1, 429, '{"code":429}', '4']);
    const { p, fetched } = platform(worker);
    const res = await createTransport({ headers: { 'X-A': '1' } }, () => p).send('https://c.test/2/httpapi', payload(3000), { compress: true, timeoutMs: 30_000 });
    expect(res).toEqual({ status: 429, body: { code: 429 }, headers: { 'retry-after': '4' } });
    expect(fetched).toHaveLength(0);
    const [url, body, headers, gzip, timeout, keepalive] = worker.mock.calls[0][0];
    expect([url, JSON.parse(body as string), gzip, timeout, keepalive]).toEqual(['https://c.test/2/httpapi', payload(3000), true, 30_000, 16_384]);
    expect(headers).toMatchObject({ 'Content-Type': 'application/json', 'X-A': '1' });
    expect(worker.mock.calls[0][1]).toBe(31_000);
    expect(p.budget.remaining()).toBe(KEEPALIVE_QUOTA_BYTES); // the reservation ends with the answer
    // Small bodies are not gzipped; a failed request is a null answer.
    worker.mockResolvedValueOnce([2]);
    expect(await createTransport('fetch', () => p).send('u', payload(), { compress: true })).toBeNull();
    expect(worker.mock.calls[1][0][3]).toBe(false);
    expect(worker.mock.calls[1][0][5]).toBe(JSON.stringify(payload()).length); // a plain body reserves its size
    // … as the engine measured it, when it says (it knows its events' lengths).
    await createTransport('fetch', () => p).send('u', payload(), { bytes: 1234 });
    expect(worker.mock.calls.pop()![0][5]).toBe(1234);
    // A plain body over 16 KiB, or one the budget has no room for, is sent without keepalive.
    await createTransport('fetch', () => p).send('u', payload(20_000));
    p.budget.reserve(KEEPALIVE_QUOTA_BYTES - 50);
    await createTransport('fetch', () => p).send('u', payload());
    expect([worker.mock.calls[2][0][5], worker.mock.calls[3][0][5]]).toEqual([0, 0]);
  });

  it('falls back to the main thread when the worker cannot be used', async () => {
    const { p, fetched } = platform(async () => undefined);
    expect(await createTransport('fetch', () => p).send('u', payload())).toMatchObject({ status: 200 });
    expect(fetched).toHaveLength(1);
  });

  it('keeps off the worker on a page with a CSP unless asked, with worker: false, and for xhr', async () => {
    const worker = vi.fn(async (): Promise<WorkerAnswer> => [1, 200, '', null]);
    const withCsp = platform(worker, true);
    await createTransport('fetch', () => withCsp.p).send('u', payload());
    expect(worker).not.toHaveBeenCalled();
    expect(withCsp.fetched).toHaveLength(1);
    await createTransport({ worker: true }, () => withCsp.p).send('u', payload());
    expect(worker).toHaveBeenCalledTimes(1);
    const noCsp = platform(worker);
    await createTransport({ worker: false }, () => noCsp.p).send('u', payload());
    expect(noCsp.fetched).toHaveLength(1);
    const xhr = vi.fn(() => ({ open() {}, setRequestHeader() {}, send() { (this as any).readyState = 4; (this as any).status = 0; (this as any).onreadystatechange(); } }) as unknown as XMLHttpRequest);
    noCsp.p.xhr = xhr;
    await createTransport('xhr', () => noCsp.p).send('u', payload());
    expect(xhr).toHaveBeenCalledTimes(1);
    expect(worker).toHaveBeenCalledTimes(1);
  });
});

describe('CSP probe', () => {
  afterEach(() => document.head.querySelectorAll('meta').forEach((m) => m.remove()));
  it('sees a <meta> policy and leaves the document as it was', () => {
    const before = document.documentElement.outerHTML;
    expect(hasCsp(document)).toBe(false); // happy-dom does no nonce hiding: like a page without a CSP header
    expect(document.documentElement.outerHTML).toBe(before);
    const meta = document.createElement('meta');
    meta.setAttribute('http-equiv', 'content-security-policy'); // (happy-dom ignores the selector's case flag; Chromium is tested end to end)
    meta.content = "script-src 'self'";
    document.head.append(meta);
    expect(hasCsp(document)).toBe(true);
    expect(hasCsp(undefined)).toBe(false);
  });
});
