// Resolved delivery settings: the config's values checked once, with defaults (docs/protocol.md §A.11).
import { createLogger, type SdkLogger } from '../logger';
import { optionDefaults } from '../config';
import { LogLevel, type Config, type DefaultedOption, type TabLocks } from '../types';

export interface Settings {
  url: string;
  /** `AMP_unsent_<apiKey[0..10)>`, the anchor's key (docs/protocol.md §A.6). */
  baseKey: string;
  batchSize: number;
  interval: number;
  maxRetries: number;
  maxEvents: number;
  maxBytes: number;
  retryBase: number;
  retryMax: number;
  retryAfterMax: number;
  throttle: number;
  requestTimeout: number;
  adoptInterval: number;
  locks: TabLocks;
  log: SdkLogger;
}

const num = (value: unknown, fallback: number, min = 0) => (typeof value === 'number' && Number.isFinite(value) && value >= min ? value : fallback);

/**
 * Reads the delivery settings from a client config; a missing or unusable value gets its default from
 * the options schema (types.ts `OPTIONS`). The default memory bound on unsent events (docs/delivery.md
 * "Bounds") is far above what storage holds (localStorage keeps ~5 MB per site), so only a page that
 * cannot reach its endpoint for a long time meets it.
 * @example
 * const s = resolveSettings(config, 'https://api2.amplitude.com/2/httpapi', memoryLocks);
 */
export const resolveSettings = (c: Partial<Config>, url: string, defaultLocks: () => TabLocks): Settings => {
  const d = optionDefaults();
  type Numeric = Exclude<DefaultedOption, 'instanceName'>;
  const n = (name: Numeric, min = 0) => num(c[name], d[name], min);
  return {
    url,
    baseKey: `AMP_unsent_${(c.apiKey ?? '').substring(0, 10)}`,
    batchSize: Math.floor(n('flushQueueSize', 1)),
    interval: n('flushIntervalMillis'),
    maxRetries: Math.floor(n('flushMaxRetries', 1)),
    maxEvents: Math.floor(n('maxQueuedEvents', 1)),
    maxBytes: n('maxQueuedBytes', 1),
    retryBase: n('retryBaseMillis'),
    retryMax: n('retryMaxMillis'),
    retryAfterMax: n('retryAfterMaxMillis'),
    throttle: n('throttleMillis'),
    requestTimeout: n('requestTimeoutMillis', 1),
    adoptInterval: n('adoptIntervalMillis', 100),
    locks: c.tabLocks ?? defaultLocks(),
    log: createLogger(c.logLevel ?? LogLevel.Warn, c.loggerProvider ?? console),
  };
};
