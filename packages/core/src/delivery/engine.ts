// The delivery engine (docs/delivery.md; docs/protocol.md §A.4; docs/differences.md §C.1–C.5): a durable queue, batched
// uploads with one request in flight, answer handling, retries with backoff, and the page-hide path.
// Each event crosses the wire once: a request the browser has started counts as sent (it is neither
// stored nor sent again unless its answer proves it failed), and only what never left is stored for a
// later load. The one cost: a handed-off request that fails after the page is gone is lost.
import type { Config, DeliveryRequest, DeliveryTransport, Event, Plugin, Result, StorageProvider, TransportResponse } from '../types';
import { hurryPipelines } from '../pipeline';
import { backoffDelay } from './backoff';
import { chunkByBytes, pickBatch } from './batch';
import { classifyAnswer, type Verdict } from './classify';
import { ADOPTED, MISSING_API_KEY, OVERSIZE, PARKED, QUEUE_OVERFLOW, SUCCESS, UNEXPECTED } from './messages';
import { createPersister, type IdleDeadline } from './persister';
import { closedKey, readStored } from './stored-queue';
import { resolveSettings, type Settings } from './settings';
import { memoryLocks, type Slot } from './tab-slots';
import { createTabQueue } from './tab-queue';
import { makeEntry, waiting, type Entry } from './entry';
import { isVendorUrl } from './server-url';

/** Largest body for one page-hide request: a quarter of the browser's shared 64 KiB keepalive budget. */
const UNLOAD_CHUNK_BYTES = 16 * 1024 - 512;
/** Keep requests under the HTTP V2 1 MB limit without waiting for a 413 (docs/protocol.md §B.3). */
const MAX_BATCH_BYTES = 1_000_000 - 4096;
/**
 * Largest batch of plain JSON: its request fits a keepalive (16 KiB), so it completes even if the page goes
 * away. Gzipped batches may be 4× larger (JSON events shrink far more than that).
 */
const KEEPALIVE_BATCH_BYTES = 16 * 1024 - 512;

/** The default destination plugin; `flush()` resolves when everything queued is settled. */
export interface DeliveryPlugin extends Plugin {
  name: string;
  type: 'destination';
  setup(config: Config, client?: unknown): Promise<void>;
  execute(event: Event): Promise<Result>;
  flush(): Promise<void>;
  teardown(): Promise<void>;
}

/**
 * Creates the delivery engine as a destination plugin.
 * @example
 * client.add(destinationPlugin());
 */
