// Resolved delivery settings: the config's values checked once, with defaults (docs/protocol.md §A.11).
import { createLogger, type SdkLogger } from '../logger';
import { LogLevel, type Config } from '../types';
import type { DeliveryOptions, TabLocks } from './options';

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

/**
 * The default memory bound on unsent events (docs/delivery.md "Bounds"): far above what storage holds
 * (localStorage keeps ~5 MB per site), so only a page that cannot reach its endpoint for a long time meets it.
 */
export const MAX_QUEUED_EVENTS = 100_000;
export const MAX_QUEUED_BYTES = 50 * 1024 * 1024;

const num = (value: unknown, fallback: number, min = 0) => (typeof value === 'number' && Number.isFinite(value) && value >= min ? value : fallback);

/**
 * Reads the delivery settings from a client config.
 * @example
 * const s = resolveSettings(config, 'https://api2.amplitude.com/2/httpapi', memoryLocks);
 */
export const resolveSettings = (c: Config & DeliveryOptions, url: string, defaultLocks: () => TabLocks): Settings => ({
  url,
  baseKey: `AMP_unsent_${(c.apiKey ?? '').substring(0, 10)}`,
  batchSize: Math.floor(num(c.flushQueueSize, 30, 1)),
  interval: num(c.flushIntervalMillis, 1000),
  maxRetries: Math.floor(num(c.flushMaxRetries, 5, 1)),
  maxEvents: Math.floor(num(c.maxQueuedEvents, MAX_QUEUED_EVENTS, 1)),
  maxBytes: num(c.maxQueuedBytes, MAX_QUEUED_BYTES, 1),
  retryBase: num(c.retryBaseMillis, 1000),
  retryMax: num(c.retryMaxMillis, 30_000),
  retryAfterMax: num(c.retryAfterMaxMillis, 60_000),
  throttle: num(c.throttleMillis, 30_000),
  requestTimeout: num(c.requestTimeoutMillis, 30_000, 1),
  adoptInterval: num(c.adoptIntervalMillis, 10_000, 100),
  locks: c.tabLocks ?? defaultLocks(),
  log: createLogger(c.logLevel ?? LogLevel.Warn, c.loggerProvider ?? console),
});
