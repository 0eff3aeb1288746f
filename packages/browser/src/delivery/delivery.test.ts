import { afterEach, describe, expect, it, vi } from 'vitest';
import { gunzipSync } from 'node:zlib';
import type { DeliveryRequest, UploadPayload } from '@footprint/core';
import { createKeepaliveBudget, KEEPALIVE_QUOTA_BYTES } from './keepalive-budget';
import { localStorageProvider } from './local-storage';
import { browserConnectivity, pageLifecycle } from './page';
import { leaseLocks, webLocks } from './tab-locks';
import { createTransport, type TransportPlatform } from './transport';

const payload = (n = 1, pad = 0): UploadPayload => ({
  api_key: 'k',
  events: Array.from({ length: n }, (_, i) => ({ event_type: `e${i}`, device_id: 'device-1', event_properties: { pad: 'x'.repeat(pad) } })),
});

const fakePlatform = (overrides: Partial<TransportPlatform> = {}) => {
  const requests: Array<{ url: string; init: RequestInit }> = [];
  const beacons: string[] = [];
  const platform: TransportPlatform = {
    fetch: (async (url: string, init: RequestInit) => {
      requests.push({ url, init });
      return new Response(JSON.stringify({ code: 200 }), { status: 200, headers: { 'Retry-After': '1' } });
    }) as typeof fetch,
    sendBeacon: (_url, body) => (beacons.push(body), true),
    gzip: async (text) => {
      const cs = new CompressionStream('gzip');
      return new Uint8Array(await new Response(new Blob([text]).stream().pipeThrough(cs)).arrayBuffer());
    },
    budget: createKeepaliveBudget(),
    ...overrides,
  };
  return { platform, requests, beacons };
};

describe('keepalive budget', () => {
  it('refuses what would exceed the shared 64 KiB and frees bytes on release', () => {
    const b = createKeepaliveBudget();
    expect(b.reserve(40_000)).toBe(true);
    expect(b.reserve(30_000)).toBe(false);
    expect(b.remaining()).toBe(KEEPALIVE_QUOTA_BYTES - 40_000);
    b.release(40_000);
    expect(b.reserve(30_000)).toBe(true);
  });
});

