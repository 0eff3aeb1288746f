// The delivery engine (docs/protocol.md §A.4, docs/differences.md §C.1–C.5): a durable queue, batched
// uploads with one request in flight, answer handling, retries with backoff, and the page-hide path.
import type { Config, Event, Plugin, Result, TransportResponse } from '../types';
import { uuid } from '../uuid';
import { backoffDelay } from './backoff';
import { chunkByBytes, pickBatch, utf8Length } from './batch';
import { classifyAnswer, type Verdict } from './classify';
import { ADOPTED, MISSING_API_KEY, OVERSIZE, PARKED, QUEUE_OVERFLOW, SUCCESS, UNEXPECTED } from './messages';
import type { DeliveryOptions, DeliveryRequest, DeliveryTransport, StorageProvider } from './options';
import { createPersister, indexKey, readStored, removeStored, type IdleDeadline } from './persister';
import { resolveSettings, type Settings } from './settings';
import { claimSlot, memoryLocks, sweepOrphans, type Slot } from './tab-slots';
import { isVendorUrl, serverUrlFor } from './server-url';

type State = 'queued' | 'flight' | 'parked' | 'unload' | 'final';

interface Entry {
  event: Event;
  json: string;
  bytes: number;
  attempts: number;
  state: State;
  limit?: number;
  /** Set while the caller still waits for this event's fate. */
  resolve?: (r: Result) => void;
  /** Sent by beacon while the page hid: no answer will come. */
  beacon?: boolean;
  /** The stored segment holding it (the persister's). */
  seg?: unknown;
}

