// This tab's stored queue among the tabs of its origin (docs/delivery.md "Tabs"; docs/differences.md §C.5):
// the storage proven usable, the slot claimed and given up, the queues of closed tabs adopted, and whether
// another tab is open to adopt this one's when it leaves.
import type { Event, StorageProvider } from '../types';
import type { Settings } from './settings';
import { closedKey, indexKey, readStored, removeStored } from './stored-queue';
import { claimSlot, othersOpen, sweepOrphans, type Slot } from './tab-slots';

/** How long a queue without an owner and without the closed mark waits before it is adopted. */
const ORPHAN_GRACE_MS = 3000;

/**
 * The stored queue of one engine. `paused()` says the engine stopped or the page hid for good (then nothing
 * is adopted); `take(events, key)` moves a closed tab's events into the engine's queue and writes it.
 * @example
 * const [open, claim, giveUp, sweep, others] = createTabQueue(() => s, paused, take);
 * const slot = await claim(await open(config.storageProvider));
 */
export const createTabQueue = (
  settings: () => Settings,
  paused: () => boolean,
  take: (events: Event[], key: string) => void,
): [
  open: (given: StorageProvider | undefined) => Promise<StorageProvider | undefined>,
  claim: (prefer?: number) => Promise<Slot | undefined>,
  giveUp: (end?: boolean) => void,
  sweep: () => Promise<void>,
  others: () => boolean,
] => {
  let active: StorageProvider | undefined; // the storageProvider, once it proved usable
  let slot: Slot | undefined;
  /** Whether another tab held a slot at the last sweep: then this one hands its queue over when it leaves. */
  let siblings = false;
  /** The slots this tab emptied by adopting them, their locks held until it leaves. */
  const adopted: Array<{ key: string; release: () => void }> = [];

  const has = async (key: string) => !!(active && (active.getRaw ? await active.getRaw(key) : (await active.get(key))?.length));
  const hasQueue = async (key: string) => (await has(key)) || has(indexKey(key));
  /**
   * Queues found without an owner and not marked closed (left by a crash, or by the anchor): adopted after
   * ORPHAN_GRACE_MS, when whatever their tab wrote last has reached this one.
   */
  const freeSince = new Map<string, number>();
  const settled = async (key: string) => {
    if (await has(closedKey(key))) return true;
    let since = freeSince.get(key);
    if (since === undefined) {
      freeSince.set(key, (since = Date.now()));
      const t = setTimeout(() => void sweep(), ORPHAN_GRACE_MS + 10);
      (t as { unref?: () => void }).unref?.();
    }
    return Date.now() - since >= ORPHAN_GRACE_MS;
  };

  const adopt = async (key: string) => {
    // A tab that closed marks its slot last; until that shows here, what we would read may be behind.
    if (!(await settled(key))) return false;
    freeSince.delete(key);
    const { events, segments } = await readStored(active, key);
    if (paused()) return false; // the page hid meanwhile: the orphan stays for another tab
    take(events, key);
    await removeStored(active, key, segments);
    return true;
  };

  const releaseAdopted = () => adopted.splice(0).forEach((a) => a.release());

  const sweep = async () => {
    if (paused() || !active) return;
    const s = settings();
    const kept = await sweepOrphans(s.locks, s.baseKey, slot?.n, adopt, hasQueue).catch((e) => (s.log.warn(__DEV__ ? 'adopting queues of closed tabs failed:' : 'E57 adoption failed', e), []));
    // A slot adopted earlier may get events again: a late one its tab wrote after it hid.
    for (const { key } of adopted) if (await hasQueue(key)) await adopt(key).catch(() => false);
    adopted.push(...kept);
    if (paused()) releaseAdopted();
    siblings = !!slot && (await othersOpen(s.locks, s.baseKey, [slot.key, ...adopted.map((a) => a.key)]));
  };

  /** Proves the storageProvider usable; `undefined`: the queue stays in memory. */
  const open = async (given: StorageProvider | undefined) => {
    const enabled = given ? await Promise.resolve().then(() => given.isEnabled()).catch(() => false) : false;
    if (given && !enabled) settings().log.warn(__DEV__ ? 'storageProvider is not available; unsent events are kept in memory only' : 'E58 storageProvider unavailable, memory used');
    return (active = enabled ? given : undefined);
  };

  /** Claims a slot, `prefer` first; a free slot still holding a queue is taken only once marked closed (else the sweep adopts it later). */
  const claim = async (prefer?: number) => {
    const s = settings();
    const usable = async (key: string) => key === slot?.key || !(await hasQueue(key)) || has(closedKey(key));
    slot = active ? await claimSlot(s.locks, s.baseKey, prefer, usable) : undefined;
    if (active && !slot) s.log.warn(__DEV__ ? 'too many tabs hold unsent-event queues; this tab keeps its queue in memory' : 'E59 no tab slot, memory used');
    return slot;
  };

  // Marked last: another tab that sees the mark sees the queue as written before it (docs/delivery.md "Tabs").
  // `end` (teardown) also forgets the slot.
  const giveUp = (end?: boolean) => {
    if (slot && active) {
      try {
        void Promise.resolve(active.setRaw ? active.setRaw(closedKey(slot.key), '1') : active.set(closedKey(slot.key), [])).catch(() => undefined);
      } catch {
        // storage full: adopters wait a grace period instead
      }
    }
    slot?.release();
    releaseAdopted();
    if (end) slot = undefined;
  };

  return [open, claim, giveUp, sweep, () => siblings && !!slot];
};
