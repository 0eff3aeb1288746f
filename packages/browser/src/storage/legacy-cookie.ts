import type { UserSession } from '@footprint/core';

/**
 * The cookie name of Amplitude's maintenance JavaScript SDK: `amp_` + the API key's first 6 characters.
 * @example
 * legacyCookieName('a2dbce0e18dfe5f8e'); // 'amp_a2dbce'
 */
export const legacyCookieName = (apiKey: string): string => `amp_${apiKey.slice(0, 6)}`;

const base32 = (s: string | undefined): number | undefined => {
  const n = s ? parseInt(s, 32) : NaN;
  return Number.isNaN(n) ? undefined : n;
};

/** base64 of UTF-8 bytes → string. */
const fromBase64Utf8 = (s: string | undefined): string | undefined => {
  if (!s) return undefined;
  try {
    const bytes = atob(s);
    let pct = '';
    for (let i = 0; i < bytes.length; i++) pct += `%${bytes.charCodeAt(i).toString(16).padStart(2, '0')}`;
    return decodeURIComponent(pct);
  } catch {
    return undefined;
  }
};

/**
 * Reads the maintenance SDK's cookie value, `deviceId.base64(userId).optOut.sessionId.lastEventTime.lastEventId`
 * with the numbers in base 32 (docs/protocol.md §A.6), into the fields a {@link UserSession} keeps.
 * @example
 * parseLegacyCookie('d-1.dXNlckBleC5jb20.1.1lpb0c2gk.1lpb0c2gk.a');
 * // { deviceId: 'd-1', userId: 'user@ex.com', optOut: true, sessionId: …, lastEventTime: …, lastEventId: 10 }
 */
export const parseLegacyCookie = (value: string): Partial<UserSession> => {
  const [deviceId, userId, optOut, sessionId, lastEventTime, lastEventId] = value.split('.');
  const out: Partial<UserSession> = { optOut: optOut === '1' || optOut === 'true' };
  if (deviceId) out.deviceId = deviceId;
  const user = fromBase64Utf8(userId);
  if (user) out.userId = user;
  const numbers = { sessionId: base32(sessionId), lastEventTime: base32(lastEventTime), lastEventId: base32(lastEventId) };
  for (const [k, v] of Object.entries(numbers)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
};
