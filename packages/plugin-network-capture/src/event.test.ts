import { describe, expect, it } from 'vitest';
import { captureBody, networkEventProperties } from './event';
import type { NetworkRequestRecord } from './types';

const record = (over: Partial<NetworkRequestRecord> = {}): NetworkRequestRecord => ({
  type: 'fetch',
  url: 'https://u:p@api.example.com/v1/items?page=2&token=abc#access_token=xyz',
  method: 'POST',
  startTime: 1_700_000_000_000,
  duration: 123.7,
  status: 503,
  ...over,
});

// The schema's property list for "[Amplitude] Network Request" (docs/autocapture.md "Network requests").
const SCHEMA = [
  '[Amplitude] URL',
  '[Amplitude] URL Query',
  '[Amplitude] URL Fragment',
  '[Amplitude] Request Method',
  '[Amplitude] Status Code',
  '[Amplitude] Error Code',
  '[Amplitude] Error Message',
  '[Amplitude] Start Time',
  '[Amplitude] Completion Time',
  '[Amplitude] Duration',
  '[Amplitude] Request Body Size',
  '[Amplitude] Response Body Size',
  '[Amplitude] Request Body',
  '[Amplitude] Response Body',
];

describe('networkEventProperties', () => {
  it('builds the documented properties with the URL masked', () => {
    expect(networkEventProperties(record({ responseBodySize: 10 }), {}, {}, 5)).toEqual({
      '[Amplitude] URL': 'https://api.example.com/v1/items',
      '[Amplitude] URL Query': 'page=2&token=*****',
      '[Amplitude] URL Fragment': 'access_token=*****',
      '[Amplitude] Request Method': 'POST',
      '[Amplitude] Status Code': 503,
      '[Amplitude] Start Time': 1_700_000_000_000,
      '[Amplitude] Completion Time': 1_700_000_000_123,
      '[Amplitude] Duration': 123,
      '[Amplitude] Request Body Size': 5,
      '[Amplitude] Response Body Size': 10,
      '[Amplitude] Request Type': 'fetch',
    });
  });

  it('uses only schema names (plus the anchor\'s Request Type and headers)', () => {
    const props = networkEventProperties(
      record({ status: 0, error: { code: 'TypeError', message: 'Failed to fetch' }, requestHeaders: {}, responseHeaders: 'etag: 1' }),
      { requestHeaders: ['content-type'], responseHeaders: ['etag'] },
      { requestBody: '{}', responseBody: '{}', responseBodySize: 2 },
      2,
    );
    const extra = ['[Amplitude] Request Type', '[Amplitude] Request Headers', '[Amplitude] Response Headers'];
    expect(Object.keys(props).sort()).toEqual([...SCHEMA, ...extra].sort());
  });

  it('adds Error Code and Message only for status 0', () => {
    const failed = networkEventProperties(record({ status: 0, error: { code: 'TypeError', message: 'Failed to fetch' } }), {}, {});
    expect(failed['[Amplitude] Error Code']).toBe('TypeError');
    expect(failed['[Amplitude] Error Message']).toBe('Failed to fetch');
    const answered = networkEventProperties(record({ status: 500, error: { code: 'x', message: 'y' } }), {}, {});
    expect(answered).not.toHaveProperty('[Amplitude] Error Code');
  });

  it('captures the headers a rule asks for, never credentials', () => {
    const props = networkEventProperties(
      record({ requestHeaders: { Authorization: 'Bearer t', 'Content-Type': 'application/json' }, responseHeaders: new Headers({ etag: '"1"', 'x-other': 'o' }) }),
      { requestHeaders: ['content-type', 'authorization'], responseHeaders: ['etag'] },
      {},
    );
    expect(props['[Amplitude] Request Headers']).toEqual({ 'content-type': 'application/json' });
    expect(props['[Amplitude] Response Headers']).toEqual({ etag: '"1"' });
  });

  it('leaves header properties out when there was nothing to read', () => {
    const props = networkEventProperties(record({ status: 0 }), { requestHeaders: ['a'], responseHeaders: ['b'] }, {});
    expect(props).not.toHaveProperty('[Amplitude] Request Headers');
    expect(props).not.toHaveProperty('[Amplitude] Response Headers');
  });

  it('prefers the declared response size, else the size learned by reading', () => {
    expect(networkEventProperties(record(), {}, { responseBodySize: 7 })['[Amplitude] Response Body Size']).toBe(7);
    expect(networkEventProperties(record({ responseBodySize: 9 }), {}, { responseBodySize: 7 })['[Amplitude] Response Body Size']).toBe(9);
  });
});

describe('captureBody', () => {
  it.each([
    ['{"a":1,"b":{"c":2,"d":3}}', ['b/c'], [], '{"b":{"c":2}}'],
    ['{"a":1,"b":{"c":2,"d":3}}', ['**'], ['b/d'], '{"a":1,"b":{"c":2}}'],
    ['{"a":1}', ['x'], [], '{}'],
    ['not json', ['**'], [], undefined],
    ['"a string"', ['**'], [], undefined],
  ])('%s allow %j block %j → %s', (raw, allow, block, expected) => {
    expect(captureBody(raw, { allow, block })).toBe(expected);
  });

  it('accepts an already parsed value (XHR responseType "json") without changing it', () => {
    const value = { a: 1, b: 2 };
    expect(captureBody(value, { allow: ['a'], block: [] })).toBe('{"a":1}');
    expect(value).toEqual({ a: 1, b: 2 });
  });
});
