import type { ReplayPrivacyConfig } from '@footprint/plugin-masking';

/** Where the anchor uploads replays; `serverZone: 'EU'` uses the EU host. See docs/session-replay.md "Wire format". */
export const TRACK_URL_US = 'https://api-sr.amplitude.com/sessions/v2/track';
export const TRACK_URL_EU = 'https://api-sr.eu.amplitude.com/sessions/v2/track';

/** The request a custom transport (`handleSendEvents`) is asked to make. */
export interface ReplaySendRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string | Uint8Array;
  keepalive: boolean;
}

/**
 * The options of `sessionReplayPlugin`, named as the anchor's `@amplitude/plugin-session-replay-browser`
 * names them. Options the anchor has that Footprint accepts but does not act on are listed in the
 * package README ("Options").
 * @example
 * sessionReplayPlugin({ sampleRate: 0.1, privacyConfig: { defaultMaskLevel: 'conservative' } });
 */
export interface SessionReplayOptions {
  /** Share of sessions recorded, 0–1; the decision is a hash of the session id. @default 0 (as the anchor: nothing) */
  sampleRate?: number;
  /** Masking: level, block/mask/unmask selectors. @default { defaultMaskLevel: 'medium' } */
  privacyConfig?: ReplayPrivacyConfig & { maskAttributes?: string[] };
  /** Full URL replays are posted to. @default 'https://api-sr.amplitude.com/sessions/v2/track' (EU host for serverZone 'EU') */
  trackServerUrl?: string;
  /** `'EU'` picks the EU host when `trackServerUrl` is not set. @default the SDK's serverZone */
  serverZone?: 'US' | 'EU';
  /** Base URL of a remote config holding `configs.sessionReplay`; requested as `<url>/<apiKey>?config_group=browser`. @default the SDK's `remoteConfig.serverUrl` */
  configServerUrl?: string;
  /** Record under this device id instead of the SDK's. */
  deviceId?: string;
  /** `'memory'` keeps unsent replay data in memory only (lost on reload). @default 'idb' */
  storeType?: 'idb' | 'memory';
  /** Serialize and gzip in a worker where the page allows one; `false` keeps it on the main thread. @default true */
  useWebWorker?: boolean;
  /** @deprecated the anchor's older name of `useWebWorker`. */
  experimental?: { useWebWorker?: boolean };
  /** Inline same-origin stylesheets in snapshots. @default true */
  shouldInlineStylesheet?: boolean;
  /** Record images as data URLs. @default false */
  inlineImages?: boolean;
  /** `maxIntervalMs` is how often recorded events are uploaded. @default { maxIntervalMs: 10000 } */
  flushIntervalConfig?: { minIntervalMs?: number; maxIntervalMs?: number };
  /** Upper bound of unsent replay data kept (UTF-8 bytes of serialized events); the oldest chunks go first. @default 6000000 */
  maxPersistedEventsSizeBytes?: number;
  /** Milliseconds before an upload is abandoned and retried. @default 10000 */
  sendTimeoutMs?: number;
  /** Sends uploads yourself (a proxy with its own auth): gets the request, answers a `Response`. */
  handleSendEvents?: (request: ReplaySendRequest) => Promise<Response>;
  // Accepted for compatibility, not acted on (README "Options").
  debugMode?: boolean;
  forceSessionTracking?: boolean;
  performanceConfig?: { enabled: boolean; timeout?: number };
  customSessionId?: (event: unknown) => string | undefined;
  applyBackgroundColorToBlockedElements?: boolean;
  interactionConfig?: unknown;
  enableUrlChangePolling?: boolean;
  urlChangePollingInterval?: number;
  captureDocumentTitle?: boolean;
  captureAdoptedStyleSheets?: boolean;
  crossOriginIframes?: unknown;
  eagerFullSnapshotSend?: boolean;
  captureFullSnapshotOnFocus?: boolean;
  handleFetchConfig?: unknown;
  maxSingleEventSizeBytes?: number;
}

/**
 * The upload URL: `trackServerUrl` as given, else the anchor's host for the zone.
 * @example trackUrl({ serverZone: 'EU' }) // 'https://api-sr.eu.amplitude.com/sessions/v2/track'
 */
export const trackUrl = (options: Pick<SessionReplayOptions, 'trackServerUrl' | 'serverZone'>): string =>
  options.trackServerUrl || (String(options.serverZone).toUpperCase() === 'EU' ? TRACK_URL_EU : TRACK_URL_US);

/** A sample rate clamped to 0–1; anything else counts as 0 (record nothing). */
export const sampleRateOf = (value: unknown): number => (typeof value === 'number' && value > 0 ? Math.min(value, 1) : 0);
