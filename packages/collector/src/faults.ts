import { STATUS_CODES } from 'node:http';
import { isObject } from './validate';

/** What `POST /_footprint/faults` accepts; each of the next `count` uploads consumes one. */
export interface FaultSpec {
  /** Which uploads it applies to: analytics events (`/2/httpapi`, `/batch`) or session replay (`/sessions/v2/track`). @default 'events' */
  api?: FaultApi;
  /** How many uploads this fault applies to. @default 1 */
  count?: number;
  /** Answer with this status WITHOUT storing the events. */
  status?: number;
  /** JSON answered as is; defaults to a body matching `status` ({@link defaultFaultBody}). */
  body?: unknown;
  /** Extra response headers, e.g. `{ 'Retry-After': '2' }`. */
  headers?: Record<string, string>;
  /** Wait this long before answering; with no status the upload is then processed normally. */
  delayMs?: number;
  /** Destroy the socket without answering. */
  drop?: boolean;
  /** Never answer: the request hangs until the client gives up or the collector stops. */
  hang?: boolean;
  /** Apply only to uploads of at least this many events (smaller ones pass and do not consume the fault), e.g. 413 above N. */
  minEvents?: number;
  /** Apply to every upload for this long after the fault is set (instead of `count` uploads), e.g. a 429 window. */
  windowMs?: number;
  /** With status 400 and no `body`: the fields the default body names as invalid (for event 0). @default ['event_type'] */
  fields?: string[];
}

/** The upload APIs a fault can target. */
export type FaultApi = 'events' | 'replay';

/** One consumed fault: the spec without its count, window and condition. */
export type Fault = Omit<FaultSpec, 'count' | 'windowMs' | 'minEvents' | 'api'>;

/**
 * A queued fault: how many uploads it still applies to, or until when (`until`, ms epoch) for a window,
 * and the smallest upload it applies to.
 */
export type PendingFault = Fault & { remaining: number; until?: number; windowMs?: number; minEvents?: number; api?: FaultApi };

export interface FaultQueue {
  add(faults: readonly PendingFault[]): void;
  /** Consumes one use of the oldest pending fault that applies to an upload of `events` events to `api`. */
  take(events: number, api?: FaultApi): Fault | undefined;
  clear(): void;
  pending(): PendingFault[];
  /** Called after every change (add, take, clear, expiry seen by `pending`). */
  onChange(listener: () => void): void;
}

const MAX_DELAY_MS = 120_000;

/**
 * A FIFO of injected faults.
 * @example
 * const faults = createFaults();
 * faults.add([{ status: 503, remaining: 2 }]);
 */
export function createFaults(now: () => number = Date.now): FaultQueue {
  let queue: PendingFault[] = [];
  const listeners: Array<() => void> = [];
  const changed = () => listeners.forEach((listener) => listener());
  const expire = () => {
    const live = queue.filter((f) => f.until === undefined || f.until > now());
    if (live.length === queue.length) return;
    queue = live;
    changed();
  };
  return {
    add: (faults) => {
      queue = [...queue, ...faults.map((f) => (f.windowMs === undefined ? { ...f } : { ...f, until: now() + f.windowMs }))];
      changed();
    },
    take: (events, api = 'events') => {
      expire();
      const head = queue.find((f) => (f.api ?? 'events') === api && (f.minEvents === undefined || events >= f.minEvents));
      if (!head) return undefined;
      if (head.until === undefined) {
        head.remaining -= 1;
        if (head.remaining <= 0) queue = queue.filter((f) => f !== head);
      }
      const { remaining: _r, until: _u, windowMs: _w, minEvents: _m, api: _a, ...fault } = head;
      changed();
      return fault;
    },
    clear: () => {
      queue = [];
      changed();
    },
    pending: () => {
      expire();
      return queue.map((f) => ({ ...f }));
    },
    onChange: (listener) => void listeners.push(listener),
  };
}


/**
 * Checks a fault request body: one spec object or an array of them.
 * @example
 * parseFaults({ status: 429, count: 2, headers: { 'Retry-After': '1' } });
 */
