import { describe, expect, it } from 'vitest';
import * as full from './index';
import * as lite from './lite';

describe('@footprint/browser/lite', () => {
  it('exports exactly what the drop-in entry exports', () => {
    expect(Object.keys(lite).sort()).toEqual(Object.keys(full).sort());
  });

  it('wires no plugin at init, where the drop-in entry wires the autocapture set', async () => {
    const transport = { send: async () => ({ status: 200, body: { code: 200 } }) };
    const options = { transportProvider: transport, identityStorage: 'none' as const, logLevel: 0 };
    const plain = lite.createInstance();
    await plain.init('api-key-12345', options).promise;
    const dropIn = full.createInstance();
    await dropIn.init('api-key-12345', options).promise;
    const pluginsOf = (c: { getIdentity?: unknown }) => JSON.stringify(c);
    void pluginsOf;
    const names = async (c: any) => (await c.track('probe').promise).event;
    const [a, b] = [await names(plain), await names(dropIn)];
    // The drop-in's enrichment (page URL properties, masking) shapes every event; lite leaves it alone.
    expect(Object.keys(a.event_properties ?? {})).toEqual([]);
    expect(Object.keys(b.event_properties ?? {}).some((k) => k.startsWith('[Amplitude] Page'))).toBe(true);
  });

  it("the default instance's decorateUrl and getCrossDomainParams (built on first use) carry its ids", async () => {
    const transport = { send: async () => ({ status: 200, body: { code: 200 } }) };
    await lite.init('api-key-lite-links-01', { transportProvider: transport, identityStorage: 'none', logLevel: 0 }).promise;
    const url = new URL(lite.decorateUrl('/next', { ttl: 1000 }), location.href);
    expect(url.searchParams.get('ampDeviceId')).toBe(lite.getDeviceId());
    expect(url.searchParams.get('ampSessionId')).toBe(String(lite.getSessionId()));
    expect(lite.getCrossDomainParams()).toMatchObject({ ampDeviceId: lite.getDeviceId(), ampSessionId: String(lite.getSessionId()) });
  });
});
