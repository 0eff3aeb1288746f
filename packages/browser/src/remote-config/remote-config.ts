import type { WebStorageArea } from '../storage/web-storage';
import type { BrowserSdkRemoteConfig } from './merge';

/** The remote-config options `init` accepts (browser-sdk.md option table). */
export interface RemoteConfigOptions {
  /** @deprecated the anchor's older switch; `remoteConfig.fetchRemoteConfig` wins. */
  fetchRemoteConfig?: boolean;
  remoteConfig?: {
    /** Set false to neither fetch nor apply remote config. @default true */
    fetchRemoteConfig?: boolean;
    /**
     * Where remote config comes from, e.g. `https://your-proxy.example.com/config`; the SDK requests
     * `<serverUrl>/<apiKey>?config_group=browser`. Footprint fetches remote config ONLY when this is set
     * (PROTOCOL §C.6): it never calls Amplitude's config host on its own.
     */
    serverUrl?: string;
  };
}

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

/**
 * The URL remote config is fetched from, or `undefined` when it must not be fetched: switched off by
 * `remoteConfig.fetchRemoteConfig: false` (or the deprecated `fetchRemoteConfig: false`), or no
 * `remoteConfig.serverUrl` configured.
 * @example
 * remoteConfigUrl('API_KEY', { remoteConfig: { serverUrl: 'https://proxy.example.com/config' } });
 * // 'https://proxy.example.com/config/API_KEY?config_group=browser'
 */
export const remoteConfigUrl = (apiKey: string, options: RemoteConfigOptions): string | undefined => {
  const enabled = options.remoteConfig?.fetchRemoteConfig ?? options.fetchRemoteConfig ?? true;
  const base = options.remoteConfig?.serverUrl;
  if (!enabled || !base || !apiKey) return undefined;
  return `${base.replace(/\/+$/, '')}/${encodeURIComponent(apiKey)}?config_group=browser`;
};

/** `configs.analyticsSDK.browserSDK` of a remote-config response, if it is there. */
export const browserSdkConfig = (response: unknown): BrowserSdkRemoteConfig | undefined => {
  const v = (response as any)?.configs?.analyticsSDK?.browserSDK;
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
};

/**
 * Remote configuration that never blocks `init` (USER-PAIN 13): `cached()` reads the last response from
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
