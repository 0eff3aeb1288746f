import type { Event, Result, Storage } from '@footprint/core';

/**
 * The visitor's answer to your consent banner (docs/differences.md §C.12).
 * - `'pending'`: track, but store nothing: identity lives in memory, events wait in memory.
 * - `'granted'`: store identity where `identityStorage` says and send what waited, same device id.
 * - `'denied'`: drop what waited, delete what the SDK stored, track nothing.
 * @default 'granted' (the anchor's behaviour when the option is absent)
 */
export type ConsentState = 'pending' | 'granted' | 'denied';

/**
 * A storage a consent gate can sit in front of: `peek`, when present, reads without writing anything;
 * `setRaw` (the delivery queue's pre-serialized write) is kept when present.
 */
export type GatedStorage<T> = Storage<T> & { peek?(key: string): Promise<T | undefined>; setRaw?(key: string, json: string): Promise<void> };

/** What a held event waits for: `release` sends it on through the pipeline. */
interface Held {
  event: Event;
  release: () => Promise<Result>;
  resolve: (r: Result | Promise<Result>) => void;
}

/** One wrapped storage's state. */
interface Gated {
  /** Copies what memory holds to the real storage; called synchronously on grant. */
  grant(): Promise<unknown>;
  /** Forgets memory and deletes every key read or written through the wrapper. */
  purge(): Promise<void>;
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
 * A consent gate for one client. `wrap(storage)` returns a storage that keeps writes in memory until
 * consent is granted (reads still see what an earlier, consented visit stored); `hold` is what core
 * calls for each event (a returned promise means "not now"). Granting copies memory into the real
 * storages (so the device id does not change), then releases held events in the order they were
 * tracked. Denying resolves held events with {@link MSG_CONSENT_DENIED} and deletes every key the
 * wrapped storages read or wrote.
 * @example
 * const gate = consentGate('pending');
 * const storage = gate.wrap(identityStorage(...));
 * createClient({ ..., storage: () => storage, hold: gate.hold });
 * gate.set('granted'); // when the banner is accepted
 */
export const consentGate = (initial: ConsentState = 'granted') => {
  let state: ConsentState = initial;
  let held: Held[] = [];
  const gated: Gated[] = [];

  const wrap = <T>(real: GatedStorage<T>): GatedStorage<T> => {
    const memory = new Map<string, T>(); // synchronous, so a grant copies it before any later write
    const known = new Set<string>(); // keys read or written through this wrapper
    const removed = new Set<string>(); // keys removed before consent, removed for real on grant
    const peek = (key: string) => (real.peek ?? real.get)(key).catch(() => undefined);
    const purge = async () => {
      memory.clear();
      removed.clear();
      // Only touch keys that hold something: a cookie delete costs a cookie-domain probe.
      for (const key of known) if ((await peek(key)) !== undefined) await real.remove(key).catch(() => undefined);
    };
    gated.push({
      grant() {
        const copies: Promise<unknown>[] = [];
        for (const key of removed) copies.push(real.remove(key));
        for (const [key, value] of memory) copies.push(real.set(key, value));
        memory.clear();
        removed.clear();
        return Promise.all(copies.map((p) => p.catch(() => undefined)));
      },
      purge,
    });
    const storage: GatedStorage<T> = {
      isEnabled: async () => (state === 'granted' ? real.isEnabled() : true),
      async get(key) {
        known.add(key);
        if (state === 'granted') return real.get(key);
        if (memory.has(key) || removed.has(key)) return memory.get(key);
        if (state === 'denied') {
          await purge();
          return undefined;
        }
        return peek(key);
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
    if (real.setRaw) {
      const setRaw = real.setRaw.bind(real);
      storage.setRaw = async (key, json) => (state === 'granted' ? setRaw(key, json) : storage.set(key, JSON.parse(json) as T));
    }
    return storage;
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

  /** Moves to `next`; resolves when the storages have caught up. */
  const set = async (next: ConsentState): Promise<void> => {
    if (next === state) return;
    state = next;
    const waiting = held;
    held = [];
    if (next === 'granted') {
      // Start every copy before releasing events, so a write an event triggers lands after the copy.
      const copies = gated.map((g) => g.grant());
      for (const h of waiting) h.resolve(h.release());
      await Promise.all(copies);
    } else if (next === 'denied') {
      for (const h of waiting) h.resolve({ event: h.event, code: 0, message: MSG_CONSENT_DENIED });
      for (const g of gated) await g.purge();
    }
  };

  return {
    wrap,
    hold,
    set,
    get: (): ConsentState => state,
    /** Sets the state before anything was held or stored (at init), without a transition. */
    start(s: ConsentState) {
      state = s;
    },
    /** Events waiting for a decision. */
    held: () => held.length,
  };
};

/** A consent gate (what {@link consentGate} returns). */
export type ConsentGate = ReturnType<typeof consentGate>;
