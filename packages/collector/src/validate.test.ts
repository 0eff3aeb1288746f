// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { checkEvents, parseUploadJson, validateUpload } from './validate';

const limits = { maxEventsPerRequest: 2000 };
const ok = { event_type: 'Page Viewed', device_id: 'device-1234', time: 1_700_000_000_000 };
const body = (events: unknown[], extra: Record<string, unknown> = {}) => ({ api_key: 'key', events, ...extra });

describe('parseUploadJson', () => {
  it('refuses an empty body and malformed JSON like the service', () => {
    expect(parseUploadJson('')).toEqual({ ok: false, body: { code: 400, error: 'Missing request body' } });
    expect(parseUploadJson('{"api_key":')).toEqual({ ok: false, body: { code: 400, error: 'Invalid JSON request body' } });
    expect(parseUploadJson('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
  });
});

describe('validateUpload', () => {
  it('accepts a valid upload and returns its api key and events', () => {
    expect(validateUpload(body([ok]), limits)).toEqual({ ok: true, apiKey: 'key', events: [ok] });
  });

  it('names a missing api_key or events field', () => {
    expect(validateUpload({ events: [ok] }, limits)).toMatchObject({
      status: 400,
      body: { error: 'Request missing required field', missing_field: 'api_key' },
    });
    expect(validateUpload({ api_key: 'key', events: {} }, limits)).toMatchObject({
      status: 400,
      body: { error: 'Request missing required field', missing_field: 'events' },
    });
    expect(validateUpload([1, 2], limits)).toMatchObject({ status: 400, body: { error: 'Invalid JSON request body' } });
  });

  it('answers 413 when there are more events than allowed', () => {
    expect(validateUpload(body([ok, ok, ok]), { maxEventsPerRequest: 2 })).toEqual({
      ok: false,
      status: 413,
      body: { code: 413, error: 'Payload too large' },
    });
  });

  it('lists events with a missing, empty or non-string event_type', () => {
    const events = [ok, { device_id: 'device-1234' }, { ...ok, event_type: '' }, { ...ok, event_type: 7 }];
    expect(validateUpload(body(events), limits)).toEqual({
      ok: false,
      status: 400,
      body: { code: 400, error: 'Request missing required field', events_with_missing_fields: { event_type: [1, 2, 3] } },
    });
  });

  it('lists events with neither user_id nor device_id under device_id', () => {
    const result = validateUpload(body([ok, { event_type: 'a' }, { event_type: 'b', user_id: 'user-1234' }]), limits);
    expect(result).toMatchObject({ status: 400, body: { events_with_missing_fields: { device_id: [1] } } });
  });

  it('rejects ids shorter than min_id_length, defaulting to 5', () => {
    const events = [{ ...ok, user_id: 'abcd' }, { ...ok, device_id: 'abc' }, { ...ok, user_id: 'abcde' }];
    expect(validateUpload(body(events), limits)).toEqual({
      ok: false,
      status: 400,
      body: {
        code: 400,
        error: 'Invalid id length for user_id or device_id',
        events_with_invalid_id_lengths: { user_id: [0], device_id: [1] },
      },
    });
    expect(validateUpload(body(events, { options: { min_id_length: 3 } }), limits).ok).toBe(true);
    expect(validateUpload(body(events, { options: { min_id_length: 6 } }), limits)).toMatchObject({
      body: { events_with_invalid_id_lengths: { user_id: [0, 2], device_id: [1] } },
    });
  });

  it('rejects the service\'s invalid id values, case-insensitively', () => {
    const bad = ['Anonymous', 'NULL', 'undefined', '00000000-0000-0000-0000-000000000000', 'LMY47D', '{}', 'n/a', '-1', '0'];
    const events = bad.map((id) => ({ ...ok, device_id: id }));
    const result = validateUpload(body([ok, ...events], { options: { min_id_length: 1 } }), limits);
    expect(result).toEqual({
      ok: false,
      status: 400,
      body: { code: 400, error: 'Invalid field values on some events', events_with_invalid_fields: { device_id: bad.map((_, i) => i + 1) } },
    });
    expect(validateUpload(body([{ ...ok, user_id: 'unknown' }]), limits)).toMatchObject({
      body: { events_with_invalid_fields: { user_id: [0] } },
    });
  });

  it('rejects a time that is not an integer ms epoch', () => {
    const events = [ok, { ...ok, time: '2024-01-01T00:00:00Z' }, { ...ok, time: 1.5 }, { ...ok, time: 1_700_000_000_000 }];
    expect(validateUpload(body(events), limits)).toMatchObject({
      status: 400,
      body: { error: 'Invalid field values on some events', events_with_invalid_fields: { time: [1, 2] } },
    });
  });

  it('rejects top-level strings longer than 1024 characters, naming the field', () => {
    const events = [{ ...ok, platform: 'x'.repeat(1024) }, { ...ok, platform: 'x'.repeat(1025) }, { ...ok, user_id: 'u'.repeat(2000) }];
    expect(validateUpload(body(events), limits)).toMatchObject({
      status: 400,
      body: { events_with_invalid_fields: { platform: [1], user_id: [2] } },
    });
  });

  it('reports every category at once so a client can drop all bad events', () => {
    const result = checkEvents([{ event_type: 'a' }, { ...ok, user_id: 'ab' }, { ...ok, time: 'now' }, 42], 5);
    expect(result).toEqual({
      code: 400,
      error: 'Request missing required field',
      events_with_missing_fields: { device_id: [0] },
      events_with_invalid_id_lengths: { user_id: [1] },
      events_with_invalid_fields: { time: [2], event: [3] },
    });
    expect(checkEvents([ok, ok], 5)).toBeUndefined();
  });
});
