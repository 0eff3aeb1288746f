// Whether remote config is configured, and where from: the only part of remote config every page needs.
// The rest (fetching, caching, merging) loads with import() when this says it is configured.

/** The remote-config options `init` accepts (docs/autocapture.md "Remote configuration"). */
export interface RemoteConfigOptions {
  /** @deprecated the anchor's older switch; `remoteConfig.fetchRemoteConfig` wins. */
  fetchRemoteConfig?: boolean;
  remoteConfig?: {
    /** Set false to neither fetch nor apply remote config. @default true */
    fetchRemoteConfig?: boolean;
    /**
     * Where remote config comes from, e.g. `https://your-proxy.example.com/config`; the SDK requests
     * `<serverUrl>/<apiKey>?config_group=browser`. Footprint fetches remote config ONLY when this is set
     * (docs/differences.md §C.6): it never calls Amplitude's config host on its own.
     */
    serverUrl?: string;
  };
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
