import { describe, expect, it, vi } from 'vitest';
import type { Event, Result } from '@footprint/core';
import { consentGate, isConsentState, MSG_CONSENT_DENIED } from './consent';
import { decodeCookieValue, encodeCookieValue, readCookies } from './storage/cookie-codec';
import { fakeJar } from './storage/fake-jar';
import { identityStorage } from './storage/identity-storage';

const KEY = 'AMP_a2dbce0e18';
const setup = (initial: 'pending' | 'granted' | 'denied', jar = fakeJar('www.example.com')) => {
  const local = new Map<string, string>();
  const real = identityStorage({
    apiKey: 'a2dbce0e18dfe5f8e',
    globals: {
      jar,
      hostname: 'www.example.com',
      localStorage: () => ({ getItem: (k) => local.get(k) ?? null, setItem: (k, v) => void local.set(k, v), removeItem: (k) => void local.delete(k) }),
      sessionStorage: () => undefined,
      onHide: () => () => {},
    },
    warn: vi.fn(),
  });
  const gate = consentGate(initial);
  return { jar, local, real, gate: { ...gate, storage: gate.wrap(real) } };
};
const cookieValue = (jar: ReturnType<typeof fakeJar>) => decodeCookieValue<Record<string, unknown>>(readCookies(jar.cookie, KEY)[0]);
const ok = (event: Event): Result => ({ event, code: 200, message: 'ok' });

describe('consent gate: storage', () => {
  it('pending writes nothing anywhere: no cookie, no probe, no localStorage', async () => {
    const { jar, local, gate } = setup('pending');
    expect(await gate.storage.isEnabled()).toBe(true);
    expect(await gate.storage.get(KEY)).toBeUndefined();
    await gate.storage.set(KEY, { deviceId: 'device-1', optOut: false });
    expect(await gate.storage.get(KEY)).toEqual({ deviceId: 'device-1', optOut: false });
    expect(jar.writes).toBe(0);
    expect(local.size).toBe(0);
  });

  it('granting moves identity to the real storage without changing the device id', async () => {
    const { jar, gate } = setup('pending');
    await gate.storage.get(KEY);
    await gate.storage.set(KEY, { deviceId: 'device-1', optOut: false, lastEventId: 3 });
    await gate.set('granted');
    expect(cookieValue(jar)).toMatchObject({ deviceId: 'device-1', lastEventId: 3 });
    await gate.storage.set(KEY, { deviceId: 'device-1', optOut: false, lastEventId: 4, userId: 'user-1' });
    expect(cookieValue(jar)).toMatchObject({ userId: 'user-1', lastEventId: 4 });
  });

  it('a write made right after granting is not overwritten by the copy', async () => {
    const { jar, gate } = setup('pending');
    await gate.storage.set(KEY, { deviceId: 'device-1', optOut: false });
    const granting = gate.set('granted');
    await gate.storage.set(KEY, { deviceId: 'device-1', optOut: false, userId: 'later' });
    await granting;
    expect(cookieValue(jar)).toMatchObject({ userId: 'later' });
  });

  it('pending reads an identity stored by an earlier consented visit, without writing', async () => {
    const jar = fakeJar('www.example.com');
    jar.cookie = `${KEY}=${encodeCookieValue({ deviceId: 'returning', optOut: false })}`;
    const writes = jar.writes;
    const { gate } = setup('pending', jar);
    expect(await gate.storage.get(KEY)).toEqual({ deviceId: 'returning', optOut: false });
    expect(jar.writes).toBe(writes);
  });

  it('denied ignores and deletes a stored identity, and stores nothing new', async () => {
    const jar = fakeJar('www.example.com');
    jar.cookie = `${KEY}=${encodeCookieValue({ deviceId: 'returning', optOut: false })}; domain=.example.com`;
    const { gate } = setup('denied', jar);
    expect(await gate.storage.get(KEY)).toBeUndefined();
    expect(readCookies(jar.cookie, KEY)).toEqual([]);
    await gate.storage.set(KEY, { deviceId: 'fresh', optOut: false });
    expect(readCookies(jar.cookie, KEY)).toEqual([]);
  });

  it('revoking after a grant deletes the cookie', async () => {
    const { jar, gate } = setup('granted');
    await gate.storage.get(KEY);
    await gate.storage.set(KEY, { deviceId: 'device-1', optOut: false });
    expect(cookieValue(jar)).toBeDefined();
    await gate.set('denied');
    expect(readCookies(jar.cookie, KEY)).toEqual([]);
    await gate.storage.set(KEY, { deviceId: 'device-1', optOut: false, lastEventId: 9 });
    expect(readCookies(jar.cookie, KEY)).toEqual([]);
  });

  it('granted passes straight through', async () => {
    const { jar, gate } = setup('granted');
    await gate.storage.set(KEY, { deviceId: 'device-1', optOut: false });
    expect(cookieValue(jar)).toMatchObject({ deviceId: 'device-1' });
  });
});

