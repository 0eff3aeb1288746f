// The Identify API (`/identify`) and the Group Identify API (`/groupidentify`): form-encoded `api_key` and
// `identification` (one JSON object or an array), answered `success` (docs/collector.md "Identify and Group Identify").
import type { IncomingMessage } from 'node:http';
import type { IngestApi } from './ingest';
import { checkEvents, DEFAULT_MIN_ID_LENGTH, isObject } from './validate';
import type { ErrorBody, IngestEvent } from './validate';

/** Most identifications in one request: the HTTP V2 event limit for /identify, 1024 for /groupidentify. */
export const MAX_IDENTIFICATIONS = { identify: 2000, groupidentify: 1024 } as const;

type Which = keyof typeof MAX_IDENTIFICATIONS;

const bad = (error: string, extra: Partial<ErrorBody> = {}): { ok: false; body: ErrorBody } => ({ ok: false, body: { code: 400, error, ...extra } });

/** Reads `api_key` and `identification` from a form body (or a JSON object, or the query string). */
function fields(text: string, req: IncomingMessage): Record<string, unknown> | undefined {
  const type = String(req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  const query = new URL(req.url ?? '/', 'http://collector.invalid').searchParams;
  if (type === 'application/json') {
    try {
      const value: unknown = JSON.parse(text);
      return isObject(value) ? value : undefined;
    } catch {
      return undefined;
    }
  }
  const form = new URLSearchParams(text);
  const read = (name: string) => form.get(name) ?? query.get(name) ?? undefined;
  return { api_key: read('api_key'), identification: read('identification') };
}

/** Parses an identification field: a JSON string (object or array) or, from a JSON body, the value itself. */
function identifications(value: unknown): unknown[] | undefined {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (Array.isArray(parsed)) return parsed;
  return isObject(parsed) ? [parsed] : undefined;
}

/** One identification as the event the collector stores and shows, marked by the API it came through. */
function toEvent(which: Which, item: unknown): unknown {
  if (!isObject(item)) return item;
  if (which === 'identify') return { ...item, event_type: '$identify', received_via: '/identify' };
  const { group_type, group_value, ...rest } = item;
  const groups = typeof group_type === 'string' ? { [group_type]: group_value } : undefined;
  return { ...rest, event_type: '$groupidentify', groups, group_type, group_value, received_via: '/groupidentify' };
}

/** Checks group identifications: `group_type` and `group_value` (string or list of strings), `group_properties` an object. */
function checkGroups(items: readonly unknown[]): ErrorBody | undefined {
  const missing: Record<string, number[]> = {};
  const invalid: Record<string, number[]> = {};
  const add = (map: Record<string, number[]>, field: string, i: number) => (map[field] ??= []).push(i);
  items.forEach((item, i) => {
    if (!isObject(item)) return add(invalid, 'identification', i);
    if (item.group_type === undefined || item.group_type === '') add(missing, 'group_type', i);
    else if (typeof item.group_type !== 'string') add(invalid, 'group_type', i);
    const value = item.group_value;
    if (value === undefined || value === '') add(missing, 'group_value', i);
    else if (!(typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string')))) add(invalid, 'group_value', i);
    if (item.group_properties !== undefined && !isObject(item.group_properties)) add(invalid, 'group_properties', i);
  });
  const body: ErrorBody = { code: 400, error: '' };
  if (Object.keys(missing).length) {
    body.error = 'Request missing required field';
    body.events_with_missing_fields = missing;
  }
  if (Object.keys(invalid).length) {
    body.error ||= 'Invalid field values on some events';
    body.events_with_invalid_fields = invalid;
  }
  return body.error ? body : undefined;
}

/**
 * The ingestion API for `/identify` or `/groupidentify`.
 * @example
 * { path: '/identify', door: 'ingest', methods: ['POST', 'GET'], handle: (req, res, ctx) => ingest(req, res, ctx, identifyApi('identify')) }
 */
export function identifyApi(which: Which): IngestApi {
  return {
    decode: (text, req) => {
      const body = fields(text, req);
      if (!body) return bad('Invalid JSON request body');
      if (typeof body.api_key !== 'string' || body.api_key === '') return bad('Request missing required field', { missing_field: 'api_key' });
      if (body.identification === undefined || body.identification === null || body.identification === '') {
        return bad('Request missing required field', { missing_field: 'identification' });
      }
      const items = identifications(body.identification);
      if (!items) return bad('Invalid identification: expected a JSON object or an array of objects');
      return { ok: true, value: { apiKey: body.api_key, items }, events: items };
    },
    validate: (value) => {
      const { apiKey, items } = value as { apiKey: string; items: unknown[] };
      if (items.length > MAX_IDENTIFICATIONS[which]) return { ok: false, status: 413, body: { code: 413, error: 'Payload too large' } };
      const events = items.map((item) => toEvent(which, item));
      // Identify: the ids follow the HTTP V2 rules (user_id or device_id, lengths, the invalid list, string sizes).
      const problems = which === 'identify' ? checkEvents(events, DEFAULT_MIN_ID_LENGTH) : checkGroups(items);
      if (problems) return { ok: false, status: 400, body: problems };
      return { ok: true, apiKey, events: events as IngestEvent[] };
    },
    answer: () => ({ body: 'success', text: true }),
  };
}
