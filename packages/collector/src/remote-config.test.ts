// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, startTestCollector } from './test-helpers';

afterEach(cleanup);

const setConfig = (url: string, body: unknown) =>
  fetch(`${url}/_footprint/remote-config`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('remote config endpoint', () => {
  it('answers the anchor request shape with an empty config until one is set', async () => {
    const { collector } = await startTestCollector();
    const res = await fetch(`${collector.url}/config/some-api-key?config_group=browser`, { headers: { Origin: 'http://localhost:3000' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(await res.json()).toEqual({ configs: {} });
  });

  it('serves the config set through the loopback endpoint, per API key or for every key', async () => {
    const { collector } = await startTestCollector();
    const everyone = { autocapture: { sessions: { enabled: true } } };
    const special = { autocapture: false };
    expect((await setConfig(collector.url, { browserSDK: everyone })).status).toBe(200);
    expect((await setConfig(collector.url, { apiKey: 'special-key', browserSDK: special })).status).toBe(200);
    const get = async (key: string, method = 'GET') => (await fetch(`${collector.url}/config/${key}?config_group=browser`, { method })).json();
    expect(await get('any-key')).toEqual({ configs: { analyticsSDK: { browserSDK: everyone } } });
    expect(await get('special-key', 'POST')).toEqual({ configs: { analyticsSDK: { browserSDK: special } } });
    expect(await (await fetch(`${collector.url}/_footprint/remote-config`)).json()).toEqual({ configs: { '': everyone, 'special-key': special } });

    await setConfig(collector.url, { apiKey: 'special-key', browserSDK: null });
    expect(await get('special-key')).toEqual({ configs: { analyticsSDK: { browserSDK: everyone } } });
    await setConfig(collector.url, { browserSDK: null });
    expect(await get('special-key')).toEqual({ configs: {} });
  });

  it('refuses a malformed setting, other methods and an empty key', async () => {
    const { collector } = await startTestCollector();
    expect((await setConfig(collector.url, { config: {} })).status).toBe(400);
    expect((await fetch(`${collector.url}/_footprint/remote-config`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{oops' })).status).toBe(400);
    expect((await fetch(`${collector.url}/_footprint/remote-config`, { method: 'DELETE', headers: { 'Content-Type': 'application/json' } })).status).toBe(405);
    expect((await fetch(`${collector.url}/config/k`, { method: 'PUT' })).status).toBe(405);
    expect((await fetch(`${collector.url}/config/`)).status).toBe(404);
  });
});
