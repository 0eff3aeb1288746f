import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browserSdkConfig, remoteConfigClient, remoteConfigUrl } from './remote-config';

const API_KEY = 'a2dbce0e18dfe5f8e';
const SERVER = 'https://proxy.example.com/config';
const response = (browserSDK: unknown) => ({ configs: { analyticsSDK: { browserSDK } } });
const log = { debug: vi.fn(), warn: vi.fn() };
const store = () => {
  const data = new Map<string, string>();
  return { data, area: () => ({ getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) }) };
};
const jsonFetch = (body: unknown, status = 200) => vi.fn(async () => new Response(JSON.stringify(body), { status }));

describe('remote config URL (docs/differences.md §C.6: only a host you configured)', () => {
  it('is built from remoteConfig.serverUrl as the anchor requests it', () => {
    expect(remoteConfigUrl(API_KEY, { remoteConfig: { serverUrl: `${SERVER}/` } })).toBe(`${SERVER}/${API_KEY}?config_group=browser`);
  });
  it("is undefined without remoteConfig.serverUrl: Amplitude's config host is never called by default", () => {
    expect(remoteConfigUrl(API_KEY, {})).toBeUndefined();
    expect(remoteConfigUrl(API_KEY, { fetchRemoteConfig: true })).toBeUndefined();
  });
  it('is undefined when switched off, by the new or the deprecated option', () => {
    expect(remoteConfigUrl(API_KEY, { remoteConfig: { serverUrl: SERVER, fetchRemoteConfig: false } })).toBeUndefined();
    expect(remoteConfigUrl(API_KEY, { fetchRemoteConfig: false, remoteConfig: { serverUrl: SERVER } })).toBeUndefined();
    expect(remoteConfigUrl(API_KEY, { fetchRemoteConfig: false, remoteConfig: { serverUrl: SERVER, fetchRemoteConfig: true } })).toBeDefined();
  });
  it('browserSdkConfig picks configs.analyticsSDK.browserSDK', () => {
    expect(browserSdkConfig(response({ autocapture: true }))).toEqual({ autocapture: true });
    expect(browserSdkConfig({ configs: {} })).toBeUndefined();
    expect(browserSdkConfig(null)).toBeUndefined();
  });
});

describe('remote config client', () => {
  beforeEach(() => log.debug.mockClear());
  afterEach(() => vi.useRealTimers());

  it('fetches in the background with GET, caches in AMP_remote_config_<10>, and the cache applies next time', async () => {
    const s = store();
    const fetch = jsonFetch(response({ autocapture: { pageViews: true } }));
    const rc = remoteConfigClient({ apiKey: API_KEY, remoteConfig: { serverUrl: SERVER }, storage: s.area, fetch, log });
    expect(rc.cached()).toBeUndefined();
    expect(await rc.refresh()).toEqual({ autocapture: { pageViews: true } });
    expect(fetch).toHaveBeenCalledWith(`${SERVER}/${API_KEY}?config_group=browser`, expect.objectContaining({ method: 'GET' }));
    const entry = JSON.parse(s.data.get('AMP_remote_config_a2dbce0e18')!);
    expect(entry.remoteConfig).toEqual(response({ autocapture: { pageViews: true } }));
    expect(typeof entry.lastFetch).toBe('string');
    const next = remoteConfigClient({ apiKey: API_KEY, remoteConfig: { serverUrl: SERVER }, storage: s.area, fetch: jsonFetch({}), log });
    expect(next.cached()).toEqual({ autocapture: { pageViews: true } });
  });

  it('gives up after the timeout and keeps the cached copy', async () => {
    vi.useFakeTimers();
    const s = store();
    s.data.set('AMP_remote_config_a2dbce0e18', JSON.stringify({ remoteConfig: response({ autocapture: false }), lastFetch: 'x' }));
    let aborted = false;
    const hanging = vi.fn((_url: string, init?: RequestInit) => new Promise<Response>(() => init?.signal?.addEventListener('abort', () => (aborted = true))));
    const rc = remoteConfigClient({ apiKey: API_KEY, remoteConfig: { serverUrl: SERVER }, storage: s.area, fetch: hanging as any, log, timeout: 300 });
    const pending = rc.refresh();
    await vi.advanceTimersByTimeAsync(299);
    let settled = false;
    void pending.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toBeUndefined();
    expect(aborted).toBe(true);
    expect(rc.cached()).toEqual({ autocapture: false });
  });

  it('keeps the cache on an error answer, a network error or a body that is not JSON', async () => {
    const s = store();
    s.data.set('AMP_remote_config_a2dbce0e18', JSON.stringify({ remoteConfig: response({ autocapture: true }), lastFetch: 'x' }));
    for (const fetch of [jsonFetch({ error: 'x' }, 500), vi.fn(async () => { throw new TypeError('Failed to fetch'); }), vi.fn(async () => new Response('<html>'))]) {
      const rc = remoteConfigClient({ apiKey: API_KEY, remoteConfig: { serverUrl: SERVER }, storage: s.area, fetch: fetch as any, log });
      expect(await rc.refresh()).toBeUndefined();
      expect(rc.cached()).toEqual({ autocapture: true });
    }
  });

  it('does not write the cache while storing is not allowed (consent pending)', async () => {
    const s = store();
    const rc = remoteConfigClient({ apiKey: API_KEY, remoteConfig: { serverUrl: SERVER }, storage: s.area, fetch: jsonFetch(response({ autocapture: true })), log, canStore: () => false });
    expect(await rc.refresh()).toEqual({ autocapture: true });
    expect(s.data.size).toBe(0);
  });

  it('does nothing at all without a configured serverUrl', async () => {
    const s = store();
    s.data.set('AMP_remote_config_a2dbce0e18', JSON.stringify({ remoteConfig: response({ autocapture: true }), lastFetch: 'x' }));
    const fetch = jsonFetch({});
    const rc = remoteConfigClient({ apiKey: API_KEY, storage: s.area, fetch, log });
    expect(rc.cached()).toBeUndefined();
    expect(await rc.refresh()).toBeUndefined();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('ignores an unreadable cache', () => {
    const s = store();
    s.data.set('AMP_remote_config_a2dbce0e18', '{broken');
    expect(remoteConfigClient({ apiKey: API_KEY, remoteConfig: { serverUrl: SERVER }, storage: s.area, fetch: undefined, log }).cached()).toBeUndefined();
  });
});
