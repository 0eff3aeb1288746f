import { describe, expect, it, vi } from 'vitest';
import { decodeCookieValue, encodeCookieValue, readCookies } from './cookie-codec';
import { fakeJar } from './fake-jar';
import { identityStorage } from './identity-storage';
import type { WebStorageArea } from './web-storage';

const API_KEY = 'a2dbce0e18dfe5f8e';
const KEY = 'AMP_a2dbce0e18';
const area = (): WebStorageArea & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, String(v)), removeItem: (k) => void data.delete(k) };
};
const globalsFor = (jar: ReturnType<typeof fakeJar> | undefined, local = area(), session = area()) => ({
  jar,
  hostname: 'www.example.com',
  localStorage: () => local,
  sessionStorage: () => session,
  onHide: () => () => {},
});
const b32 = (n: number) => n.toString(32);

describe('identity storage factory', () => {
  it("uses cookies by default ('cookie')", async () => {
    const jar = fakeJar('www.example.com');
    const s = identityStorage({ apiKey: API_KEY, globals: globalsFor(jar), warn: vi.fn() });
    expect(await s.isEnabled()).toBe(true);
    await s.set(KEY, { deviceId: 'd-12345', optOut: false });
    expect(await s.kind()).toBe('cookies');
    expect(decodeCookieValue(readCookies(jar.cookie, KEY)[0])).toMatchObject({ deviceId: 'd-12345', cookieDomain: '.example.com' });
  });

  it.each([
    ['localStorage', 'local'],
    ['sessionStorage', 'session'],
  ] as const)('uses %s when asked, as JSON', async (type, which) => {
    const jar = fakeJar('www.example.com');
    const local = area();
    const session = area();
    const s = identityStorage({ type, apiKey: API_KEY, globals: globalsFor(jar, local, session), warn: vi.fn() });
    await s.set(KEY, { deviceId: 'd-12345', optOut: false });
    expect((which === 'local' ? local : session).data.get(KEY)).toBe('{"deviceId":"d-12345","optOut":false}');
    expect(jar.entries()).toEqual([]);
  });

  it("keeps identity in memory with 'none', writing nothing anywhere", async () => {
    const jar = fakeJar('www.example.com');
    const local = area();
    const s = identityStorage({ type: 'none', apiKey: API_KEY, globals: globalsFor(jar, local), warn: vi.fn() });
    await s.set(KEY, { deviceId: 'd-12345', optOut: false });
    expect(await s.get(KEY)).toEqual({ deviceId: 'd-12345', optOut: false });
    expect(jar.writes).toBe(0);
    expect(local.data.size).toBe(0);
  });

  it('falls back from disabled cookies to localStorage with one warning', async () => {
    const warn = vi.fn();
    const local = area();
    const s = identityStorage({ apiKey: API_KEY, globals: globalsFor(fakeJar('www.example.com', { disabled: true }), local), warn });
    await s.isEnabled();
    await s.set(KEY, { deviceId: 'd-12345', optOut: false });
    await s.set(KEY, { deviceId: 'd-12345', optOut: true });
    expect(await s.kind()).toBe('localStorage');
    expect(JSON.parse(local.data.get(KEY)!)).toEqual({ deviceId: 'd-12345', optOut: true });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/'cookie' is unavailable.*using localStorage/);
  });

  it('falls back to memory when neither cookies nor localStorage work, and when there is no document', async () => {
    const warn = vi.fn();
    const s = identityStorage({ apiKey: API_KEY, globals: { ...globalsFor(fakeJar('x.org', { disabled: true })), localStorage: () => undefined }, warn });
    await s.set(KEY, { deviceId: 'd-12345', optOut: false });
    expect(await s.kind()).toBe('memory');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/memory for this page only/);
    const ssr = identityStorage({ apiKey: API_KEY, globals: { ...globalsFor(undefined), localStorage: () => undefined }, warn: vi.fn() });
    expect(await ssr.isEnabled()).toBe(true);
    expect(await ssr.kind()).toBe('memory');
  });

  it('moves to localStorage with one warning when the browser refuses the identity cookie itself', async () => {
    const warn = vi.fn();
    const local = area();
    const jar = fakeJar('www.example.com');
    const refusing = { get cookie() { return jar.cookie; }, set cookie(v: string) { if (!v.startsWith(KEY)) jar.cookie = v; } };
    const s = identityStorage({ apiKey: API_KEY, globals: { ...globalsFor(undefined, local), jar: refusing }, warn });
    await s.isEnabled();
    await s.set(KEY, { deviceId: 'd-12345', optOut: false });
    await s.set(KEY, { deviceId: 'd-12345', optOut: false, userId: 'u-12345' });
    expect(await s.kind()).toBe('localStorage');
    expect(JSON.parse(local.data.get(KEY)!)).toMatchObject({ userId: 'u-12345' });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/was refused/);
  });

  it('migrates the legacy amp_ cookie: fills missing fields, then deletes it on the first write', async () => {
    const jar = fakeJar('www.example.com');
    jar.cookie = `amp_a2dbce=legacy-device.${btoa('legacy@user.com')}..${b32(1700000000000)}.${b32(1700000001000)}.${b32(12)}; domain=.example.com`;
    const s = identityStorage({ apiKey: API_KEY, globals: globalsFor(jar), warn: vi.fn() });
    expect(await s.get(KEY)).toEqual({
      deviceId: 'legacy-device',
      userId: 'legacy@user.com',
      optOut: false,
      sessionId: 1700000000000,
      lastEventTime: 1700000001000,
      lastEventId: 12,
    });
    expect(readCookies(jar.cookie, 'amp_a2dbce')).toHaveLength(1); // reading removed nothing
    await s.set(KEY, { deviceId: 'legacy-device', optOut: false });
    expect(readCookies(jar.cookie, 'amp_a2dbce')).toHaveLength(0);
  });

  it('prefers the AMP_ cookie over the legacy one, and keeps the legacy cookie when upgrade is false', async () => {
    const jar = fakeJar('www.example.com');
    jar.cookie = `amp_a2dbce=legacy-device.${btoa('legacy@user.com')}`;
    jar.cookie = `${KEY}=${encodeCookieValue({ deviceId: 'modern-device', optOut: false })}`;
    const s = identityStorage({ apiKey: API_KEY, cookieOptions: { upgrade: false }, globals: globalsFor(jar), warn: vi.fn() });
    expect(await s.get(KEY)).toMatchObject({ deviceId: 'modern-device', userId: 'legacy@user.com' });
    await s.set(KEY, { deviceId: 'modern-device', optOut: false });
    expect(readCookies(jar.cookie, 'amp_a2dbce')).toHaveLength(1);
  });

  it('peek reads the requested storage without probing or writing', async () => {
    const jar = fakeJar('www.example.com');
    jar.cookie = `${KEY}=${encodeCookieValue({ deviceId: 'd-12345', optOut: false })}`;
    const writes = jar.writes;
    const s = identityStorage({ apiKey: API_KEY, globals: globalsFor(jar), warn: vi.fn() });
    expect(await s.peek(KEY)).toEqual({ deviceId: 'd-12345', optOut: false });
    expect(jar.writes).toBe(writes);
  });
});
