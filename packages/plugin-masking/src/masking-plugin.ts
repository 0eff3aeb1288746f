import type { Config, Event, Plugin } from '@footprint/core';
import { titleMasked } from './dom';
import { compilePatterns, MASK, redactText, type MaskPattern } from './redact';
import { looksLikeUrl, scrubUrl } from './url';

/** Options of `maskingPlugin`. */
export interface MaskingOptions {
  /** More patterns to mask, on top of emails, card numbers and US SSNs (at most 25). */
  maskTextRegex?: MaskPattern[];
  /**
   * Also scrub events the app tracks itself, not only autocaptured `[Amplitude] …` events
   * (docs/differences.md §C.7: a deliberate difference from the anchor).
   * @default true
   */
  maskCustomEvents?: boolean;
  /** More query parameter names whose values are masked in URLs (exact, case-insensitive). */
  sensitiveQueryParams?: string[];
}

const TITLE_KEYS = ['[Amplitude] Page Title', 'Page Title'];
const MAX_DEPTH = 8;

/**
 * Scrubs every string in a property bag: pattern redaction, and sensitive query parameters in URLs.
 * Returns a copy; the caller's object is never changed.
 * @example scrubProperties({ note: 'a@b.co' }, []) // { note: '*****' }
 */
export const scrubProperties = <T>(value: T, patterns: RegExp[], params: string[] = [], depth = 0): T => {
  if (typeof value === 'string') {
    const s = looksLikeUrl(value) ? scrubUrl(value, params) : value;
    return redactText(s, patterns) as T;
  }
  if (!value || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => scrubProperties(v, patterns, params, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) out[k] = scrubProperties((value as Record<string, unknown>)[k], patterns, params, depth + 1);
  return out as T;
};

/**
 * An enrichment plugin that scrubs every outgoing event's string properties (event, user and group
 * properties): autocaptured events always, the app's own events unless `maskCustomEvents: false`.
 * Add it after every other plugin so it sees their output. Also masks `Page Title` properties when the
 * page's `<title>` carries `data-amp-mask`.
 * @example client.add(maskingPlugin({ maskTextRegex: [/ends\s*in\s*\d{4}/i] }))
 */
export const maskingPlugin = (options: MaskingOptions = {}): Plugin => {
  let patterns: RegExp[] = [];
  const params = options.sensitiveQueryParams ?? [];
  const doc = () => (typeof document === 'undefined' ? undefined : document);
  return {
    name: '@footprint/plugin-masking',
    type: 'enrichment',
    setup(config: Config) {
      patterns = compilePatterns(options.maskTextRegex, (p) =>
        config.loggerProvider?.warn(__DEV__ ? `maskingPlugin: ignoring invalid maskTextRegex pattern ${String(p)}` : `E73 bad maskTextRegex ${String(p)}`),
      );
    },
    execute(event: Event) {
      const auto = event.event_type.startsWith('[Amplitude]');
      if (!auto && options.maskCustomEvents === false) return event;
      const out: Event = { ...event };
      for (const key of ['event_properties', 'user_properties', 'group_properties'] as const) {
        if (out[key]) out[key] = scrubProperties(out[key], patterns, params);
      }
      const props = out.event_properties;
      // Only events that carry a page title look at the page's <title>.
      const titled = props ? TITLE_KEYS.filter((k) => k in props) : [];
      const d = titled.length ? doc() : undefined;
      if (d && titleMasked(d)) for (const k of titled) props![k] = MASK;
      return out;
    },
  };
};
