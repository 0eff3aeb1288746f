// Reading an upload's answer (docs/protocol.md §A.4, §B.4) with our changes (docs/differences.md §C.3, docs/differences.md §C.4): pure, no timers.
import type { Event, TransportResponse } from '../types';
import { parseRetryAfter } from './backoff';
import { isObject } from '../validate';

/**
 * What to do with a batch after its answer (numbers rather than names: they are never shown, and cost
 * fewer bytes):
 * - `DONE`: delivered. - `RETRY`: transient failure; count an attempt and back off.
 * - `REQUEUE`: send the survivors again without counting an attempt (the server rejected or held others).
 * - `SPLIT`: halve this batch and resend; a single event is dropped instead.
 */
export const DONE = 0, RETRY = 1, REQUEUE = 2, SPLIT = 3;

/** An answer's verdict. Events named in `drop` are rejected for good with the given message, whatever the action. */
export interface Verdict {
  action: typeof DONE | typeof RETRY | typeof REQUEUE | typeof SPLIT;
  code: number;
  message: string;
  drop: Map<number, string>;
  /** Users/devices to hold back (429). */
  hold?: { users: string[]; devices: string[] };
  /** From `Retry-After`. */
  retryAfterMs?: number;
}

const INDEX_GROUPS = ['events_with_invalid_fields', 'events_with_missing_fields', 'events_with_invalid_id_lengths'];


/** Indices of events the server names as invalid, with the field each was rejected for. */
export const namedInvalid = (body: Record<string, any>): Map<number, string> => {
  const out = new Map<number, string>();
  for (const group of INDEX_GROUPS) {
    if (!isObject(body[group])) continue;
    for (const [field, list] of Object.entries(body[group])) {
      if (Array.isArray(list)) for (const i of list) if (Number.isInteger(i) && !out.has(i)) out.set(i, field);
    }
  }
  if (Array.isArray(body.silenced_events)) for (const i of body.silenced_events) if (Number.isInteger(i)) out.set(i, 'silenced');
  return out;
};

const header = (res: TransportResponse, name: string) => {
  const headers = res.headers ?? {};
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
};

const describe = (status: number, body: unknown) => `${status}: ${typeof body === 'string' ? body : JSON.stringify(body ?? null)}`;

/**
 * Classifies one answer. The status is the body's `code` when it has one, else the HTTP status; `null`
 * (network error, timeout) is status 0.
 * @example
 * classifyAnswer({ status: 413, body: { code: 413 } }, events, Date.now(), 60_000).action; // SPLIT
 */
export const classifyAnswer = (res: TransportResponse | null, events: readonly Event[], now: number, retryAfterMaxMs: number): Verdict => {
  const drop = new Map<number, string>();
  if (!res) return { action: RETRY, code: 0, message: 'No answer (network error, timeout or offline)', drop };
  const body = isObject(res.body) ? res.body : {};
  const status = typeof body.code === 'number' ? body.code : res.status;
  // Success, the common case, needs no message (and no re-serialized body).
  if (status >= 200 && status < 300) return { action: DONE, code: status, message: '', drop };
  const error = typeof body.error === 'string' ? body.error : '';
  const retryAfterMs = parseRetryAfter(header(res, 'retry-after'), now, retryAfterMaxMs);
  const base = { code: status, message: error || describe(status, res.body), drop, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };

  if (status === 413) return { ...base, action: SPLIT };
  if (status === 429) {
    // The ids a map of the body names (user or device id → count), as a set.
    const ids = (field: string) => new Set(Object.keys(isObject(body[field]) ? body[field] : {}));
    const quotaUsers = ids('exceeded_daily_quota_users');
    const quotaDevices = ids('exceeded_daily_quota_devices');
    const users = ids('throttled_users');
    const devices = ids('throttled_devices');
    const throttled = new Set<number>(Array.isArray(body.throttled_events) ? body.throttled_events : []);
    events.forEach((e, i) => {
      if ((e.user_id && quotaUsers.has(e.user_id)) || (e.device_id && quotaDevices.has(e.device_id))) {
        drop.set(i, `${error || 'Too many requests'}: daily quota exceeded`);
      } else if (throttled.has(i) && !(e.user_id && users.has(e.user_id)) && !(e.device_id && devices.has(e.device_id))) {
        // A throttled event whose user/device the body does not name: hold its device (else its user).
        if (e.device_id) devices.add(e.device_id);
        else if (e.user_id) users.add(e.user_id);
      }
    });
    // A 429 naming nobody holds back the whole batch: treat it as a transient failure.
    if (!users.size && !devices.size && drop.size === 0) return { ...base, action: RETRY };
    return { ...base, action: REQUEUE, hold: { users: [...users], devices: [...devices] } };
  }
  if (status === 408 || status === 0 || status >= 500) return { ...base, action: RETRY };
  if (status === 400) {
    // The whole request is refused for good when the key is wrong or a required top-level field is missing.
    if (error.startsWith('Invalid API key') || (typeof body.missing_field === 'string' && body.missing_field)) {
      events.forEach((_, i) => drop.set(i, error));
      return { ...base, action: REQUEUE };
    }
    const named = namedInvalid(body);
    if (named.size) {
      for (const [i, field] of named) if (i >= 0 && i < events.length) drop.set(i, field ? `${error || 'Invalid event'} (${field})` : error);
      return { ...base, action: REQUEUE };
    }
    // A 400 naming no event: bisect to isolate the bad one rather than drop valid neighbours.
    return { ...base, action: SPLIT };
  }
  // Other 4xx (401, 403 WAF, 404 proxy misroute…): may be fixed by the operator; retry, then park.
  return { ...base, action: RETRY };
};
