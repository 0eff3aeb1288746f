import { describe, expect, it } from 'vitest';
import { decodeCookieValue, encodeCookieValue, readCookies, serializeCookie } from './cookie-codec';

const session = { deviceId: '8a0b-ü-设备', userId: 'user@example.com', sessionId: 1716245958483, optOut: false, lastEventId: 7 };

describe('cookie value codec (docs/protocol.md §A.6)', () => {
  it('encodes as btoa(encodeURIComponent(JSON)), the anchor format', () => {
    const encoded = encodeCookieValue(session);
    expect(encoded).toBe(btoa(encodeURIComponent(JSON.stringify(session))));
    expect(encoded).toMatch(/^[A-Za-z0-9+/=]+$/);
  });

  it('round-trips unicode values', () => {
    expect(decodeCookieValue(encodeCookieValue(session))).toEqual(session);
  });

  it('decodes the double-URL-encoded variant (Rails 7 re-encodes = and +)', () => {
    const once = encodeCookieValue({ deviceId: 'abc', userId: 'abcd', optOut: true }); // ends in '=='
    const twice = encodeURIComponent(once);
    expect(twice).not.toBe(once);
    expect(twice).toContain('%3D');
    expect(decodeCookieValue(twice)).toEqual({ deviceId: 'abc', userId: 'abcd', optOut: true });
  });

  it('returns undefined for values that are not an encoded JSON value', () => {
    expect(decodeCookieValue(undefined)).toBeUndefined();
    expect(decodeCookieValue('')).toBeUndefined();
    expect(decodeCookieValue('%%%')).toBeUndefined();
    expect(decodeCookieValue(btoa('not json'))).toBeUndefined();
  });

  it('reads every value of one name from a cookie string, and no other name', () => {
    expect(readCookies('a=1; AMP_x=2;AMP_xy=9; AMP_x=3=4', 'AMP_x')).toEqual(['2', '3=4']);
    expect(readCookies('', 'AMP_x')).toEqual([]);
  });

  it('serializes attributes: expiry, path, domain, Secure, SameSite (Lax by default)', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(serializeCookie('k', 'v', { domain: '.example.com', expirationDays: 365, secure: true }, now)).toBe(
      `k=v; expires=${new Date(now + 365 * 864e5).toUTCString()}; path=/; domain=.example.com; Secure; SameSite=Lax`,
    );
    expect(serializeCookie('k', '', { expirationDays: -1, sameSite: 'Strict' })).toBe(`k=; expires=${new Date(0).toUTCString()}; path=/; SameSite=Strict`);
    expect(serializeCookie('k', 'v')).toBe('k=v; path=/; SameSite=Lax');
  });
});
