// Pure HTTP V2 request validation (docs/protocol.md §B.3, §B.4): no I/O, so it is tested without a server.

/** Minimum user_id/device_id length unless the request's `options.min_id_length` says otherwise. @default 5 */
export const DEFAULT_MIN_ID_LENGTH = 5;
/** Longest string accepted in a top-level event field (docs/protocol.md §B.3). */
export const MAX_STRING_LENGTH = 1024;
/** Ids the service refuses, compared case-insensitively (docs/protocol.md §B.3). */
export const INVALID_ID_VALUES: ReadonlySet<string> = new Set([
  'anonymous', 'nil', 'none', 'null', 'n/a', 'na', 'undefined', 'unknown', '',
  '00000000-0000-0000-0000-000000000000', '{}', 'lmy47d', '0', '-1',
]);

/** Field name → indices of the events that hit the error. */
export type IndexMap = Record<string, number[]>;

/** An event that passed validation. */
export type IngestEvent = Record<string, unknown> & { event_type: string };

/** The body of a non-200 answer, shaped like the service's (docs/protocol.md §B.4). */
export interface ErrorBody {
  code: number;
  error: string;
  missing_field?: string;
  events_with_missing_fields?: IndexMap;
  events_with_invalid_fields?: IndexMap;
  events_with_invalid_id_lengths?: IndexMap;
}

export type ParseResult = { ok: true; value: unknown } | { ok: false; body: ErrorBody };

export type ValidationResult =
  | { ok: true; apiKey: string; events: IngestEvent[] }
  | { ok: false; status: 400 | 413; body: ErrorBody };

export interface ValidationLimits {
  maxEventsPerRequest: number;
}

/** Whether `value` is a JSON object (not `null`, not an array): the collector's one definition. */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const badRequest = (body: Omit<ErrorBody, 'code'>): ErrorBody => ({ code: 400, ...body });

/**
 * Parses a request body as JSON, answering like the service when it is empty or not JSON.
 * @example
 * const parsed = parseUploadJson(text);
 * if (!parsed.ok) reply(400, parsed.body);
 */
export function parseUploadJson(text: string): ParseResult {
  if (text.trim() === '') return { ok: false, body: badRequest({ error: 'Missing request body' }) };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, body: badRequest({ error: 'Invalid JSON request body' }) };
  }
}

/**
 * Checks an HTTP V2 body `{api_key, events, options?}`; the whole request is refused when one event is invalid.
 * @example
 * const result = validateUpload(JSON.parse(text), { maxEventsPerRequest: 2000 });
 * if (!result.ok) reply(result.status, result.body);
 */
export function validateUpload(body: unknown, limits: ValidationLimits): ValidationResult {
  if (!isObject(body)) return { ok: false, status: 400, body: badRequest({ error: 'Invalid JSON request body' }) };
  if (typeof body.api_key !== 'string' || body.api_key === '') return missingField('api_key');
  if (!Array.isArray(body.events)) return missingField('events');
  if (body.events.length > limits.maxEventsPerRequest) {
    return { ok: false, status: 413, body: { code: 413, error: 'Payload too large' } };
  }
  const problems = checkEvents(body.events, minIdLength(body.options));
  if (problems) return { ok: false, status: 400, body: problems };
  return { ok: true, apiKey: body.api_key, events: body.events as IngestEvent[] };
}

function missingField(field: string): ValidationResult {
  return { ok: false, status: 400, body: badRequest({ error: 'Request missing required field', missing_field: field }) };
}

function minIdLength(options: unknown): number {
  const value = isObject(options) ? options.min_id_length : undefined;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : DEFAULT_MIN_ID_LENGTH;
}

/**
 * Lists every problem of every event, or returns undefined when all are valid.
 * @example
 * checkEvents([{ event_type: 'a' }], 5); // { code: 400, error: 'Request missing required field', events_with_missing_fields: { device_id: [0] } }
 */
export function checkEvents(events: readonly unknown[], minIdLength: number): ErrorBody | undefined {
  const missing: IndexMap = {};
  const invalid: IndexMap = {};
  const idLengths: IndexMap = {};
  events.forEach((event, i) => {
    if (!isObject(event)) return add(invalid, 'event', i);
    const type = event.event_type;
    if (typeof type !== 'string' || type === '') add(missing, 'event_type', i);
    if (event.user_id == null && event.device_id == null) add(missing, 'device_id', i);
    for (const field of ['user_id', 'device_id']) {
      const problem = idProblem(event[field], minIdLength);
      if (problem === 'invalid') add(invalid, field, i);
      if (problem === 'length') add(idLengths, field, i);
    }
    if (event.time != null && !Number.isInteger(event.time)) add(invalid, 'time', i);
    for (const [field, value] of Object.entries(event)) {
      if (typeof value === 'string' && value.length > MAX_STRING_LENGTH) add(invalid, field, i);
    }
  });
  const body: ErrorBody = { code: 400, error: errorFor(missing, idLengths, invalid) };
  if (nonEmpty(missing)) body.events_with_missing_fields = missing;
  if (nonEmpty(idLengths)) body.events_with_invalid_id_lengths = idLengths;
  if (nonEmpty(invalid)) body.events_with_invalid_fields = invalid;
  return body.error ? body : undefined;
}

function idProblem(value: unknown, minLength: number): 'invalid' | 'length' | undefined {
  if (value == null) return undefined;
  if (typeof value !== 'string') return 'invalid';
  // "All-zero device ids rejected" (§B.3) covers any run of zeros and dashes, not only the nil UUID.
  if (INVALID_ID_VALUES.has(value.toLowerCase()) || /^[0-]+$/.test(value)) return 'invalid';
  return value.length < minLength ? 'length' : undefined;
}

function errorFor(missing: IndexMap, idLengths: IndexMap, invalid: IndexMap): string {
  if (nonEmpty(missing)) return 'Request missing required field';
  if (nonEmpty(idLengths)) return 'Invalid id length for user_id or device_id';
  if (Object.keys(invalid).length === 1 && invalid.event) return 'Invalid event JSON';
  if (nonEmpty(invalid)) return 'Invalid field values on some events';
  return '';
}

function add(map: IndexMap, field: string, index: number): void {
  const list = (map[field] ??= []);
  if (list[list.length - 1] !== index) list.push(index);
}

const nonEmpty = (map: IndexMap): boolean => Object.keys(map).length > 0;
