import type { Options } from '@footprint/core';
import type { WebStorageArea } from '../storage/web-storage';
import { applyRemoteConfig, type BrowserSdkRemoteConfig } from './merge';
import { remoteConfigUrl, type RemoteConfigOptions } from './url';

export { remoteConfigUrl, type RemoteConfigOptions };

/** What {@link remoteConfigClient} needs. */
export interface RemoteConfigClientOptions extends RemoteConfigOptions {
  apiKey: string;
  /** The page's `localStorage` (the cache lives at `AMP_remote_config_<apiKey first 10>`). */
  storage: () => WebStorageArea | undefined;
  /** The page's `fetch`; without it nothing is fetched. */
  fetch: typeof fetch | undefined;
  /** Whether the cache may be written now (false while consent is pending or denied). @default () => true */
  canStore?: () => boolean;
  /** Milliseconds before a fetch is abandoned. @default 2000 */
  timeout?: number;
  log: { debug(...a: unknown[]): void; warn(...a: unknown[]): void };
}

/** The cache entry, in the anchor's format: the whole response plus when it was fetched. */
interface CacheEntry {
  remoteConfig: unknown;
  lastFetch: string;
}

/** `configs.analyticsSDK.browserSDK` of a remote-config response, if it is there. */
export const browserSdkConfig = (response: unknown): BrowserSdkRemoteConfig | undefined => {
  const v = (response as any)?.configs?.analyticsSDK?.browserSDK;
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
};

/**
 * Remote configuration that never blocks `init` (docs/differences.md §C.6): `cached()` reads the last response from
 * localStorage synchronously, so it applies at once; `refresh()` fetches a fresh one in the background,
 * with a short timeout and no retries, and stores it for the next page load.
 * @example
 * const rc = remoteConfigClient({ apiKey, remoteConfig: { serverUrl }, storage: () => localStorage, fetch, log });
 * const options2 = applyRemoteConfig(options, rc.cached());
 * void rc.refresh();
 */
export const remoteConfigClient = (options: RemoteConfigClientOptions) => {
  const { apiKey, storage, log, canStore = () => true, timeout = 2000 } = options;
  const url = remoteConfigUrl(apiKey, options);
  const key = `AMP_remote_config_${apiKey.slice(0, 10)}`;

  const cached = (): BrowserSdkRemoteConfig | undefined => {
    if (!url) return undefined;
    try {
      const raw = storage()?.getItem(key);
      return raw ? browserSdkConfig((JSON.parse(raw) as CacheEntry).remoteConfig) : undefined;
    } catch (e) {
      log.debug('remote config: bad cache', e);
      return undefined;
    }
  };

  const refresh = async (): Promise<BrowserSdkRemoteConfig | undefined> => {
    const fetchImpl = options.fetch;
    if (!url || !fetchImpl) return undefined;
    const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller?.abort();
          reject(new Error(`timed out after ${timeout} ms`));
        }, timeout);
      });
      const res = await Promise.race([fetchImpl(url, { method: 'GET', headers: { Accept: '*/*' }, signal: controller?.signal }), timedOut]);
      if (!res.ok) {
        log.debug(`remote config: HTTP ${res.status}`);
        return undefined;
      }
      const body: unknown = await Promise.race([res.json(), timedOut]);
      if (canStore()) {
        try {
          storage()?.setItem(key, JSON.stringify({ remoteConfig: body, lastFetch: new Date().toISOString() } satisfies CacheEntry));
        } catch (e) {
          log.debug('remote config: not cached', e);
        }
      }
      return browserSdkConfig(body);
    } catch (e) {
      log.debug('remote config: fetch failed', e);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  };

  return { url, cached, refresh };
};

/**
 * Remote config at `init`, once this module is loaded: `options` with the cached config applied
 * (`undefined` when nothing is cached), and `refresh` to fetch a fresh one for the next page load.
 * @example
 * const { options: merged, refresh } = startRemoteConfig(options, { apiKey, ...options, storage, fetch, log });
 * await init(apiKey, merged ?? options).promise;
 * void refresh();
 */
export const startRemoteConfig = (options: Options, client: RemoteConfigClientOptions) => {
  const rc = remoteConfigClient(client);
  const cached = rc.cached();
  return { options: cached ? applyRemoteConfig(options, cached, client.log.warn) : undefined, refresh: rc.refresh };
};
