import type { Event, Result, Storage } from '@footprint/core';

/**
 * The visitor's answer to your consent banner (USER-PAIN 7).
 * - `'pending'`: track, but store nothing: identity lives in memory, events wait in memory.
 * - `'granted'`: store identity where `identityStorage` says and send what waited, same device id.
 * - `'denied'`: drop what waited, delete the stored identity, track nothing.
 * @default 'granted' (the anchor's behaviour when the option is absent)
 */
export type ConsentState = 'pending' | 'granted' | 'denied';

/** The storage a consent gate sits in front of: `peek` reads without writing anything (see identity-storage.ts). */
export type GatedStorage<T> = Storage<T> & { peek?(key: string): Promise<T | undefined> };

/** What a held event waits for: `release` sends it on through the pipeline. */
interface Held {
  event: Event;
  release: () => Promise<Result>;
  resolve: (r: Result | Promise<Result>) => void;
}

/** The message on events dropped because consent was denied. */
export const MSG_CONSENT_DENIED = 'Event skipped due to denied consent';

/**
 * Whether `value` is a {@link ConsentState}.
 * @example
 * isConsentState('granted'); // true
 */
export const isConsentState = (value: unknown): value is ConsentState => value === 'pending' || value === 'granted' || value === 'denied';

/**
 * A consent gate for one client: a storage wrapper that holds writes in memory until consent is
 * granted, and a hold for events (core calls `hold` for each event; a returned promise means "not now").
 * Granting copies what memory holds into the real storage (so the device id does not change), then
 * releases held events in the order they were tracked. Denying resolves held events with
 * {@link MSG_CONSENT_DENIED} and deletes every key this client stored or read.
 * @example
 * const gate = consentGate('pending', identityStorage(...));
 * createClient({ ..., storage: () => gate.storage, hold: gate.hold });
 * gate.set('granted'); // when the banner is accepted
 */
export const consentGate = <T>(initial: ConsentState, real: GatedStorage<T>) => {
  let state: ConsentState = initial;
  const memory = new Map<string, T>(); // synchronous, so a grant copies it before any later write
  const known = new Set<string>(); // keys read or written through the gate
  const removed = new Set<string>(); // keys removed while pending, removed for real on grant
  let held: Held[] = [];
  let listeners: Array<(s: ConsentState) => void> = [];

  const purge = async () => {
    for (const key of known) {
      // Only touch the real storage where something is there: a delete costs a cookie-domain probe.
      const there = await (real.peek ?? real.get)(key).catch(() => undefined);
      if (there !== undefined) await real.remove(key).catch(() => undefined);
    }
  };

  const storage: Storage<T> = {
    isEnabled: async () => (state === 'granted' ? real.isEnabled() : true),
    async get(key) {
      known.add(key);
      if (state === 'granted') return real.get(key);
      if (memory.has(key) || removed.has(key)) return memory.get(key);
      if (state === 'denied') {
        await purge();
        return undefined;
      }
      return (real.peek ?? real.get)(key);
    },
    getRaw: async (key) => (state === 'granted' ? real.getRaw?.(key) : memory.has(key) ? JSON.stringify(memory.get(key)) : undefined),
    async set(key, value) {
      known.add(key);
      if (state === 'granted') return real.set(key, value);
      removed.delete(key);
      memory.set(key, value);
    },
    async remove(key) {
      if (state === 'granted') return real.remove(key);
      removed.add(key);
      memory.delete(key);
    },
    async reset() {
      if (state === 'granted') return real.reset();
      for (const key of known) removed.add(key);
      memory.clear();
    },
  };

  /**
   * Holds `event` while consent is pending (the promise settles when it is decided), drops it when
   * denied, and returns `undefined` when granted so the event goes straight on.
   */
  const hold = (event: Event, release: () => Promise<Result>): Promise<Result> | undefined => {
    if (state === 'granted') return undefined;
    if (state === 'denied') return Promise.resolve({ event, code: 0, message: MSG_CONSENT_DENIED });
    return new Promise<Result>((resolve) => held.push({ event, release, resolve }));
  };

  /** Moves to `next`; resolves when storage has caught up. */
  const set = async (next: ConsentState): Promise<void> => {
    if (next === state) return;
    state = next;
    const waiting = held;
    held = [];
    if (next === 'granted') {
      // Start every copy before releasing events, so a write an event triggers lands after the copy.
      const copies: Promise<unknown>[] = [];
      for (const key of removed) copies.push(real.remove(key));
      removed.clear();
      for (const [key, value] of memory) copies.push(real.set(key, value));
      memory.clear();
      for (const h of waiting) h.resolve(h.release());
      await Promise.all(copies.map((p) => p.catch(() => undefined)));
    } else if (next === 'denied') {
      for (const h of waiting) h.resolve({ event: h.event, code: 0, message: MSG_CONSENT_DENIED });
      memory.clear();
      removed.clear();
      await purge();
    }
    for (const fn of listeners) fn(next);
  };

  return {
    storage,
    hold,
    set,
    get: (): ConsentState => state,
    /** Events waiting for a decision. */
    held: () => held.length,
    /** Calls `fn` after each change; returns the unsubscribe. */
    subscribe(fn: (s: ConsentState) => void) {
      listeners.push(fn);
      return () => void (listeners = listeners.filter((l) => l !== fn));
    },
  };
};

/** A consent gate (what {@link consentGate} returns). */
export type ConsentGate<T = unknown> = ReturnType<typeof consentGate<T>>;
