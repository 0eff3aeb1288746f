import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { createInstance, decorateUrl, getConsent, getCrossDomainParams, setConsent, type ConsentState, type CrossDomainParams } from './index';

// The identity calls as users see them: on a client from createInstance() in a DOM (happy-dom).
const send = async (_url: string, payload: { events: unknown[] }) => ({ status: 200, body: { code: 200, events_ingested: payload.events.length } });
const clearCookies = () => {
  for (const c of document.cookie.split('; ').filter(Boolean)) document.cookie = `${c.split('=')[0]}=; expires=${new Date(0).toUTCString()}; path=/`;
};

describe('identity API of a browser client', () => {
  afterEach(() => {
    clearCookies();
    localStorage.clear();
  });

  it('has typed consent and cross-domain calls, on instances and as default-instance exports', () => {
    expectTypeOf(setConsent).parameter(0).toEqualTypeOf<ConsentState>();
    expectTypeOf(setConsent).returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(getConsent).returns.toEqualTypeOf<ConsentState>();
    expectTypeOf(decorateUrl).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(getCrossDomainParams).returns.toEqualTypeOf<CrossDomainParams>();
    const c = createInstance();
    expectTypeOf(c.setConsent).toEqualTypeOf(setConsent);
    expect(typeof c.decorateUrl).toBe('function');
  });

  it("stores the identity cookie only after consent, with the same device id", async () => {
    const c = createInstance();
    await c.init('api-key-identity-0123', { consent: 'pending', transportProvider: { send }, autocapture: false, logLevel: 0, flushIntervalMillis: 10 } as any).promise;
    const result = c.track('held');
    await new Promise((r) => setTimeout(r, 20));
    expect(document.cookie).toBe('');
    expect(c.getConsent()).toBe('pending');
    await c.setConsent('granted');
    expect((await result.promise).code).toBe(200);
    const raw = document.cookie.split('; ').find((x) => x.startsWith('AMP_api-key-id='));
    expect(raw).toBeDefined();
    expect(JSON.parse(decodeURIComponent(atob(raw!.split('=').slice(1).join('='))))).toMatchObject({ deviceId: c.getDeviceId() });
  });

  it('decorates a link with this client ids', async () => {
    const c = createInstance();
    await c.init('api-key-identity-4567', { transportProvider: { send }, autocapture: false, logLevel: 0 }).promise;
    const url = new URL(c.decorateUrl('https://b.example.org/x', { ttl: 1000 }));
    expect(url.searchParams.get('ampDeviceId')).toBe(c.getDeviceId());
    expect(Number(url.searchParams.get('ampTimestamp'))).toBeLessThanOrEqual(Date.now() + 1000);
    expect(c.getCrossDomainParams().ampSessionId).toBe(String(c.getSessionId()));
  });
});
