import type { AutocaptureOptions, Options } from '@footprint/core';

type Json = Record<string, any>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Normalizes the remote config's `enabled` flags into the local option shapes, recursively, without
 * changing its input: `{ enabled: false, … }` → `false`; `{ enabled: true }` → `true`;
 * `{ enabled: true, …rest }` → `{ …rest }`.
 * @example
 * translateRemoteConfig({ autocapture: { pageViews: { enabled: true }, webVitals: { enabled: false } } });
 * // { autocapture: { pageViews: true, webVitals: false } }
 */
export const translateRemoteConfig = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(translateRemoteConfig);
  if (!isRecord(value)) return value;
  if (value.enabled === false) return false;
  const { enabled, ...rest } = value;
  if (enabled === true && Object.keys(rest).length === 0) return true;
  const out: Json = {};
  for (const [k, v] of Object.entries(enabled === true ? rest : value)) out[k] = translateRemoteConfig(v);
  return out;
};

/** The features a boolean `autocapture` switches (the anchor expands a boolean to these before merging). */
const FEATURES: Array<keyof AutocaptureOptions> = [
  'attribution',
  'fileDownloads',
  'formInteractions',
  'pageViews',
  'sessions',
  'elementInteractions',
  'webVitals',
  'frustrationInteractions',
];

/** Turns remote regex-string lists into RegExp entries of the local list, skipping invalid patterns. */
const withRegexes = (exact: unknown, patterns: unknown, warn: (m: string) => void): unknown[] => {
  const out: unknown[] = Array.isArray(exact) ? [...exact] : [];
  for (const p of Array.isArray(patterns) ? patterns : []) {
    try {
      out.push(new RegExp(String(p)));
    } catch {
      warn(__DEV__ ? `remote config: invalid regular expression ${JSON.stringify(p)} is ignored` : `E64 remote config: bad regex ${JSON.stringify(p)}`);
    }
  }
  return out;
};

/**
 * Merges the remote `autocapture` settings into the local ones, feature by feature
 * (docs/autocapture.md "Remote configuration"): a feature the remote names takes the remote value, any
 * other keeps the local value; a local `true`/`false` is first expanded to every feature. Remote
 * `pageUrlAllowlistRegex` and network `urlsRegex` lists become RegExp entries of the local lists.
 * @example
 * mergeAutocapture(false, { pageViews: true, elementInteractions: true });
 * // { attribution: false, …, pageViews: true, elementInteractions: true }
 */
export const mergeAutocapture = (
  local: boolean | AutocaptureOptions | undefined,
  remote: unknown,
  warn: (message: string) => void = () => {},
): boolean | AutocaptureOptions | undefined => {
  if (typeof remote === 'boolean') return remote;
  if (!isRecord(remote)) return local;
  const r: Json = { ...remote };
  const ei = r.elementInteractions;
  if (isRecord(ei) && Array.isArray(ei.pageUrlAllowlistRegex)) {
    const { pageUrlAllowlistRegex, ...rest } = ei;
    r.elementInteractions = { ...rest, pageUrlAllowlist: withRegexes(rest.pageUrlAllowlist, pageUrlAllowlistRegex, warn) };
  }
  const nt = r.networkTracking;
  if (isRecord(nt) && Array.isArray(nt.captureRules)) {
    r.networkTracking = {
      ...nt,
      captureRules: nt.captureRules.map((rule: unknown) => {
        if (!isRecord(rule) || !('urlsRegex' in rule)) return rule;
        const { urlsRegex, ...rest } = rule;
        return { ...rest, urls: withRegexes(rest.urls, urlsRegex, warn) };
      }),
    };
  }
  if (local === undefined) return r as AutocaptureOptions;
  const base: Json = typeof local === 'boolean' ? Object.fromEntries(FEATURES.map((f) => [f, local])) : local;
  return { ...base, ...r } as AutocaptureOptions;
};

/** The part of the remote config that concerns this SDK: `configs.analyticsSDK.browserSDK`. */
export interface BrowserSdkRemoteConfig {
  autocapture?: unknown;
  [key: string]: unknown;
}

/**
 * Returns `options` with a remote config applied: `autocapture` merged per feature (and
 * `defaultTracking` following it, as the anchor does). Other remote keys are ignored. Never throws.
 * @example
 * applyRemoteConfig({ autocapture: false }, { autocapture: { pageViews: { enabled: true } } });
 * // { autocapture: { …all false…, pageViews: true }, defaultTracking: … }
 */
export const applyRemoteConfig = (options: Options, remote: unknown, warn: (message: string) => void = () => {}): Options => {
  const translated = translateRemoteConfig(remote);
  if (!isRecord(translated) || !('autocapture' in translated)) return options;
  const autocapture = mergeAutocapture(options.autocapture ?? options.defaultTracking, translated.autocapture, warn);
  return { ...options, autocapture, ...(options.defaultTracking !== undefined && { defaultTracking: autocapture }) };
};
