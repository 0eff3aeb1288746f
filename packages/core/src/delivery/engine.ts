// The delivery engine (docs/delivery.md; docs/protocol.md §A.4; docs/differences.md §C.1–C.5): a durable queue, batched
// uploads with one request in flight, answer handling, retries with backoff, and the page-hide path.
// Each event crosses the wire once: a request the browser has started counts as sent (it is neither
// stored nor sent again unless its answer proves it failed), and only what never left is stored for a
// later load. The one cost: a handed-off request that fails after the page is gone is lost.
import type { Config, DeliveryPlugin, DeliveryRequest, DeliveryTransport, Event, Result, StorageProvider } from '../types';
import { hurryPipelines } from '../pipeline';
import { batchBytes, pickBatch } from './batch';
import { createLedger } from './ledger';
import { ADOPTED, MISSING_API_KEY, SUCCESS, UNEXPECTED } from './messages';
import { createPersister, type IdleDeadline } from './persister';
import { closedKey, readStored } from './stored-queue';
import { resolveSettings, type Settings } from './settings';
import { memoryLocks, type Slot } from './tab-slots';
import { createTabQueue } from './tab-queue';
import { createTimers } from './timers';
import { FINAL, FLIGHT, makeEntry, QUEUED, UNLOAD, waiting, type Entry } from './entry';
import { isVendorUrl } from './server-url';
import { envelope, sendUnload as unloadRequests, upload } from './upload';

/**
 * Creates the delivery engine as a destination plugin.
 * @example
 * client.add(destinationPlugin());
 */