describe('consent gate: events', () => {
  it('holds events while pending and releases them in order on grant', async () => {
    const { gate } = setup('pending');
    const order: string[] = [];
    const release = (e: Event) => () => (order.push(e.event_type), Promise.resolve(ok(e)));
    const a = { event_type: 'a' };
    const b = { event_type: 'b' };
    const pa = gate.hold(a, release(a))!;
    const pb = gate.hold(b, release(b))!;
    expect(pa).toBeInstanceOf(Promise);
    expect(gate.held()).toBe(2);
    await Promise.resolve();
    expect(order).toEqual([]);
    const granted = gate.set('granted');
    expect(order).toEqual(['a', 'b']); // released synchronously, before any later event
    await granted;
    expect((await pa).code).toBe(200);
    expect((await pb).event.event_type).toBe('b');
    expect(gate.hold({ event_type: 'c' }, release({ event_type: 'c' }))).toBeUndefined();
  });

  it('denying drops held events with a message, and drops later ones at once', async () => {
    const { gate } = setup('pending');
    const release = vi.fn();
    const held = gate.hold({ event_type: 'a' }, release)!;
    await gate.set('denied');
    expect(await held).toMatchObject({ code: 0, message: MSG_CONSENT_DENIED });
    expect(await gate.hold({ event_type: 'b' }, release)!).toMatchObject({ code: 0, message: MSG_CONSENT_DENIED });
    expect(release).not.toHaveBeenCalled();
    expect(gate.held()).toBe(0);
  });

  it('reports its state after each change', async () => {
    const { gate } = setup('pending');
    await gate.set('granted');
    expect(gate.get()).toBe('granted');
    await gate.set('denied');
    expect(gate.get()).toBe('denied');
  });

  it('gates several storages at once: grant copies each, deny purges each', async () => {
    const { gate, jar, local, real } = setup('pending');
    const events = gate.wrap({
      isEnabled: async () => true,
      get: async (k: string) => (local.has(k) ? JSON.parse(local.get(k)!) : undefined),
      set: async (k: string, v: unknown) => void local.set(k, JSON.stringify(v)),
      remove: async (k: string) => void local.delete(k),
      reset: async () => local.clear(),
    });
    expect(await events.isEnabled()).toBe(true);
    await events.get('AMP_unsent_a2dbce0e18');
    await events.set('AMP_unsent_a2dbce0e18', [{ event_type: 'x' }]);
    await gate.storage.set(KEY, { deviceId: 'device-1', optOut: false });
    expect(local.size).toBe(0);
    await gate.set('granted');
    expect(JSON.parse(local.get('AMP_unsent_a2dbce0e18')!)).toEqual([{ event_type: 'x' }]);
    expect(cookieValue(jar)).toMatchObject({ deviceId: 'device-1' });
    await gate.set('denied');
    expect(local.size).toBe(0);
    expect(readCookies(jar.cookie, KEY)).toEqual([]);
    expect(real).toBeDefined();
  });

  it('keeps a pre-serialized setRaw write behind the gate too', async () => {
    const gate = consentGate('pending');
    const data = new Map<string, string>();
    const raw = vi.fn(async (k: string, json: string) => void data.set(k, json));
    const s = gate.wrap({ isEnabled: async () => true, get: async () => undefined, set: async () => {}, remove: async () => {}, reset: async () => {}, setRaw: raw });
    await s.setRaw!('AMP_unsent_x', '[{"event_type":"a"}]');
    expect(raw).not.toHaveBeenCalled();
    expect(await s.get('AMP_unsent_x')).toEqual([{ event_type: 'a' }]);
    await gate.set('granted');
    await s.setRaw!('AMP_unsent_x', '[]');
    expect(raw).toHaveBeenCalledWith('AMP_unsent_x', '[]');
  });

  it('start() sets the state without a transition', async () => {
    const gate = consentGate();
    expect(gate.get()).toBe('granted');
    gate.start('pending');
    expect(gate.hold({ event_type: 'a' }, vi.fn())).toBeInstanceOf(Promise);
  });

  it('isConsentState accepts only the three states', () => {
    expect(['pending', 'granted', 'denied', 'yes', undefined].map(isConsentState)).toEqual([true, true, true, false, false]);
  });
});
