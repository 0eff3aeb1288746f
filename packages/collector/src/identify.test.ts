// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, startTestCollector } from './test-helpers';

afterEach(cleanup);

const form = (fields: Record<string, string>) => new URLSearchParams(fields);
const post = (url: string, path: string, body: URLSearchParams | string, headers: Record<string, string> = {}) =>
  fetch(`${url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body });

describe('POST /identify', () => {
  it('stores each identification as a $identify event marked by its API, and answers "success"', async () => {
    const { collector } = await startTestCollector();
    const identification = '[{"user_id":"user-12345", "user_properties":{"new-checkout":"on"}}, {"device_id":"device-67890","user_properties":{"$set":{"plan":"pro"}}}]';
    const res = await post(collector.url, '/identify', form({ api_key: 'split-key', identification }), { Origin: 'https://shop.example' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(await res.text()).toBe('success');
    expect(collector.store.events()).toMatchObject([
      { event_type: '$identify', user_id: 'user-12345', user_properties: { 'new-checkout': 'on' }, received_via: '/identify', api_key: 'split-key' },
      { event_type: '$identify', device_id: 'device-67890', user_properties: { $set: { plan: 'pro' } }, received_via: '/identify' },
    ]);
    expect(collector.store.uploads()).toMatchObject([{ path: '/identify', status: 200, events: 2 }]);
  });

  it('accepts one object instead of an array, a GET with query parameters, and a JSON body', async () => {
    const { collector } = await startTestCollector();
    expect(await (await post(collector.url, '/identify', form({ api_key: 'k', identification: '{"user_id":"single-user"}' }))).text()).toBe('success');
    const query = form({ api_key: 'k', identification: '{"user_id":"query-user"}' });
    expect(await (await fetch(`${collector.url}/identify?${query}`)).text()).toBe('success');
    const json = await post(collector.url, '/identify', JSON.stringify({ api_key: 'k', identification: [{ user_id: 'json-user' }] }), { 'Content-Type': 'application/json' });
    expect(await json.text()).toBe('success');
    expect(collector.store.events().map((e) => e.user_id)).toEqual(['single-user', 'query-user', 'json-user']);
  });

  it('refuses what the service refuses, with the HTTP V2 error bodies, and stores nothing', async () => {
    const { collector } = await startTestCollector();
    const answer = async (fields: Record<string, string>) => {
      const res = await post(collector.url, '/identify', form(fields));
      return [res.status, await res.json()];
    };
    expect(await answer({ identification: '{"user_id":"user-12345"}' })).toEqual([400, { code: 400, error: 'Request missing required field', missing_field: 'api_key' }]);
    expect(await answer({ api_key: 'k' })).toEqual([400, { code: 400, error: 'Request missing required field', missing_field: 'identification' }]);
    expect(await answer({ api_key: 'k', identification: '[{"user_id":' })).toEqual([
      400,
      { code: 400, error: 'Invalid identification: expected a JSON object or an array of objects' },
    ]);
    expect(await answer({ api_key: 'k', identification: '[{"user_properties":{"a":1}},{"user_id":"abc"}]' })).toEqual([
      400,
      {
        code: 400,
        error: 'Request missing required field',
        events_with_missing_fields: { device_id: [0] },
        events_with_invalid_id_lengths: { user_id: [1] },
      },
    ]);
    const many = JSON.stringify(Array.from({ length: 2001 }, (_, i) => ({ user_id: `user-${i}-xx` })));
    expect(await answer({ api_key: 'k', identification: many })).toEqual([413, { code: 413, error: 'Payload too large' }]);
    expect(collector.store.events()).toEqual([]);
    expect(collector.store.rejected().map((r) => r.status)).toEqual([400, 400, 400, 400, 413]);
  });

  it('is subject to injected faults like any upload', async () => {
    const { collector } = await startTestCollector();
    await fetch(`${collector.url}/_footprint/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"status":503}' });
    expect((await post(collector.url, '/identify', form({ api_key: 'k', identification: '{"user_id":"user-12345"}' }))).status).toBe(503);
    expect(collector.store.events()).toEqual([]);
  });
});

describe('POST /groupidentify', () => {
  it('stores each group identification as a $groupidentify event with its group, and answers "success"', async () => {
    const { collector } = await startTestCollector();
    const identification = '[{"group_properties":{"org csm":"Lucas","org plan":"Enterprise"},"group_type":"Seller","group_value":"12345678"}]';
    const res = await post(collector.url, '/groupidentify', form({ api_key: 'k', identification }));
    expect([res.status, await res.text()]).toEqual([200, 'success']);
    expect(collector.store.events()).toMatchObject([
      { event_type: '$groupidentify', groups: { Seller: '12345678' }, group_type: 'Seller', group_value: '12345678', group_properties: { 'org plan': 'Enterprise' }, received_via: '/groupidentify' },
    ]);
  });

  it('needs group_type and group_value, and group_properties as an object; at most 1024 per request', async () => {
    const { collector } = await startTestCollector();
    const res = await post(collector.url, '/groupidentify', form({ api_key: 'k', identification: '[{"group_value":"x"},{"group_type":"Org","group_value":"y","group_properties":"no"}]' }));
    expect([res.status, await res.json()]).toEqual([
      400,
      { code: 400, error: 'Request missing required field', events_with_missing_fields: { group_type: [0] }, events_with_invalid_fields: { group_properties: [1] } },
    ]);
    const many = JSON.stringify(Array.from({ length: 1025 }, (_, i) => ({ group_type: 'Org', group_value: String(i) })));
    expect((await post(collector.url, '/groupidentify', form({ api_key: 'k', identification: many }))).status).toBe(413);
    expect(collector.store.events()).toEqual([]);
  });
});
