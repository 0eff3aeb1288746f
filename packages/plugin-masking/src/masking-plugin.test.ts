import { createClient, type Config, type Event, type Transport, type UploadPayload } from '@footprint/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { maskingPlugin, scrubProperties } from './masking-plugin';
import { MASK } from './redact';

const config = (warnings: string[] = []) =>
  ({ loggerProvider: { warn: (m: string) => warnings.push(m), log() {}, error() {}, debug() {} } }) as unknown as Config;

const run = (options: Parameters<typeof maskingPlugin>[0], event: Event, warnings?: string[]) => {
  const p = maskingPlugin(options);
  p.setup!(config(warnings), {});
  return p.execute!(event) as Event;
};

beforeEach(() => {
  document.head.innerHTML = '';
});

describe('maskingPlugin', () => {
  it('is an enrichment plugin', () => {
    expect(maskingPlugin()).toMatchObject({ name: '@footprint/plugin-masking', type: 'enrichment' });
  });

  it('scrubs autocaptured events, nested values included, without touching the caller object', () => {
    const props = { '[Amplitude] Element Text': 'a@b.co', nested: { list: ['4111 1111 1111 1111', 3] }, n: 123456789 };
    const out = run({}, { event_type: '[Amplitude] Element Clicked', event_properties: props, user_id: 'jane@corp.com' });
    expect(out.event_properties).toEqual({ '[Amplitude] Element Text': MASK, nested: { list: [MASK, 3] }, n: 123456789 });
    expect(props['[Amplitude] Element Text']).toBe('a@b.co');
    expect(out.user_id).toBe('jane@corp.com'); // identity fields are the app's choice
  });

  it('scrubs custom events by default (docs/differences.md §C.7), and not when maskCustomEvents is false', () => {
    const event = { event_type: 'Signed Up', event_properties: { email: 'jane@corp.com' }, user_properties: { $set: { ssn: '123-45-6789' } } };
    expect(run({}, event)).toMatchObject({ event_properties: { email: MASK }, user_properties: { $set: { ssn: MASK } } });
    expect(run({ maskCustomEvents: false }, event)).toEqual(event);
    // …but autocaptured events are always scrubbed.
    expect(run({ maskCustomEvents: false }, { event_type: '[Amplitude] Rage Click', event_properties: { t: 'a@b.co' } }).event_properties).toEqual({ t: MASK });
  });

  it('applies maskTextRegex and warns about invalid patterns', () => {
    const warnings: string[] = [];
    const out = run({ maskTextRegex: [/ends\s*in\s*\d{4}/i, '('] }, { event_type: 'x', event_properties: { hint: 'Ends in 4242' } }, warnings);
    expect(out.event_properties).toEqual({ hint: MASK });
    expect(warnings).toHaveLength(1);
  });

  it('masks sensitive query parameters in URL-valued strings, user-named ones too', () => {
    const out = run({ sensitiveQueryParams: ['account'] }, {
      event_type: '[Amplitude] Page Viewed',
      event_properties: { '[Amplitude] Page Location': 'https://a.co/x?token=t&account=7&page=2' },
    });
    expect(out.event_properties!['[Amplitude] Page Location']).toBe(`https://a.co/x?token=${MASK}&account=${MASK}&page=2`);
  });

  it('masks Page Title properties of every event when <title> has data-amp-mask', () => {
    const event = { event_type: '[Amplitude] Page Viewed', event_properties: { '[Amplitude] Page Title': 'John Doe - Banking' } };
    expect(run({}, event).event_properties!['[Amplitude] Page Title']).toBe('John Doe - Banking');
    document.head.innerHTML = '<title data-amp-mask>John Doe - Banking</title>';
    expect(run({}, event).event_properties!['[Amplitude] Page Title']).toBe(MASK);
  });

  it('scrubs what reaches the wire through a real client', async () => {
    const sent: UploadPayload[] = [];
    const transport: Transport = { send: async (_url, payload) => (sent.push(payload), { status: 200, body: { code: 200 } }) };
    const client = createClient({ library: 'test/0' });
    await client.init('key', { transportProvider: transport, flushIntervalMillis: 1 }).promise;
    await client.add(maskingPlugin()).promise;
    await client.track('Contact', { note: 'write to jane@corp.com' }).promise;
    expect(sent.flatMap((p) => p.events).find((e) => e.event_type === 'Contact')!.event_properties).toEqual({ note: `write to ${MASK}` });
  });
});

describe('scrubProperties', () => {
  it('stops at a bounded depth instead of recursing forever', () => {
    const cyclic: Record<string, unknown> = { a: 'x' };
    cyclic.self = cyclic;
    expect(() => scrubProperties(cyclic, [])).not.toThrow();
  });
});
