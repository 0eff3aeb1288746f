import { describe, expect, it } from 'vitest';
import { createClient } from './client';
import { fallback, METHODS } from './methods';

const result = (event: { event_type: string }) => Promise.resolve({ event, code: 0, message: 'm' });

describe('METHODS', () => {
  it("is the core client's API, in order, plus the browser layer's four", () => {
    const browser = ['setConsent', 'getConsent', 'decorateUrl', 'getCrossDomainParams'];
    expect(Object.keys(createClient({ library: 'test/1' }))).toEqual(Object.keys(METHODS).filter((n) => !browser.includes(n)));
  });

  it('gives each method the answer it declares when the method cannot run', async () => {
    expect(await (fallback('identify', [{}], result) as { promise: Promise<unknown> }).promise).toMatchObject({ event: { event_type: '$identify' } });
    expect(await (fallback('track', ['Named'], result) as { promise: Promise<unknown> }).promise).toMatchObject({ event: { event_type: 'Named' } });
    expect(await (fallback('revenue', [1], result) as { promise: Promise<unknown> }).promise).toMatchObject({ event: { event_type: 'revenue_amount' } });
    expect(await (fallback('flush', [], result) as { promise: Promise<unknown> }).promise).toBeUndefined();
    expect(fallback('setConsent', [], result)).toBeInstanceOf(Promise);
    expect(fallback('decorateUrl', ['https://x.test/'], result)).toBe('https://x.test/');
    expect(fallback('getCrossDomainParams', [], result)).toEqual({});
    expect(fallback('getIdentity', [], result)).toBeUndefined();
    expect(fallback('notAMethod', [], result)).toBeUndefined();
  });
});
