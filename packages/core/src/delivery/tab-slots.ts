// Tabs of one origin share storage but never a queue (docs/differences.md §C.5). Each tab owns one numbered slot
// key, proven by holding that slot's cross-tab lock: slot 0 is the anchor's key `AMP_unsent_<key10>` (so
// a migrating site's unsent events are picked up), further tabs use `AMP_unsent_<key10>_<n>`. A slot
// whose lock is free has no live owner: its events are orphans, adopted by whichever tab locks it first.
// See packages/browser/DELIVERY.md.
import type { TabLocks } from './options';

/** Most concurrent tabs with a persisted queue; a tab beyond that keeps its queue in memory. */
export const MAX_SLOTS = 32;

export const slotKey = (base: string, n: number) => (n === 0 ? base : `${base}_${n}`);
const lockName = (key: string) => `footprint:${key}`;

/**
 * Whether a tab other than this one (the holder of the slots `mine`) holds a slot of `base` now; `false`
 * when the locks cannot tell.
 * @example
 * await othersOpen(locks, 'AMP_unsent_0123456789', ['AMP_unsent_0123456789_1']);
 */
export const othersOpen = async (locks: TabLocks, base: string, mine: string[]): Promise<boolean> =>
  ((await locks.held?.().catch(() => undefined)) ?? []).some((name) => name.startsWith(lockName(base)) && !mine.some((key) => name === lockName(key)));

/** A slot held by this tab until `release()`. */
export interface Slot {
  n: number;
  key: string;
  release(): void;
}

/**
 * Takes the lowest free slot that `usable` accepts (default: any), or `undefined` when none is left.
 * @example
 * const slot = await claimSlot(locks, 'AMP_unsent_0123456789');
 */
export const claimSlot = async (locks: TabLocks, base: string, prefer?: number, usable?: (key: string) => Promise<boolean>): Promise<Slot | undefined> => {
  const order = prefer === undefined ? [] : [prefer];
  for (let n = 0; n < MAX_SLOTS; n++) if (n !== prefer) order.push(n);
  for (const n of order) {
    const key = slotKey(base, n);
    const release = await locks.tryHold(lockName(key)).catch(() => undefined);
    if (!release) continue;
    if (!usable || (await usable(key).catch(() => true))) return { n, key, release };
    release();
  }
  return undefined;
};

/**
 * Visits every slot other than `mine` whose owner is gone, holding its lock while `adopt(key)` runs so
 * two tabs never adopt the same queue. The lock of a slot `adopt` emptied (it resolves `true`) stays
 * held: another tab's copy of localStorage may not show the emptied slot yet, and must not read it
 * until this tab goes. Returns the releases of those locks.
 * @example
 * const held = await sweepOrphans(locks, base, slot.n, async (key) => { merge(await read(key)); await remove(key); return true; });
 */
export const sweepOrphans = async (locks: TabLocks, base: string, mine: number | undefined, adopt: (key: string) => Promise<boolean>, exists: (key: string) => Promise<boolean>) => {
  const kept: Array<{ key: string; release: () => void }> = [];
  for (let n = 0; n < MAX_SLOTS; n++) {
    if (n === mine) continue;
    const key = slotKey(base, n);
    if (!(await exists(key))) continue;
    const release = await locks.tryHold(lockName(key)).catch(() => undefined);
    if (!release) continue;
    let adopted = false;
    try {
      adopted = await adopt(key);
    } finally {
      if (adopted) kept.push({ key, release });
      else release();
    }
  }
  return kept;
};

/**
 * Locks that live in one JavaScript realm: right for Node, workers and tests; the browser layer passes
 * Web Locks instead so that tabs see each other.
 * @example
 * const locks = memoryLocks();
 */
export const memoryLocks = (): TabLocks => {
  const held = new Set<string>();
  return {
    async tryHold(name) {
      if (held.has(name)) return undefined;
      held.add(name);
      return () => held.delete(name);
    },
    held: async () => [...held],
  };
};