describe('browser transport', () => {
  it('posts JSON with fetch, custom headers, and keepalive for small bodies; reads status, body and headers', async () => {
    const f = fakePlatform();
    const t = createTransport({ type: 'fetch', headers: { 'X-Proxy': 'yes' } }, () => f.platform);
    const res = await t.send('https://c.test/2/httpapi', payload());
    expect(res).toMatchObject({ status: 200, body: { code: 200 }, headers: { 'retry-after': '1' } });
    const { init } = f.requests[0];
    expect(init.headers).toMatchObject({ 'Content-Type': 'application/json', 'X-Proxy': 'yes' });
    expect(init.keepalive).toBe(true);
    expect(JSON.parse(init.body as string)).toEqual(payload());
    const small: DeliveryRequest = {};
    await t.send('https://c.test/2/httpapi', payload(), small);
    expect(small.survives).toBe(true); // a keepalive outlives the page: the engine is told so
    const big: DeliveryRequest = {};
    await t.send('https://c.test/2/httpapi', payload(1, 20_000), big);
    expect(f.requests[2].init.keepalive).toBe(false); // too big for keepalive
    expect(big.survives).toBe(false);
    expect(f.platform.budget.remaining()).toBe(KEEPALIVE_QUOTA_BYTES);
  });

  it('gzips bodies from 2 KB when asked, and not below', async () => {
    const f = fakePlatform();
    const t = createTransport('fetch', () => f.platform);
    await t.send('u', payload(1, 3000), { compress: true });
    await t.send('u', payload(1, 10), { compress: true });
    await t.send('u', payload(1, 3000), { compress: false });
    const [big, small, off] = f.requests.map((r) => r.init);
    expect((big.headers as Record<string, string>)['Content-Encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(big.body as Uint8Array).toString())).toEqual(payload(1, 3000));
    expect((small.headers as Record<string, string>)['Content-Encoding']).toBeUndefined();
    expect((off.headers as Record<string, string>)['Content-Encoding']).toBeUndefined();
  });

  it('falls back to a plain body when compression fails', async () => {
    const f = fakePlatform({ gzip: () => Promise.reject(new Error('no CompressionStream')) });
    await createTransport('fetch', () => f.platform).send('u', payload(1, 3000), { compress: true });
    expect(typeof f.requests[0].init.body).toBe('string');
  });

  it('resolves null on a network error instead of throwing', async () => {
    const f = fakePlatform({ fetch: (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch });
    expect(await createTransport('fetch', () => f.platform).send('u', payload())).toBeNull();
  });

  it('beacon: no headers, accepted counts as 200 and refused as a retryable 500', async () => {
    const f = fakePlatform();
    const t = createTransport('beacon', () => f.platform);
    expect(await t.send('u', payload(2))).toMatchObject({ status: 200, body: { events_ingested: 2 } });
    f.platform.sendBeacon = () => false;
    expect((await t.send('u', payload()))!.status).toBe(500);
  });

  it('the transport type has one route: bound when the transport is made (per-request hints carry none)', async () => {
    const f = fakePlatform();
    await createTransport('beacon', () => f.platform).send('u', payload(), { compress: true, timeoutMs: 10 });
    expect(f.beacons).toHaveLength(1);
    expect(f.requests).toHaveLength(0);
  });

  it('xhr sends headers and reads the answer', async () => {
    const sent: Array<{ headers: Record<string, string>; body: unknown }> = [];
    class FakeXhr {
      readyState = 0; status = 0; responseText = ''; timeout = 0;
      onreadystatechange: () => void = () => {};
      private headers: Record<string, string> = {};
      open() {}
      setRequestHeader(k: string, v: string) { this.headers[k] = v; }
      getResponseHeader(name: string) { return ({ 'retry-after': '3', 'content-type': 'application/json' } as Record<string, string>)[name.toLowerCase()] ?? null; }
      send(body: unknown) {
        sent.push({ headers: this.headers, body });
        Object.assign(this, { readyState: 4, status: 429, responseText: '{"code":429}' });
        this.onreadystatechange();
      }
    }
    const f = fakePlatform({ xhr: () => new FakeXhr() as unknown as XMLHttpRequest });
    const res = await createTransport({ type: 'xhr', headers: { 'X-A': '1' } }, () => f.platform).send('u', payload());
    // Only the header the engine reads (Retry-After) is kept.
    expect(res).toEqual({ status: 429, body: { code: 429 }, headers: { 'retry-after': '3' } });
    expect(sent[0].headers).toMatchObject({ 'X-A': '1', 'Content-Type': 'application/json' });
  });

  it('on page hide uses keepalive within the budget, then beacons, then reports it could not send', () => {
    const f = fakePlatform({ budget: createKeepaliveBudget(20_000) });
    const t = createTransport('fetch', () => f.platform);
    const body = 'x'.repeat(15_000);
    expect(t.sendUnload!('u', body, () => {})).toBe('keepalive');
    expect(t.sendUnload!('u', body, () => {})).toBe('beacon');
    f.platform.sendBeacon = () => false;
    expect(t.sendUnload!('u', body, () => {})).toBe(false);
    expect(f.requests[0].init.keepalive).toBe(true);
  });
});

describe('localStorage provider', () => {
  afterEach(() => localStorage.clear());
  it('stores a JSON array of events under the given key and rejects with the quota error when full', async () => {
    const p = localStorageProvider(() => localStorage);
    expect(await p.isEnabled()).toBe(true);
    await p.setRaw!('AMP_unsent_abc', '[{"event_type":"a"}]');
    expect(await p.get('AMP_unsent_abc')).toEqual([{ event_type: 'a' }]);
    const full = { ...localStorage, getItem: () => null, setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } } as unknown as Storage;
    await expect(localStorageProvider(() => full).set('k', [])).rejects.toMatchObject({ name: 'QuotaExceededError' });
    await p.reset!();
    expect(localStorage.getItem('AMP_unsent_abc')).toBeNull();
  });
  it('is disabled where localStorage throws', async () => {
    expect(await localStorageProvider(() => { throw new Error('SecurityError'); }).isEnabled()).toBe(false);
  });
});

describe('tab locks', () => {
  it('a lease is exclusive until released or expired', async () => {
    vi.useFakeTimers();
    try {
      const a = leaseLocks(() => localStorage, 'tab-a');
      const b = leaseLocks(() => localStorage, 'tab-b');
      const release = await a.tryHold('slot');
      expect(release).toBeTypeOf('function');
      expect(await b.tryHold('slot')).toBeUndefined();
      await vi.advanceTimersByTimeAsync(20_000); // heartbeat keeps it
      expect(await b.tryHold('slot')).toBeUndefined();
      expect(await b.held!()).toEqual(['slot']); // both tabs see who holds what
      release!();
      expect(await a.held!()).toEqual([]);
      expect(await b.tryHold('slot')).toBeTypeOf('function');
    } finally {
      vi.useRealTimers();
      localStorage.clear();
    }
  });
  it('web locks: ifAvailable refusal means taken', async () => {
    const held = new Set<string>();
    const manager = {
      request: async (name: string, _o: unknown, cb: (lock: unknown) => Promise<void> | null) => {
        if (held.has(name)) return cb(null);
        held.add(name);
        await cb({ name });
        held.delete(name);
      },
      query: async () => ({ held: [...held].map((name) => ({ name })) }),
    };
    const locks = webLocks(manager);
    const release = await locks.tryHold('x');
    expect(await locks.tryHold('x')).toBeUndefined();
    expect(await locks.held!()).toEqual(['x']);
    release!();
    await new Promise((r) => setTimeout(r, 0));
    expect(await locks.tryHold('x')).toBeTypeOf('function');
  });
});

describe('page signals', () => {
  it('reports hidden, pagehide and bfcache restore, and unsubscribes fully', () => {
    const calls: string[] = [];
    const off = pageLifecycle().subscribe({ hide: (f) => calls.push(`hide:${f}`), show: (r) => calls.push(`show:${r}`) });
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('pagehide'));
    window.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    off();
    window.dispatchEvent(new Event('pagehide'));
    expect(calls).toEqual(['hide:false', 'hide:true', 'show:true']);
  });
  it('follows online/offline events', () => {
    const seen: boolean[] = [];
    const off = browserConnectivity().subscribe((o) => seen.push(o));
    window.dispatchEvent(new Event('offline'));
    window.dispatchEvent(new Event('online'));
    off();
    window.dispatchEvent(new Event('offline'));
    expect(seen).toEqual([false, true]);
  });
});
