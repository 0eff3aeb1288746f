// The replay wire format, byte-compatible in shape with the anchor's (docs/session-replay.md "Wire format").
import { utf8Length } from '@footprint/core';
import { scrubUrl } from '@footprint/plugin-masking';

/** The event property naming the replay of an event's session. */
export const REPLAY_PROPERTY = '[Amplitude] Session Replay ID';
/** The answer header by which the replay server asks to pause (`429`) or stop a session (`4004`, `4005`). */
export const SKIPPED_HEADER = 'X-Session-Replay-Event-Skipped';
/** Largest page-exit beacon body, uncompressed (the browser's beacon quota). */
export const BEACON_LIMIT = 64 * 1024;
/** Largest body sent as a keepalive fetch (the browser's keepalive quota, less room for the SDK's own). */
export const KEEPALIVE_LIMIT = 48 * 1024;
/** The version reported in `X-Client-Version`. */
export const VERSION = '0.1.0';

/** `<device_id>/<session_id>`, the Session Replay ID. */
export const replayId = (deviceId: string, sessionId: number): string => `${deviceId}/${sessionId}`;

/**
 * The upload URL of one session: `<base>?device_id=&session_id=&type=replay`, plus `api_key` for beacons
 * (which cannot carry an Authorization header).
 * @example uploadUrl('https://api-sr.amplitude.com/sessions/v2/track', 'dev-1', 1700000000000)
 */
export const uploadUrl = (base: string, deviceId: string, sessionId: number, apiKey?: string): string => {
  const q = new URLSearchParams({ device_id: deviceId, session_id: String(sessionId), type: 'replay' });
  if (apiKey) q.set('api_key', apiKey);
  return `${base}${base.includes('?') ? '&' : '?'}${q}`;
};

/** The request body: `{"version":1,"events":["<serialized rrweb event>", …]}`. */
export const body = (events: readonly string[]): string => JSON.stringify({ version: 1, events });

/** UTF-8 length of the body of `events`, without building it (a bound: escaping may add a little). */
export const bodyBytes = (events: readonly string[]): number => {
  let n = 24;
  for (const e of events) n += utf8Length(e) + 3;
  return n;
};

/** The headers of an upload, as the anchor sends them (the page URL scrubbed of sensitive parameters). */
export const uploadHeaders = (apiKey: string, gzip: boolean, pageUrl: string, sampleRate: number): Record<string, string> => ({
  'Content-Type': 'application/json',
  Accept: '*/*',
  Authorization: `Bearer ${apiKey}`,
  'X-Client-Version': VERSION,
  'X-Client-Library': `footprint-plugin/${VERSION}`,
  'X-Client-Url': scrubUrl(pageUrl).slice(0, 1000),
  'X-Client-Sample-Rate': String(sampleRate),
  ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
});

/** What to do with a chunk after an answer (docs/session-replay.md "Delivery"). */
export type Verdict = 'done' | 'pause' | 'kill' | 'split' | 'retry' | 'drop';

/**
 * The fate of an upload from its status and `X-Session-Replay-Event-Skipped` (status 0: no answer).
 * @example verdict(200, '4005') // 'kill'
 */
export const verdict = (status: number, skipped: string | null): Verdict => {
  if (status >= 200 && status < 300) return skipped === '429' ? 'pause' : skipped === '4004' || skipped === '4005' ? 'kill' : 'done';
  if (status === 413) return 'split';
  if (status === 0 || status === 408 || status === 429 || status === 499 || status >= 500) return 'retry';
  return 'drop';
};

/** Backoff before retry `attempt` (1-based): exponential from 1 s, capped at 60 s, with full jitter. */
export const backoff = (attempt: number, random: () => number = Math.random): number => Math.round(Math.min(60_000, 1000 * 2 ** (attempt - 1)) * (0.5 + random() / 2));
