import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeCookieValue, encodeCookieValue, readCookies } from './cookie-codec';
import { cookieStorage, pickDuplicate } from './cookie-storage';
import { fakeJar } from './fake-jar';

const KEY = 'AMP_a2dbce0e18';
const session = (over: Record<string, unknown> = {}) => ({ deviceId: 'device-1', userId: 'user-1', sessionId: 1000, optOut: false, lastEventTime: 1000, lastEventId: 1, ...over });

describe('cookie storage', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes the anchor cookie: encoded JSON with cookieDomain, on the discovered domain, 365 days', async () => {
    const jar = fakeJar('app.example.com');
    const s = cookieStorage({ jar, hostname: 'app.example.com' });
    await s.set(KEY, session());
    const [entry] = jar.entries();
    expect(entry).toMatchObject({ name: KEY, domain: 'example.com', hostOnly: false });
    expect(decodeCookieValue(entry.value)).toEqual({ ...session(), cookieDomain: '.example.com' });
    expect(s.domain()).toBe('.example.com');
  });

  it('honours cookieOptions.domain, and writes host-only where no domain is shareable', async () => {
    const jar = fakeJar('app.example.com');
    await cookieStorage({ jar, hostname: 'app.example.com', cookieOptions: { domain: '.app.example.com' } }).set(KEY, session());
    expect(jar.entries()[0]).toMatchObject({ domain: 'app.example.com', hostOnly: false });
    const local = fakeJar('localhost');
    await cookieStorage({ jar: local, hostname: 'localhost' }).set(KEY, session());
    expect(local.entries()[0]).toMatchObject({ domain: 'localhost', hostOnly: true });
  });

  it('passes expiration, SameSite and Secure through', async () => {
    const assigned: string[] = [];
    const jar = fakeJar('example.org');
    const spy = { get cookie() { return jar.cookie; }, set cookie(v: string) { assigned.push(v); jar.cookie = v; } };
    await cookieStorage({ jar: spy, hostname: 'example.org', cookieOptions: { expiration: 30, sameSite: 'Strict', secure: true } }).set(KEY, session());
    const write = assigned.find((a) => a.startsWith(`${KEY}=`))!;
    expect(write).toContain(`expires=${new Date(Date.now() + 30 * 864e5).toUTCString()}`);
    expect(write).toContain('; Secure; SameSite=Strict');
    expect(write).toContain('domain=.example.org');
  });

  it('reads document.cookie once per key, then serves the in-memory copy', async () => {
    const jar = fakeJar('example.org');
    jar.cookie = `${KEY}=${encodeCookieValue(session())}`;
    const s = cookieStorage({ jar, hostname: 'example.org' });
    const reads = jar.reads;
    expect(await s.get(KEY)).toEqual(session());
    expect(await s.get(KEY)).toEqual(session());
    await s.set(KEY, session({ lastEventId: 2 }));
    expect(await s.get(KEY)).toEqual(session({ lastEventId: 2 }));
    expect(jar.reads - reads).toBe(1);
  });

  it('reading writes nothing: no probe, no clean-up, even with duplicates', async () => {
    const jar = fakeJar('a.example.com');
    jar.cookie = `${KEY}=${encodeCookieValue(session())}; domain=.example.com`;
    jar.cookie = `${KEY}=${encodeCookieValue(session({ lastEventTime: 5 }))}`;
    const writes = jar.writes;
    await cookieStorage({ jar, hostname: 'a.example.com' }).get(KEY);
    expect(jar.writes).toBe(writes);
  });

  it('batches counter-only changes into one write per writeDelay', async () => {
    const jar = fakeJar('example.org');
    const s = cookieStorage({ jar, hostname: 'example.org', writeDelay: 500 });
    await s.set(KEY, session());
    const writes = jar.writes;
    for (let i = 2; i < 50; i++) await s.set(KEY, session({ lastEventId: i, lastEventTime: 1000 + i }));
    expect(jar.writes).toBe(writes);
    vi.advanceTimersByTime(500);
    expect(jar.writes).toBe(writes + 1);
    expect(decodeCookieValue(readCookies(jar.cookie, KEY)[0])).toMatchObject({ lastEventId: 49, lastEventTime: 1049 });
  });

  it('writes identity changes (device, user, session, opt-out) at once', async () => {
    const jar = fakeJar('example.org');
    const s = cookieStorage({ jar, hostname: 'example.org' });
    await s.set(KEY, session());
    await s.set(KEY, session({ lastEventId: 5 }));
    await s.set(KEY, session({ lastEventId: 6, userId: 'user-2' }));
    expect(decodeCookieValue(readCookies(jar.cookie, KEY)[0])).toMatchObject({ userId: 'user-2', lastEventId: 6 });
  });

  it('skips a write when nothing changed', async () => {
    const jar = fakeJar('example.org');
    const s = cookieStorage({ jar, hostname: 'example.org' });
    await s.set(KEY, session());
    const writes = jar.writes;
    await s.set(KEY, session());
    vi.runAllTimers();
    expect(jar.writes).toBe(writes);
  });

  it('writes batched changes when the page hides, and then stops listening', async () => {
    const jar = fakeJar('example.org');
    const listeners = new Set<() => void>();
    const onHide = (fn: () => void) => (listeners.add(fn), () => listeners.delete(fn));
    const s = cookieStorage({ jar, hostname: 'example.org', onHide });
    await s.set(KEY, session());
    await s.set(KEY, session({ lastEventId: 9 }));
    expect(listeners.size).toBe(1);
    [...listeners].forEach((fn) => fn());
    expect(decodeCookieValue(readCookies(jar.cookie, KEY)[0])).toMatchObject({ lastEventId: 9 });
    expect(listeners.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('resolves duplicates on parent and subdomain deterministically: last used wins, the stray is removed on write', async () => {
    const jar = fakeJar('a.example.com');
    jar.cookie = `${KEY}=${encodeCookieValue(session({ deviceId: 'old', lastEventTime: 100, cookieDomain: '.example.com' }))}; domain=.example.com`;
    jar.cookie = `${KEY}=${encodeCookieValue(session({ deviceId: 'new', lastEventTime: 200, cookieDomain: '' }))}`;
    const s = cookieStorage<Record<string, unknown>>({ jar, hostname: 'a.example.com' });
    expect((await s.get(KEY))?.deviceId).toBe('new');
    await s.set(KEY, session({ deviceId: 'new', lastEventTime: 300 }));
    const left = jar.entries().filter((e) => e.name === KEY);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ domain: 'example.com', hostOnly: false });
    expect(decodeCookieValue(left[0].value)).toMatchObject({ deviceId: 'new', lastEventTime: 300 });
  });

  it('pickDuplicate: latest lastEventTime, then the configured domain, then the first', () => {
    const a = { id: 'a', lastEventTime: 5, cookieDomain: '.x.com' };
    const b = { id: 'b', lastEventTime: 5, cookieDomain: '.sub.x.com' };
    expect(pickDuplicate([a, b], '.sub.x.com')).toBe(b);
    expect(pickDuplicate([a, b], 'x.com')).toBe(a);
    expect(pickDuplicate([a, { ...b, lastEventTime: 6 }], '.x.com')?.id).toBe('b');
    expect(pickDuplicate(['m1', 'm2'], undefined)).toBe('m1');
    expect(pickDuplicate([], undefined)).toBeUndefined();
  });

  it('removes a key from its domain', async () => {
    const jar = fakeJar('example.org');
    const s = cookieStorage({ jar, hostname: 'example.org' });
    await s.set(KEY, session());
    await s.set('AMP_MKTG_a2dbce0e18', { utm_source: 'x' });
    await s.remove(KEY);
    expect(await s.get(KEY)).toBeUndefined();
    expect(jar.entries().map((e) => e.name)).toEqual(['AMP_MKTG_a2dbce0e18']);
    await s.reset();
    expect(jar.entries()).toEqual([]);
  });

  it('stamps cookieDomain only on identity values, not on campaign cookies', async () => {
    const jar = fakeJar('example.org');
    await cookieStorage({ jar, hostname: 'example.org' }).set('AMP_MKTG_a2dbce0e18', { utm_source: 'news' });
    expect(decodeCookieValue(jar.entries()[0].value)).toEqual({ utm_source: 'news' });
  });

  it('isEnabled probes with AMP_TEST and cleans up; false when cookies are disabled', async () => {
    const jar = fakeJar('example.org');
    expect(await cookieStorage({ jar, hostname: 'example.org' }).isEnabled()).toBe(true);
    expect(jar.entries()).toEqual([]);
    expect(await cookieStorage({ jar: fakeJar('example.org', { disabled: true }), hostname: 'example.org' }).isEnabled()).toBe(false);
  });

  it('reports a write the browser refused (first write is verified)', async () => {
    const s = cookieStorage({ jar: fakeJar('example.org', { disabled: true }), hostname: 'example.org' });
    await expect(s.set(KEY, session())).rejects.toThrow(/was refused/);
  });
});