/** Largest body for one page-hide request: a quarter of the browser's shared 64 KiB keepalive budget. */
const UNLOAD_CHUNK_BYTES = 16 * 1024 - 512;
/** Keep requests under the HTTP V2 1 MB limit without waiting for a 413 (docs/protocol.md §B.3). */
const MAX_BATCH_BYTES = 1_000_000 - 4096;

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
  let config: Config & DeliveryOptions;
  let s: Settings;
  let queue: Entry[] = [];
  let count = 0;
  let bytes = 0;
  let inFlight: Entry[] | undefined;
  /** The request of `inFlight` left with keepalive: it completes even if the page goes away. */
  let inFlightKept = false;
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
  let dropped = 0;
  let slot: Slot | undefined;
  let isReady = false;
  let ready: Promise<void> = Promise.resolve();
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
    size: () => bytes,
    // A new event is written only if it is still queued a second after its batch was due: most are
    // delivered by then and cost no write at all (the page-hide path writes at once).
    delayMs: s ? Math.min(s.interval, 1000) + 1000 : 0,
    warn: (...a: unknown[]) => s.log.warn(...a),
    defer: (task: (deadline?: IdleDeadline) => void, maxDelayMs: number) =>
      config.lifecycle?.idle ? config.lifecycle.idle(task, maxDelayMs) : timeout(task, Math.min(50, maxDelayMs)),
  });
  let persist = createPersister<Entry>({ ...persisterDeps(), storage: undefined });
  /** insert_ids stored when the page was last hidden for good (pagehide). */
  let handedOver = new Set<string | undefined>();

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
  const makeEntry = (event: Event, resolve?: (r: Result) => void): Entry => {
    if (!event.insert_id) event.insert_id = uuid();
    if ('extra' in event) delete event.extra;
    const json = JSON.stringify(event);
    return { event, json, bytes: utf8Length(json), attempts: 0, state: 'queued', resolve };
  };

  const enforceBounds = () => {
    if (count <= s.maxEvents && bytes <= s.maxBytes) return;
    for (const e of queue) {
      if (count <= s.maxEvents && bytes <= s.maxBytes) break;
      if (e.state !== 'queued' && e.state !== 'parked') continue;
      finish(e, 0, QUEUE_OVERFLOW);
      if (dropped++ % 1000 === 0) s.log.warn(`unsent-event queue is full (maxQueuedEvents ${s.maxEvents}, maxQueuedBytes ${s.maxBytes}); dropping the oldest events`);
    }
    compact();
  };

  const add = (entries: Entry[]) => {
    for (const e of entries) {
      queue.push(e);
      count += 1;
      bytes += e.bytes;
      persist.append(e);
    }
    enforceBounds();
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

  const request = (): DeliveryRequest => {
    const t = config.transport;
    const tc = typeof t === 'string' ? { type: t, headers: undefined } : t && typeof t === 'object' ? t : undefined;
    return {
      ...(tc?.type ? { type: tc.type } : {}),
      ...(tc?.headers ? { headers: tc.headers } : {}),
      compress: config.enableRequestBodyCompression === true || isVendorUrl(s.url),
      timeoutMs: s.requestTimeout,
    };
  };

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
    const batch = pickBatch(queue, { maxCount: s.batchSize, maxBytes: MAX_BATCH_BYTES, holds, now });
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
    inFlightKept = false;
    batch.forEach((e) => (e.state = 'flight'));
    const { payload, body } = envelope(batch);
    const transport = config.transportProvider as DeliveryTransport;
    let res: TransportResponse | null = null;
    let cancelTimer = () => {};
    try {
      const timedOut = new Promise<null>((r) => (cancelTimer = timeout(() => r(null), s.requestTimeout + 1000)));
      const kept = () => void (inFlight === batch && (inFlightKept = true));
      res = await Promise.race([transport.send(s.url, payload, { ...request(), body, kept }), timedOut]);
    } catch (e) {
      s.log.error('transport failed:', e);
      res = null;
    } finally {
      cancelTimer();
    }
    if (inFlight !== batch) return; // torn down or handed over meanwhile
    inFlight = undefined;
    handle(batch.filter((e) => e.state === 'flight'), res);
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
    rest.forEach((e) => (e.state = 'queued'));
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
        s.log.warn(`upload failed ${s.maxRetries} times (${v.message}); keeping events stored until the next page load, online, or flush()`);
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
  /** Starts uploads that survive the page going away, in chunks that fit the keepalive budget. */
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
      chunk.forEach((e) => ((e.state = 'unload'), (e.beacon = how === 'beacon')));
    }
  };

  // The batch in flight goes again unless its request left with keepalive: an upload from a worker, by
  // XHR or too big for keepalive may die with the page (the server de-duplicates by insert_id).
  const sendOnHide = () => sendUnload(queue.filter((e) => e.state === 'queued' || e.state === 'parked' || (e.state === 'flight' && !inFlightKept)));

  /**
   * Events tracked after the page hid (e.g. by a `pagehide` listener registered after ours, as web vitals
   * are) are stored at once and sent by the unload path. Those tracked in one listener leave together: the
   * microtask runs when that listener returns, before the browser moves on (docs/differences.md §C.1).
   */
  const sendLate = () => {
    const entries = late.filter((e) => e.state === 'queued');
    late = [];
    if (!entries.length) return;
    // After pagehide the slot is released, but the page may be gone before another tab could take over:
    // the late events are still written there, where the next load looks first. Worst case another tab
    // adopted that slot meanwhile and an event travels twice; the server de-duplicates it by insert_id.
    persist.writeNow();
    sendUnload(entries);
  };

  const onHide = (final: boolean) => {
    if (!isReady || suspended) return;
    hidden = true;
    persist.writeNow();
    sendOnHide();
    if (final) {
      // Leaving (or entering the back-forward cache): give up the slot so another tab can adopt what is
      // left; without this a held Web Lock would also keep the page out of the bfcache.
      suspended = true;
      handedOver = new Set(queue.filter((e) => e.state !== 'final').map((e) => e.event.insert_id));
      [flushTimer, wakeTimer].forEach((t) => t && clearTimeout(t));
      flushTimer = wakeTimer = undefined;
      wakeAt = Infinity;
      persist.suspend();
      slot?.release();
    }
  };

  // Shown again, or restored from the bfcache (then `suspended` says to start again).
  const onShow = () => {
    hidden = false;
    // Beacons were handed to the browser and the page lived on: count them as delivered.
    for (const e of queue) if (e.state === 'unload' && e.beacon) finish(e, 200, SUCCESS);
    compact();
    if (suspended) ready = start(slot?.n);
    else pump();
  };

  // ---- start, restore, adopt ---------------------------------------------------------------------
  let active: StorageProvider | undefined; // the storageProvider, once it proved usable
  const storage = () => active;
  const adopt = async (key: string) => {
    const { events, segments } = await readStored(storage(), key);
    const known = new Set(queue.map((e) => e.event.insert_id));
    const fresh = events.filter((e) => !e.insert_id || !known.has(e.insert_id)).map((e) => makeEntry(e));
    if (fresh.length) s.log.log(`adopting ${fresh.length} unsent events from ${key}`);
    add(fresh);
    persist.writeNow();
    await removeStored(storage(), key, segments);
  };

  const sweep = async () => {
    const st = storage();
    if (stopped || suspended || !st) return;
    const has = async (key: string) => ((st.getRaw ? await st.getRaw(key) : (await st.get(key))?.length) ? true : false);
    const exists = async (key: string) => (await has(key)) || has(indexKey(key));
    await sweepOrphans(s.locks, s.baseKey, slot?.n, adopt, exists).catch((e) => s.log.warn('adopting queues of closed tabs failed:', e));
  };

  const start = async (prefer?: number) => {
    isReady = false;
    const given = config.storageProvider as StorageProvider | undefined;
    const enabled = given ? await Promise.resolve().then(() => given.isEnabled()).catch(() => false) : false;
    if (given && !enabled) s.log.warn('storageProvider is not available; unsent events are kept in memory only');
    active = enabled ? given : undefined;
    persist = createPersister<Entry>({ ...persisterDeps(), storage: active });
    slot = enabled ? await claimSlot(s.locks, s.baseKey, prefer) : undefined;
    if (enabled && !slot) s.log.warn('too many tabs hold unsent-event queues; this tab keeps its queue in memory');
    const wasSuspended = suspended;
    suspended = false;
    if (slot) {
      const { events: stored, segments } = await readStored(active, slot.key);
      const ids = new Set(stored.map((e) => e.insert_id));
      if (wasSuspended) {
        // Back from the bfcache: what is no longer in our slot was adopted by another tab meanwhile.
        for (const e of queue) if (e.state !== 'final' && handedOver.has(e.event.insert_id) && !ids.has(e.event.insert_id)) finish(e, 0, ADOPTED);
        compact();
      }
      const known = new Set(queue.map((e) => e.event.insert_id));
      const restored = stored.filter((e) => !known.has(e.insert_id)).map((e) => makeEntry(e));
      queue = [...restored, ...queue];
      count += restored.length;
      bytes += restored.reduce((n, e) => n + e.bytes, 0);
      persist.setKey(slot.key, segments);
    }
    queue.forEach((e) => e.state === 'flight' && (e.state = 'queued'));
    enforceBounds();
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
      config = c as Config & DeliveryOptions;
      s = resolveSettings(config, serverUrlFor(config), memoryLocks);
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
          add([entry]);
          if (hidden && isReady && late.push(entry) === 1) queueMicrotask(sendLate);
        } catch (e) {
          s.log.error('could not queue event:', e);
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
      slot?.release();
      slot = undefined;
      [...waiters].forEach((w) => (waiters.delete(w), w.done()));
    },
  };
};