export const destinationPlugin = (): DeliveryPlugin => {
  let config: Config;
  let s: Settings;
  let queue: Entry[] = [];
  let count = 0;
  let bytes = 0;
  /** The batch the next one waits for (one request in flight); a request past its timeout stops blocking. */
  let inFlight: Entry[] | undefined;
  /** Requests started and not answered yet, with their hints (a transport may set `withdraw` there). */
  const outstanding = new Map<Entry[], DeliveryRequest>();
  /** Entries settled since the last `compact()`. */
  let finals = 0;
  let parked = false;
  let draining = false;
  let failures = 0;
  let notBefore = 0;
  let suspended = false; // after pagehide until pageshow: the slot is released, nothing is written but late events
  let hidden = false; // from a hide until the page shows again: new events leave at once by the unload path
  let late: Entry[] = [];
  const afterStart: Array<() => void> = [];
  let stopped = false;
  let overflowWarned = false;
  let slot: Slot | undefined;
  let isReady = false;
  let ready: Promise<void> = Promise.resolve();
  let restarting: Promise<void> | undefined;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let wakeTimer: ReturnType<typeof setTimeout> | undefined;
  let wakeAt = Infinity;
  const holds = new Map<string, number>();
  const waiters = new Set<{ pending: Set<Entry>; done: () => void }>();
  const undo: Array<() => void> = [];

  const timeout = (task: () => void, ms: number) => {
    const t = setTimeout(task, ms);
    return () => clearTimeout(t);
  };
  const persisterDeps = () => ({
    keep: (e: Entry) => e.state !== 'final',
    // Only what has not left is stored: an event in flight or handed off at page hide counts as sent.
    stores: waiting,
    size: () => bytes,
    // A new event is written only if it is still queued a second after its batch was due: most are
    // delivered by then and cost no write at all (the page-hide path writes at once).
    delayMs: s ? Math.min(s.interval, 1000) + 1000 : 0,
    warn: (...a: unknown[]) => s.log.warn(...a),
    defer: (task: (deadline?: IdleDeadline) => void, maxDelayMs: number) =>
      config.lifecycle?.idle ? config.lifecycle.idle(task, maxDelayMs) : timeout(task, Math.min(50, maxDelayMs)),
  });
  let persist = createPersister<Entry>({ ...persisterDeps(), storage: undefined });
  /** Events left stored (for another tab or the next load) when the page was last hidden for good. */
  let handedOver = new Set<Entry>();

  // ---- settling -------------------------------------------------------------------------------
  const notify = (e: Entry) => {
    for (const w of waiters) if (w.pending.delete(e) && w.pending.size === 0) (waiters.delete(w), w.done());
  };
  const report = (e: Entry, code: number, message: string) => {
    const resolve = e.resolve;
    e.resolve = undefined;
    resolve?.({ event: e.event, code, message });
    notify(e);
  };
  const finish = (e: Entry, code: number, message: string) => {
    if (e.state === 'final') return;
    e.state = 'final';
    finals += 1;
    count -= 1;
    bytes -= e.bytes;
    persist.removed(e);
    report(e, code, message);
  };
  // Removes settled entries. They are usually the oldest (a delivered batch), so they come off the head
  // without scanning the whole queue: delivering a long queue stays linear.
  const compact = () => {
    if (!finals) return;
    let head = 0;
    while (head < queue.length && queue[head].state === 'final') head++;
    if (head === finals) queue.splice(0, head);
    else queue = queue.filter((e) => e.state !== 'final');
    finals = 0;
  };

  // ---- enqueueing ------------------------------------------------------------------------------
  // Beyond the memory bound a new event is refused with its reason; nothing already accepted is dropped.
  const fits = (e: Entry) => {
    if (count < s.maxEvents && bytes + e.bytes <= s.maxBytes) return true;
    if (!overflowWarned) s.log.warn(__DEV__ ? `${QUEUE_OVERFLOW} (maxQueuedEvents ${s.maxEvents}, maxQueuedBytes ${s.maxBytes}); see docs/delivery.md` : 'E54 queue full: new events refused');
    overflowWarned = true;
    report(e, 0, QUEUE_OVERFLOW);
    return false;
  };

  const add = (entries: Entry[], bounded = false) => {
    for (const e of entries) {
      if (bounded && !fits(e)) continue;
      queue.push(e);
      count += 1;
      bytes += e.bytes;
      persist.append(e);
    }
    if (!flushTimer && isReady) flushTimer = setTimeout(onInterval, s.interval);
    if (isReady && !hidden && (count >= s.batchSize || draining)) pump();
  };

  // ---- sending -----------------------------------------------------------------------------------
  const online = () => config.offline !== true && (config.offline === null || !config.connectivity || config.connectivity.online());

  const onInterval = () => {
    flushTimer = undefined;
    draining = true;
    pump();
  };

  const wake = (at: number) => {
    if (wakeTimer && wakeAt <= at) return;
    if (wakeTimer) clearTimeout(wakeTimer);
    wakeAt = at;
    wakeTimer = setTimeout(() => {
      wakeTimer = undefined;
      wakeAt = Infinity;
      draining = true;
      pump();
    }, Math.max(0, at - Date.now()));
  };

  // The transport type and headers are bound into the transport when it is made (`transport`, `setTransport`).
  const request = (): DeliveryRequest => ({
    compress: config.enableRequestBodyCompression === true || isVendorUrl(s.url),
    timeoutMs: s.requestTimeout,
  });

  const envelope = (entries: Entry[]) => {
    const options = config.minIdLength !== undefined ? { min_id_length: config.minIdLength } : {};
    const client_upload_time = new Date().toISOString();
    const payload = { api_key: config.apiKey, events: entries.map((e) => e.event), options, client_upload_time };
    const body = `{"api_key":${JSON.stringify(config.apiKey)},"events":[${entries.map((e) => e.json).join(',')}],"options":${JSON.stringify(options)},"client_upload_time":"${client_upload_time}"}`;
    return { payload, body };
  };

  const pump = () => {
    if (!isReady || stopped || suspended || inFlight || !online()) return;
    const now = Date.now();
    if (now < notBefore) return wake(notBefore);
    const maxBytes = request().compress ? 4 * KEEPALIVE_BATCH_BYTES : KEEPALIVE_BATCH_BYTES;
    const batch = pickBatch(queue, { maxCount: s.batchSize, maxBytes: Math.min(maxBytes, MAX_BATCH_BYTES), holds, now });
    if (!batch.length) {
      draining = false;
      const held = [...holds.values()].filter((t) => t > now);
      if (held.length && queue.some((e) => e.state === 'queued')) wake(Math.min(...held));
      return;
    }
    if (!draining && batch.length < Math.min(s.batchSize, batch[0].limit ?? Infinity)) {
      if (!flushTimer) flushTimer = setTimeout(onInterval, s.interval);
      return;
    }
    if (!config.apiKey) {
      batch.forEach((e) => finish(e, 400, MISSING_API_KEY));
      compact();
      return pump();
    }
    void send(batch);
  };

  const send = async (batch: Entry[]) => {
    inFlight = batch;
    batch.forEach((e) => ((e.state = 'flight'), persist.left(e)));
    const { payload, body } = envelope(batch);
    const transport = config.transportProvider as DeliveryTransport;
    let res: TransportResponse | null = null;
    const timers: Array<() => void> = [];
    // Past `requestTimeoutMillis` the request stops holding up the queue but keeps its chance to answer:
    // a slow server may still store it, so its events are sent again only once its failure is known.
    // The transport gives up after 4× as long; the answer is then `null`, and the events go again.
    const hard = s.requestTimeout * 4;
    timers.push(timeout(() => inFlight === batch && ((inFlight = undefined), pump()), s.requestTimeout));
    const hints: DeliveryRequest = { ...request(), body, timeoutMs: hard };
    outstanding.set(batch, hints);
    try {
      const timedOut = new Promise<null>((r) => timers.push(timeout(() => r(null), hard + 2000)));
      res = await Promise.race([transport.send(s.url, payload, hints), timedOut]);
    } catch (e) {
      s.log.error(__DEV__ ? 'transport failed:' : 'E55 transport failed', e);
      res = null;
    } finally {
      timers.forEach((t) => t());
    }
    // A page that unloads fails its keepalive requests' promises first, in the task that hides it, though
    // the requests go on: such a failure is read one task later, once the page-hide path has run, and if
    // the page hid for good by then, the events count as sent (as a beacon's do).
    if (!res && hints.survives) await new Promise((r) => setTimeout(r, 0));
    outstanding.delete(batch);
    if (stopped) return;
    if (!res && hints.survives && suspended) return batch.forEach((e) => e.state === 'flight' && finish(e, 200, SUCCESS));
    if (inFlight === batch) inFlight = undefined;
    handle(batch.filter((e) => e.state === 'flight'), res);
    // Answered "not delivered" after the page hid for good (the page is still running its last tasks):
    // those events leave by the page-hide path now, or are stored apart, like events tracked that late.
    if (suspended) for (const e of batch) if (e.state === 'queued' && late.push(e) === 1) queueMicrotask(sendLate);
    pump();
  };

  const resumeParked = () => {
    if (parked) for (const e of queue) if (e.state === 'parked') (e.state = 'queued'), (e.attempts = 0);
    parked = false;
  };

  const handle = (batch: Entry[], res: TransportResponse | null) => {
    if (!batch.length) return;
    const now = Date.now();
    const v: Verdict = classifyAnswer(res, batch.map((e) => e.event), now, s.retryAfterMax);
    for (const [i, message] of v.drop) finish(batch[i], v.code, message);
    const rest = batch.filter((e) => e.state !== 'final');
    // Not delivered: queued again, and stored again (the request provably did not deliver them).
    if (v.action !== 'done') rest.forEach((e) => ((e.state = 'queued'), persist.back(e)));
    if (v.action === 'done') {
      rest.forEach((e) => finish(e, v.code, SUCCESS));
      failures = 0;
      resumeParked(); // the endpoint is healthy again: what was parked can go
    } else if (v.action === 'split') {
      if (rest.length === 1) finish(rest[0], v.code, v.code === 413 ? `${v.message}: ${OVERSIZE}` : v.message);
      else rest.forEach((e) => (e.limit = Math.ceil(rest.length / 2)));
      draining = true;
    } else if (v.action === 'requeue') {
      const until = now + (v.retryAfterMs ?? s.throttle);
      for (const u of v.hold?.users ?? []) holds.set(`u:${u}`, until);
      for (const d of v.hold?.devices ?? []) holds.set(`d:${d}`, until);
      draining = true;
    } else {
      failures += 1;
      rest.forEach((e) => (e.attempts += 1));
      if (rest.some((e) => e.attempts >= s.maxRetries)) {
        // Retries are exhausted for this page life: park everything waiting, never drop it (docs/differences.md §C.4).
        s.log.warn(__DEV__ ? `upload failed ${s.maxRetries} times (${v.message}); keeping events stored until the next page load, online, or flush()` : `E56 upload failed ${s.maxRetries} times (${v.message}), kept`);
        for (const e of queue) if (e.state === 'queued') (e.state = 'parked'), report(e, v.code, PARKED);
        parked = true;
      } else {
        notBefore = now + (v.retryAfterMs ?? backoffDelay(failures, { baseMs: s.retryBase, maxMs: s.retryMax }));
        draining = true;
      }
    }
    compact();
  };

  // ---- page hide ---------------------------------------------------------------------------------
  /**
   * Hands queued events to requests that survive the page going away, in chunks that fit the keepalive
   * budget. What the browser takes counts as sent: it is no longer stored (a beacon is settled at once, a
   * keepalive when its answer comes, if the page lives to read it). What it refuses stays stored.
   */
  const sendUnload = (leaving: Entry[]) => {
    const transport = config.transportProvider as DeliveryTransport;
    if (!transport.sendUnload || !online() || !config.apiKey) return;
    for (const chunk of chunkByBytes(leaving, UNLOAD_CHUNK_BYTES)) {
      const { body } = envelope(chunk);
      const how = transport.sendUnload(s.url, body, (res) => {
        const settle = () => (handle(chunk.filter((e) => e.state === 'unload'), res), pump());
        // Answered while the page is back from the bfcache but not started again: apply it once started,
        // so what the server confirmed is not sent a second time.
        if (suspended) afterStart.push(settle);
        else settle();
      });
      if (!how) break; // out of budget: the rest stays stored for the next page load
      chunk.forEach((e) => ((e.state = 'unload'), persist.left(e)));
      if (how === 'beacon') chunk.forEach((e) => finish(e, 200, SUCCESS)); // accepted by the browser: sent
    }
    compact();
  };

  // What waits in the queue leaves now. A batch in flight already left and is not sent again, unless its
  // transport can still take it back (not handed to the browser yet, e.g. gzipping or waiting in the
  // worker): then it leaves by this path instead, and never by the other.
  const sendOnHide = (send: boolean) => {
    for (const [batch, hints] of outstanding) {
      if (!hints.withdraw?.()) continue;
      batch.forEach((e) => e.state === 'flight' && ((e.state = 'queued'), persist.back(e)));
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
    const entries = late.filter((e) => e.state === 'queued');
    late = [];
    if (!entries.length) return;
    sendUnload(entries);
    const left = entries.filter((e) => e.state === 'queued');
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
      [flushTimer, wakeTimer].forEach((t) => t && clearTimeout(t));
      flushTimer = wakeTimer = undefined;
      wakeAt = Infinity;
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
    const known = new Set(queue.map((e) => e.event.insert_id));
    const fresh = events.filter((e) => !e.insert_id || !known.has(e.insert_id)).map((e) => makeEntry(e));
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
        for (const e of queue) if (handedOver.has(e) && e.state !== 'final' && !ids.has(e.event.insert_id)) finish(e, 0, ADOPTED);
        handedOver = new Set();
        compact();
      }
      const known = new Set(queue.map((e) => e.event.insert_id));
      const restored = stored.filter((e) => !known.has(e.insert_id)).map((e) => makeEntry(e));
      queue = [...restored, ...queue];
      count += restored.length;
      bytes += restored.reduce((n, e) => n + e.bytes, 0);
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
            if (!up) return [...waiters].forEach((w) => (waiters.delete(w), w.done()));
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
    execute(event: Event) {
      return new Promise<Result>((resolve) => {
        try {
          const entry = makeEntry(event, resolve);
          add([entry], true);
          if (hidden && isReady && entry.state === 'queued' && queue[queue.length - 1] === entry && late.push(entry) === 1) queueMicrotask(sendLate);
        } catch (e) {
          s.log.error(__DEV__ ? 'could not queue event:' : 'E5 event not queued', e);
          resolve({ event, code: 0, message: UNEXPECTED });
        }
      });
    },
    async flush() {
      await ready;
      resumeParked();
      const pending = new Set(queue.filter((e) => e.state === 'queued' || e.state === 'flight'));
      if (!pending.size || !online() || stopped) return;
      notBefore = 0;
      draining = true;
      const done = new Promise<void>((r) => waiters.add({ pending, done: r }));
      pump();
      await done;
    },
    async teardown() {
      stopped = true;
      undo.splice(0).forEach((u) => u());
      [flushTimer, wakeTimer].forEach((t) => t && clearTimeout(t));
      flushTimer = wakeTimer = undefined;
      persist.writeNow();
      persist.cancel();
      giveUpSlot(true);
      slot = undefined;
      [...waiters].forEach((w) => (waiters.delete(w), w.done()));
    },
  };
};