export const destinationPlugin = (): DeliveryPlugin => {
  let config: Config;
  let s: Settings;
  /** The batch the next one waits for (one request in flight); a request past its timeout stops blocking. */
  let inFlight: Entry[] | undefined;
  /** Requests started and not answered yet, with their hints (a transport may set `withdraw` there). */
  const outstanding = new Map<Entry[], DeliveryRequest>();
  let draining = false;
  let suspended = false; // after pagehide until pageshow: the slot is released, nothing is written but late events
  let hidden = false; // from a hide until the page shows again: new events leave at once by the unload path
  let late: Entry[] = [];
  const afterStart: Array<() => void> = [];
  let stopped = false;
  let slot: Slot | undefined;
  let isReady = false;
  let ready: Promise<void> = Promise.resolve();
  let restarting: Promise<void> | undefined;
  const undo: Array<() => void> = [];

  const persisterDeps = () => ({
    keep: (e: Entry) => e.state !== FINAL,
    // Only what has not left is stored: an event in flight or handed off at page hide counts as sent.
    stores: waiting,
    size: bytes,
    // A new event is written only if it is still queued a second after its batch was due: most are
    // delivered by then and cost no write at all (the page-hide path writes at once).
    delayMs: s ? Math.min(s.interval, 1000) + 1000 : 0,
    warn: (...a: unknown[]) => s.log.warn(...a),
    defer: (task: (deadline?: IdleDeadline) => void, maxDelayMs: number) => {
      if (config.lifecycle?.idle) return config.lifecycle.idle(task, maxDelayMs);
      const t = setTimeout(task, Math.min(50, maxDelayMs));
      return () => clearTimeout(t);
    },
  });
  const [queue, count, bytes, finish, compact, put, restore, unknown, settled, release, handle, resumeParked, holds, notBefore] = createLedger(() => persist, () => s);
  let persist = createPersister<Entry>({ ...persisterDeps(), storage: undefined });
  /** Events left stored (for another tab or the next load) when the page was last hidden for good. */
  let handedOver = new Set<Entry>();

  // ---- queueing and sending ------------------------------------------------------------------------
  const add = (entries: Entry[], bounded?: boolean) => {
    put(entries, bounded);
    if (isReady) interval(s.interval);
    if (isReady && !hidden && (count() >= s.batchSize || draining)) pump();
  };

  const online = () => config.offline !== true && (config.offline === null || !config.connectivity || config.connectivity.online());

  const [interval, wake, stopTimers] = createTimers(() => {
    draining = true;
    pump();
  });

  const pump = () => {
    if (!isReady || stopped || suspended || inFlight || !online()) return;
    const now = Date.now();
    if (now < notBefore()) return wake(notBefore());
    // The transport type and headers are bound into the transport when it is made (`transport`, `setTransport`).
    const compress = config.enableRequestBodyCompression === true || isVendorUrl(s.url);
    const batch = pickBatch(queue, { maxCount: s.batchSize, maxBytes: batchBytes(compress), holds, now });
    if (!batch.length) {
      draining = false;
      const held = [...holds.values()].filter((t) => t > now);
      if (held.length && queue.some((e) => e.state === QUEUED)) wake(Math.min(...held));
      return;
    }
    if (!draining && batch.length < Math.min(s.batchSize, batch[0].limit ?? Infinity)) {
      return interval(s.interval);
    }
    if (!config.apiKey) {
      batch.forEach((e) => finish(e, 400, MISSING_API_KEY));
      compact();
      return pump();
    }
    void send(batch, compress);
  };

  const send = async (batch: Entry[], compress: boolean) => {
    inFlight = batch;
    batch.forEach((e) => ((e.state = FLIGHT), persist.left(e)));
    const { payload, body, bytes } = envelope(config, batch);
    const hints: DeliveryRequest = { compress, body, bytes, timeoutMs: s.requestTimeout * 4 };
    outstanding.set(batch, hints);
    const res = await upload(config.transportProvider as DeliveryTransport, s, payload, hints, () => inFlight === batch && ((inFlight = undefined), pump()));
    outstanding.delete(batch);
    if (stopped) return;
    // A keepalive failed by the page's unload (read one task later): if the page hid for good by then, the
    // events count as sent, as a beacon's do.
    if (!res && hints.survives && suspended) return batch.forEach((e) => e.state === FLIGHT && finish(e, 200, SUCCESS));
    if (inFlight === batch) inFlight = undefined;
    if (handle(batch.filter((e) => e.state === FLIGHT), res)) draining = true;
    // Answered "not delivered" after the page hid for good (the page is still running its last tasks):
    // those events leave by the page-hide path now, or are stored apart, like events tracked that late.
    if (suspended) for (const e of batch) if (e.state === QUEUED && late.push(e) === 1) queueMicrotask(sendLate);
    pump();
  };

  // ---- page hide ---------------------------------------------------------------------------------
  // Queued events leave by requests that survive the page (upload.ts `sendUnload`). A keepalive answered
  // while the page is back from the bfcache but not started again is applied once started, so what the
  // server confirmed is not sent a second time.
  const sendUnload = (leaving: Entry[]) => {
    if (online())
      unloadRequests(config, s.url, leaving, persist.left, (e) => finish(e, 200, SUCCESS), (chunk, res) => {
        const settle = () => (handle(chunk.filter((e) => e.state === UNLOAD), res) && (draining = true), pump());
        if (suspended) afterStart.push(settle);
        else settle();
      });
    compact();
  };

  // What waits in the queue leaves now. A batch in flight already left and is not sent again, unless its
  // transport can still take it back (not handed to the browser yet, e.g. gzipping or waiting in the
  // worker): then it leaves by this path instead, and never by the other.
  const sendOnHide = (send: boolean) => {
    for (const [batch, hints] of outstanding) {
      if (!hints.withdraw?.()) continue;
      batch.forEach((e) => e.state === FLIGHT && ((e.state = QUEUED), persist.back(e)));
      if (inFlight === batch) inFlight = undefined;
    }
    if (send) sendUnload(queue.filter(waiting));
  };

  /**
   * Events tracked after the page hid (e.g. by a `pagehide` listener registered after ours, as web vitals
   * are) leave by the unload path at once. Those tracked in one listener leave together: the microtask
   * runs when that listener returns, before the browser moves on (docs/delivery.md "Page lifecycle").
   */
  const sendLate = () => {
    const entries = late.filter((e) => e.state === QUEUED);
    late = [];
    if (!entries.length) return;
    sendUnload(entries);
    const left = entries.filter((e) => e.state === QUEUED);
    if (!suspended) return persist.writeNow();
    // After pagehide the slot is given up, but the page may be gone before another tab could take over:
    // what could not leave is still written there, where the next load looks first, in a segment of its
    // own (another tab may have adopted the rest of the slot meanwhile: nothing is written twice).
    left.forEach((e) => handedOver.add(e));
    persist.writeApart(left);
  };

  const onHide = (final: boolean) => {
    hurryPipelines(true); // events still in the plugin pipeline reach us in this task, by the unload path
    if (!isReady || suspended) return;
    hidden = true;
    // Leaving while another tab is open: the queue is handed over through storage (written, marked closed,
    // adopted by that tab), not sent. A closing page's work is cut short when it takes long (Chromium
    // allows about half a second), and its last storage writes may then be lost: a few writes finish
    // far sooner than requests plus writes.
    const handOver = final && others();
    // Else what was never stored is stored before anything leaves: if the page is cut short after its
    // requests, the tab that adopts what it stored may send some events twice, but none is lost.
    if (!handOver) persist.writeNow(true);
    sendOnHide(!handOver);
    persist.writeNow();
    if (final) {
      // Leaving (or entering the back-forward cache): give up the slot so another tab can adopt what is
      // left; without this a held Web Lock would also keep the page out of the bfcache.
      suspended = true;
      handedOver = new Set(queue.filter(waiting));
      stopTimers();
      persist.suspend();
      giveUpSlot();
    }
  };

  // Shown again, or restored from the bfcache (then `suspended` says to start again).
  const onShow = () => {
    hurryPipelines(false);
    hidden = false;
    // (`pageshow` and `visibilitychange` both announce a restore: start once)
    if (suspended) ready = restarting ??= start(slot?.n).finally(() => (restarting = undefined));
    else pump();
  };

  // ---- start, restore, adopt ---------------------------------------------------------------------
  let active: StorageProvider | undefined; // the storageProvider, once it proved usable
  // A closed tab's events, adopted: queued after ours (skipping any we have) and written to our slot.
  const take = (events: Event[], key: string) => {
    const fresh = unknown(events);
    if (fresh.length) s.log.log(`adopting ${fresh.length} unsent events from ${key}`);
    add(fresh);
    persist.writeNow();
  };
  const [open, claim, giveUpSlot, sweep, others] = createTabQueue(() => s, () => suspended || stopped, take);

  const start = async (prefer?: number) => {
    isReady = false;
    active = await open(config.storageProvider as StorageProvider | undefined);
    persist = createPersister<Entry>({ ...persisterDeps(), storage: active });
    slot = await claim(prefer);
    const wasSuspended = suspended;
    suspended = false;
    // Back from the bfcache: a request still unanswered stops holding up the queue (as one past its
    // timeout: its answer is still taken when it comes).
    if (wasSuspended) inFlight = undefined;
    if (slot) {
      const { events: stored, segments } = await readStored(active, slot.key);
      const ids = new Set(stored.map((e) => e.insert_id));
      if (wasSuspended) {
        // What is no longer in our slot was adopted by another tab meanwhile.
        for (const e of queue) if (handedOver.has(e) && e.state !== FINAL && !ids.has(e.event.insert_id)) finish(e, 0, ADOPTED);
        handedOver = new Set();
        compact();
      }
      restore(unknown(stored));
      persist.setKey(slot.key, segments);
      void Promise.resolve(active!.remove(closedKey(slot.key))).catch(() => undefined);
    }
    isReady = true;
    persist.reset(queue);
    afterStart.splice(0).forEach((settle) => settle());
    draining = queue.length > 0;
    pump();
    void sweep();
  };

  // Called by the pipeline with its own settle function, the event is queued and that function is
  // returned (it is called once, with the result): no promise per event. Called as the plugin API
  // has it, with the event alone, it answers a promise of the result.
  const execute = (event: Event, settle?: (r: Result) => void): Promise<Result> | ((r: Result) => void) => {
    if (!settle) return new Promise<Result>((resolve) => execute(event, resolve));
    try {
      const entry = makeEntry(event, settle);
      add([entry], true);
      if (hidden && isReady && entry.state === QUEUED && queue[queue.length - 1] === entry && late.push(entry) === 1) queueMicrotask(sendLate);
    } catch (e) {
      s.log.error(__DEV__ ? 'could not queue event:' : 'E5 event not queued', e);
      settle({ event, code: 0, message: UNEXPECTED });
    }
    return settle;
  };

  return {
    name: 'footprint-destination',
    type: 'destination',
    async setup(c) {
      config = c;
      s = resolveSettings(config, config.serverUrl, memoryLocks);
      stopped = false;
      if (config.lifecycle) undo.push(config.lifecycle.subscribe({ hide: onHide, show: onShow }));
      if (config.connectivity) {
        undo.push(
          config.connectivity.subscribe((up) => {
            if (!up) return release();
            // Wait one interval after reconnecting: sending at once tends to hit ERR_NETWORK_CHANGED.
            resumeParked();
            wake(Date.now() + s.interval);
          }),
        );
      }
      const timer = setInterval(() => void sweep(), s.adoptInterval);
      // In Node the sweep alone must not keep the process alive.
      (timer as { unref?: () => void }).unref?.();
      undo.push(() => clearInterval(timer));
      ready = start();
      await ready;
    },
    execute: execute as DeliveryPlugin['execute'],
    async flush() {
      await ready;
      resumeParked();
      const pending = new Set(queue.filter((e) => e.state === QUEUED || e.state === FLIGHT));
      if (!pending.size || !online() || stopped) return;
      notBefore(0);
      draining = true;
      const done = settled(pending);
      pump();
      await done;
    },
    async teardown() {
      stopped = true;
      undo.splice(0).forEach((u) => u());
      stopTimers();
      persist.writeNow();
      persist.cancel();
      giveUpSlot(true);
      slot = undefined;
      release();
    },
  };
};
