import { describe, expect, it } from 'vitest';
import { decorateUrl, getCrossDomainParams, readCrossDomainParams } from './cross-domain';

const NOW = 1_716_245_958_483;
const client = { getDeviceId: () => 'device-from-site-1', getSessionId: () => NOW - 1000 };

describe('reading cross-domain parameters', () => {
  it('reads ampDeviceId and ampSessionId', () => {
    expect(readCrossDomainParams(`?ampDeviceId=d-123456&ampSessionId=${NOW}`, NOW)).toEqual({ deviceId: 'd-123456', sessionId: NOW });
  });
  it('accepts the legacy deviceId parameter, and ampDeviceId wins over it', () => {
    expect(readCrossDomainParams('?deviceId=legacy-1', NOW)).toEqual({ deviceId: 'legacy-1' });
    expect(readCrossDomainParams('?deviceId=legacy-1&ampDeviceId=new-1', NOW)).toEqual({ deviceId: 'new-1' });
  });
  it('uses the ids only while ampTimestamp is in the future', () => {
    const q = (ts: number | string) => `?ampDeviceId=d-123456&ampSessionId=${NOW}&ampTimestamp=${ts}`;
    expect(readCrossDomainParams(q(NOW + 1), NOW)).toEqual({ deviceId: 'd-123456', sessionId: NOW });
    expect(readCrossDomainParams(q(NOW), NOW)).toEqual({});
    expect(readCrossDomainParams(q(NOW - 60_000), NOW)).toEqual({});
    expect(readCrossDomainParams(q('soon'), NOW)).toEqual({}); // unreadable counts as expired
  });
  it('ignores session ids that are not positive integers, and empty values', () => {
    expect(readCrossDomainParams('?ampSessionId=abc&ampDeviceId=', NOW)).toEqual({});
    expect(readCrossDomainParams('?ampSessionId=-5', NOW)).toEqual({});
    expect(readCrossDomainParams('?ampSessionId=1.5', NOW)).toEqual({});
    expect(readCrossDomainParams('', NOW)).toEqual({});
  });
});

describe('decorating outbound links', () => {
  it('builds the parameters with an expiring ampTimestamp (5 minutes by default)', () => {
    expect(getCrossDomainParams(client, {}, NOW)).toEqual({ ampDeviceId: 'device-from-site-1', ampSessionId: String(NOW - 1000), ampTimestamp: String(NOW + 300_000) });
    expect(getCrossDomainParams(client, { ttl: 10_000 }, NOW).ampTimestamp).toBe(String(NOW + 10_000));
  });
  it('adds them to a URL, keeping other parameters and the fragment, replacing stale ones', () => {
    const out = new URL(decorateUrl('https://b.example.org/cart?x=1&ampDeviceId=old#top', client, {}, NOW));
    expect(out.origin + out.pathname).toBe('https://b.example.org/cart');
    expect(out.hash).toBe('#top');
    expect(out.searchParams.get('x')).toBe('1');
    expect(out.searchParams.getAll('ampDeviceId')).toEqual(['device-from-site-1']);
    expect(readCrossDomainParams(out.search, NOW + 1000)).toEqual({ deviceId: 'device-from-site-1', sessionId: NOW - 1000 });
  });
  it('resolves relative URLs against base; leaves unparsable URLs and id-less clients alone', () => {
    expect(decorateUrl('/next', client, { base: 'https://a.example.com/page' }, NOW)).toMatch(/^https:\/\/a\.example\.com\/next\?ampDeviceId=/);
    expect(decorateUrl('/next', client, {}, NOW)).toBe('/next');
    expect(decorateUrl('https://b.example.org/', { getDeviceId: () => undefined, getSessionId: () => undefined })).toBe('https://b.example.org/');
  });
});
