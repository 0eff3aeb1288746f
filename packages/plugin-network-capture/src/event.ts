import { scrubUrl } from '@footprint/plugin-masking';
import { headersToRecord, pickHeaders } from './headers';
import { filterJson } from './json-filter';
import type { CaptureSpec } from './rules';
import type { NetworkRequestRecord } from './types';
import { splitUrl } from './url';

/**
 * The event type, the one web autocapture event that keeps the `[Amplitude]` prefix (docs/autocapture.md "Network requests").
 * @example events.filter((e) => e.event_type === NETWORK_REQUEST_EVENT)
 */
export const NETWORK_REQUEST_EVENT = '[Amplitude] Network Request';

/** The captured bodies, already filtered and serialized, and a response size learned by reading it. */
export interface CapturedBodies {
  requestBody?: string;
  responseBody?: string;
  responseBodySize?: number;
}

// Query strings and fragments (OAuth implicit flow puts tokens there) go through the masking rules.
const scrubParams = (params: string) => (params ? scrubUrl(`?${params}`).slice(1) : params);

/**
 * Filters a body (JSON text or an already parsed value) through a body rule and serializes the
 * result; `undefined` when it is not JSON or the rule captures nothing.
 * @example captureBody('{"a":1,"b":2}', { allow: ['a'], block: [] }) // '{"a":1}'
 */
export const captureBody = (raw: unknown, spec: { allow: string[]; block: string[] }): string | undefined => {
  let json = raw;
  if (typeof raw === 'string') {
    try {
      json = JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  const filtered = filterJson(json, spec.allow, spec.block);
  return filtered === undefined ? undefined : JSON.stringify(filtered);
};

/**
 * The `[Amplitude] Network Request` event properties for a captured request (schema names; absent
 * values are left out). The URL loses its credentials; query and fragment are masked.
 * @example networkEventProperties(record, {}, {})['[Amplitude] Status Code'] // 503
 */
export const networkEventProperties = (record: NetworkRequestRecord, spec: CaptureSpec, bodies: CapturedBodies, requestBodySize?: number): Record<string, unknown> => {
  const url = splitUrl(record.url);
  const duration = Math.max(0, Math.floor(record.duration));
  const props: Record<string, unknown> = {
    '[Amplitude] URL': url.base,
    '[Amplitude] URL Query': scrubParams(url.query),
    '[Amplitude] URL Fragment': scrubParams(url.fragment),
    '[Amplitude] Request Method': record.method,
    '[Amplitude] Status Code': record.status,
    '[Amplitude] Start Time': record.startTime,
    '[Amplitude] Completion Time': Math.floor(record.startTime + duration),
    '[Amplitude] Duration': duration,
    '[Amplitude] Request Type': record.type,
  };
  if (record.status === 0 && record.error) {
    props['[Amplitude] Error Code'] = record.error.code;
    props['[Amplitude] Error Message'] = record.error.message;
  }
  if (requestBodySize !== undefined) props['[Amplitude] Request Body Size'] = requestBodySize;
  const responseBodySize = record.responseBodySize ?? bodies.responseBodySize;
  if (responseBodySize !== undefined) props['[Amplitude] Response Body Size'] = responseBodySize;
  // Absent when the request had no headers to read (fetch without init, fetch that failed), as the anchor.
  if (spec.requestHeaders && record.requestHeaders !== undefined) {
    props['[Amplitude] Request Headers'] = pickHeaders(headersToRecord(record.requestHeaders), spec.requestHeaders);
  }
  if (spec.responseHeaders && record.responseHeaders !== undefined) {
    props['[Amplitude] Response Headers'] = pickHeaders(headersToRecord(record.responseHeaders), spec.responseHeaders);
  }
  if (bodies.requestBody !== undefined) props['[Amplitude] Request Body'] = bodies.requestBody;
  if (bodies.responseBody !== undefined) props['[Amplitude] Response Body'] = bodies.responseBody;
  return props;
};