export function parseFaults(input: unknown): { ok: true; faults: PendingFault[] } | { ok: false; error: string } {
  const specs = Array.isArray(input) ? input : [input];
  const faults: PendingFault[] = [];
  for (const spec of specs) {
    const error = specError(spec);
    if (error) return { ok: false, error: `Invalid fault: ${error}` };
    const { api, count, status, body, headers, delayMs, drop, hang, minEvents, windowMs, fields } = spec as FaultSpec;
    const fault: PendingFault = { remaining: count ?? 1 };
    if (api !== undefined) fault.api = api;
    if (status !== undefined) fault.status = status;
    if (body !== undefined) fault.body = body;
    if (headers !== undefined) fault.headers = headers;
    if (delayMs !== undefined) fault.delayMs = delayMs;
    if (drop !== undefined) fault.drop = drop;
    if (hang !== undefined) fault.hang = hang;
    if (minEvents !== undefined) fault.minEvents = minEvents;
    if (windowMs !== undefined) fault.windowMs = windowMs;
    if (fields !== undefined) fault.fields = fields;
    faults.push(fault);
  }
  return { ok: true, faults };
}

function specError(spec: unknown): string | undefined {
  if (!isObject(spec)) return 'expected a JSON object';
  const { api, count, status, headers, delayMs, drop, hang, minEvents, windowMs, fields } = spec;
  if (api !== undefined && api !== 'events' && api !== 'replay') return "api must be 'events' or 'replay'";
  if (count !== undefined && !(Number.isInteger(count) && (count as number) > 0)) return 'count must be a positive integer';
  if (status !== undefined && !(Number.isInteger(status) && (status as number) >= 100 && (status as number) <= 599)) {
    return 'status must be an integer between 100 and 599';
  }
  if (headers !== undefined && !(isObject(headers) && Object.values(headers).every((v) => typeof v === 'string'))) {
    return 'headers must map names to strings';
  }
  if (delayMs !== undefined && !(typeof delayMs === 'number' && delayMs >= 0 && delayMs <= MAX_DELAY_MS)) {
    return `delayMs must be a number between 0 and ${MAX_DELAY_MS}`;
  }
  if (drop !== undefined && typeof drop !== 'boolean') return 'drop must be a boolean';
  if (hang !== undefined && typeof hang !== 'boolean') return 'hang must be a boolean';
  if (minEvents !== undefined && !(Number.isInteger(minEvents) && (minEvents as number) > 0)) return 'minEvents must be a positive integer';
  if (windowMs !== undefined && !(typeof windowMs === 'number' && windowMs > 0 && windowMs <= 3_600_000)) {
    return 'windowMs must be a number of ms up to one hour';
  }
  if (fields !== undefined && !(Array.isArray(fields) && fields.length > 0 && fields.every((f) => typeof f === 'string' && f !== ''))) {
    return 'fields must be a list of field names';
  }
  if (status === undefined && delayMs === undefined && drop !== true && hang !== true && headers === undefined) {
    return 'give at least one of status, delayMs, drop, hang, headers';
  }
  return undefined;
}

/**
 * The body a real service would send with `status` (docs/protocol.md §B.4), naming the upload's events where it names any.
 * @example
 * defaultFaultBody(429, [{ device_id: 'd-1' }]); // throttles device d-1, event 0
 */
export function defaultFaultBody(status: number, events: readonly unknown[], fields: readonly string[] = ['event_type']): unknown {
  const indices = events.map((_, i) => i);
  switch (status) {
    case 400:
      return {
        code: 400,
        error: 'Invalid field values on some events',
        events_with_invalid_fields: Object.fromEntries(fields.map((field) => [field, indices.slice(0, 1)])),
      };
    case 413:
      return { code: 413, error: 'Payload too large' };
    case 429:
      return {
        code: 429,
        error: 'Too many requests for some devices and users',
        eps_threshold: 30,
        throttled_devices: throttled(events, 'device_id'),
        throttled_users: throttled(events, 'user_id'),
        throttled_events: indices,
      };
    case 500:
      return { code: 500, error: 'Internal server error' };
    case 503:
      return { code: 503, error: 'Service unavailable' };
    default:
      return { code: status, error: STATUS_CODES[status] ?? 'Injected fault' };
  }
}

function throttled(events: readonly unknown[], field: 'device_id' | 'user_id'): Record<string, number> {
  const ids: Record<string, number> = {};
  for (const event of events) {
    const id = isObject(event) ? event[field] : undefined;
    if (typeof id === 'string') ids[id] = 31;
  }
  return ids;
}
