import { describe, expect, it } from 'vitest';
import { legacyCookieName, parseLegacyCookie } from './legacy-cookie';

const b32 = (n: number) => n.toString(32);
const utf8Base64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));

describe('legacy amp_ cookie (maintenance JavaScript SDK)', () => {
  it('is named amp_ + the first 6 characters of the API key', () => {
    expect(legacyCookieName('a2dbce0e18dfe5f8e')).toBe('amp_a2dbce');
  });

  it('parses device id, base64 user id (UTF-8), opt-out and base-32 numbers', () => {
    const value = ['dev-1234', utf8Base64('jöhn@example.com'), '1', b32(1716245958483), b32(1716245999999), b32(42)].join('.');
    expect(parseLegacyCookie(value)).toEqual({
      deviceId: 'dev-1234',
      userId: 'jöhn@example.com',
      optOut: true,
      sessionId: 1716245958483,
      lastEventTime: 1716245999999,
      lastEventId: 42,
    });
  });

  it('leaves out what is empty or unreadable, and reads an empty opt-out as false', () => {
    expect(parseLegacyCookie('dev-1234..')).toEqual({ deviceId: 'dev-1234', optOut: false });
    expect(parseLegacyCookie('dev-1234.%%%..vv!.zz')).toEqual({ deviceId: 'dev-1234', optOut: false, sessionId: 1023 });
  });
});
