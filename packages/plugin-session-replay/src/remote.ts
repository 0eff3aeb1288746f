// Replay settings from a remote config, read only where one is configured (docs/session-replay.md
// "Remote config"): never blocking, never from a host the site did not name.
import type { ReplayPrivacyConfig } from '@footprint/plugin-masking';

/** What a remote config may say about replay. */
export interface ReplayRemoteConfig {
  captureEnabled?: boolean;
  sampleRate?: number;
  privacy?: ReplayPrivacyConfig;
}

const obj = (v: unknown): Record<string, any> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, any>) : undefined);

/**
 * `configs.sessionReplay` of a remote-config response: `sr_sampling_config` (`capture_enabled`,
 * `sample_rate`) and `sr_privacy_config`. A sampling config without `capture_enabled` disables capture,
 * as in the anchor.
 * @example parseReplayConfig({ configs: { sessionReplay: { sr_sampling_config: { capture_enabled: true, sample_rate: 0.5 } } } })
 */
export const parseReplayConfig = (response: unknown): ReplayRemoteConfig | undefined => {
  const sr = obj(obj(obj(response)?.configs)?.sessionReplay);
  if (!sr) return undefined;
  const out: ReplayRemoteConfig = {};
  const sampling = obj(sr.sr_sampling_config);
  if (sampling && Object.keys(sampling).length) {
    out.captureEnabled = sampling.capture_enabled === true;
    if (typeof sampling.sample_rate === 'number') out.sampleRate = sampling.sample_rate;
  }
  const privacy = obj(sr.sr_privacy_config);
  if (privacy) out.privacy = privacy as ReplayPrivacyConfig;
  return out;
};

const arr = (v: unknown): string[] => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []);

/**
 * Local privacy options joined with the remote ones: the remote level wins, selectors add up.
 * @example joinPrivacy({ maskSelector: ['.a'] }, { defaultMaskLevel: 'light', maskSelector: ['.b'] })
 */
export const joinPrivacy = (local: ReplayPrivacyConfig = {}, remote?: ReplayPrivacyConfig): ReplayPrivacyConfig =>
  remote
    ? {
        defaultMaskLevel: remote.defaultMaskLevel ?? local.defaultMaskLevel,
        blockSelector: [...arr(local.blockSelector), ...arr(remote.blockSelector)],
        maskSelector: [...arr(local.maskSelector), ...arr(remote.maskSelector)],
        unmaskSelector: [...arr(local.unmaskSelector), ...arr(remote.unmaskSelector)],
      }
    : local;

/** `<base>/<apiKey>?config_group=browser`, the URL our browser remote config uses, or undefined. */
export const replayConfigUrl = (apiKey: string, base: string | undefined): string | undefined =>
  base ? `${base.replace(/\/+$/, '')}/${encodeURIComponent(apiKey)}?config_group=browser` : undefined;

/** The replay part of the browser remote config's cache (`AMP_remote_config_<apiKey first 10>`), if any. */
export const cachedReplayConfig = (storage: Pick<Storage, 'getItem'> | undefined, apiKey: string): ReplayRemoteConfig | undefined => {
  try {
    const raw = storage?.getItem(`AMP_remote_config_${apiKey.slice(0, 10)}`);
    return raw ? parseReplayConfig(JSON.parse(raw).remoteConfig) : undefined;
  } catch {
    return undefined;
  }
};

/** Fetches the replay config once, giving up after `timeoutMs`; undefined on any failure. */
export const fetchReplayConfig = async (fetchImpl: typeof fetch | undefined, url: string, timeoutMs = 2000): Promise<ReplayRemoteConfig | undefined> => {
  if (!fetchImpl) return undefined;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetchImpl(url, { headers: { Accept: '*/*' }, signal: controller.signal });
    return res.ok ? parseReplayConfig(await res.json()) : undefined;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
};
