// Replay delivery: chunks go through a durable store, one upload at a time, with retries, 413 bisection
// and the server's skip directives; on page exit what is left goes by beacon. Each chunk crosses the wire
// once: what the browser accepted to send (an answered request, a keepalive fetch it took, a beacon that
// returned true) is never sent again. See docs/session-replay.md "Delivery".
import type { Pack } from './pack';
import type { ChunkStore, StoredChunk } from './store';
import { BEACON_LIMIT, backoff, body, bodyBytes, KEEPALIVE_LIMIT, uploadHeaders, uploadUrl, verdict, type Verdict } from './wire';
import type { ReplaySendRequest } from './options';

/** A chunk in this page: maybe not serialized yet (`raw`), maybe not stored yet. */
interface Chunk extends Partial<Omit<StoredChunk, 'id' | 'deviceId' | 'sessionId'>> {
  id: string;
  deviceId: string;
  sessionId: number;
  raw?: unknown[];
  gzip?: Uint8Array;
  attempts: number;
}

/** Synchronous marks of chunks handed to the browser at page exit, cleared from the store on the next load. */
export interface SentMarks {
  read(): string[];
  add(ids: readonly string[]): void;
  clear(): void;
}

/** What {@link replayDelivery} needs; the page's globals come in through it (globals.ts). */
export interface DeliveryEnv {
  apiKey: string;
  url: string;
  store: ChunkStore;
  marks: SentMarks;
  pack: Pack;
  owner: string;
  alive(owner: string): Promise<boolean>;
  /** Sends a request; resolves the status and the skip header, rejects on a network error. */
  send(request: ReplaySendRequest, timeoutMs: number): Promise<{ status: number; skipped: string | null }>;
  beacon?(url: string, body: string): boolean;
  gzip: boolean;
  pageUrl(): string;
  sampleRate(): number;
  /** Whether data may be stored and sent now (consent granted, not opted out). */
  allowed(): boolean;
  maxBytes: number;
  timeoutMs: number;
  uuid(): string;
  now(): number;
  log: { debug(...a: unknown[]): void; warn(...a: unknown[]): void };
  /** The server stopped this session (`4004`/`4005`). */
  onKill(deviceId: string, sessionId: number): void;
}

const key = (c: { deviceId: string; sessionId: number }) => `${c.deviceId}/${c.sessionId}`;

/**
 * The replay uploader of one plugin instance.
 * @example
 * const d = replayDelivery(env);
 * void d.start();
 * d.add('dev', 1700000000000, events);
 */
export const replayDelivery = (env: DeliveryEnv) => {
  const chunks: Chunk[] = [];
  /** Ids this page sent or dropped: a store read that began before may still list them (start's adopt). */
  const settled = new Set<string>();
  const killed = new Set<string>();
  let busy: { chunk: Chunk; keepalive: boolean } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pausedUntil = 0;
  let stopped = false;

  const drop = (gone: Chunk[]) => {
    for (const c of gone) {
      settled.add(c.id);
      const i = chunks.indexOf(c);
      if (i >= 0) chunks.splice(i, 1);
    }
    void env.store.remove(gone.filter((c) => c.events).map((c) => c.id));
  };

  /** Keeps the unsent total under `maxBytes` by dropping the oldest chunks (the documented bound). */
  const bound = () => {
    let total = chunks.reduce((n, c) => n + (c.bytes ?? 0), 0);
    const over: Chunk[] = [];
    for (const c of chunks) {
      if (total <= env.maxBytes || c === busy?.chunk) continue;
      total -= c.bytes ?? 0;
      over.push(c);
    }
    if (over.length) env.log.warn(__DEV__ ? `session replay: ${over.length} unsent chunk(s) dropped to stay under ${env.maxBytes} bytes` : `E91 replay: ${over.length} chunks dropped`);
    drop(over);
  };

  const later = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void pump();
    }, ms);
  };

  /** Writes a serialized chunk to the durable store. */
  const persist = (c: Chunk) =>
    env.store.put({ id: c.id, scope: env.apiKey.slice(0, 10), owner: env.owner, deviceId: c.deviceId, sessionId: c.sessionId, events: c.events!, bytes: c.bytes! });

  /**
   * Packs a chunk for upload (in the worker where allowed): serializes fresh events and stores the chunk;
   * chunks already serialized but not gzipped (halves, chunks resumed from the store) are gzipped here.
   */
  const seal = async (c: Chunk) => {
    const input = c.raw ?? c.events;
    if (!input || (!c.raw && (c.gzip || !env.gzip))) return;
    const packed = await env.pack(input, env.gzip);
    if ((c.raw ?? c.events) !== input || !chunks.includes(c)) return; // page exit took it, or a purge dropped it, meanwhile
    const fresh = !!c.raw;
    c.raw = undefined;
    c.events = packed.events;
    c.gzip = packed.gzip;
    c.bytes = bodyBytes(c.events);
    if (!fresh) return;
    if (env.allowed()) await persist(c);
    bound();
  };

  /** Replaces a chunk by its two halves, stored; {@link seal} gzips them again before they are sent. */
  const halve = (c: Chunk) => {
    const mid = c.events!.length >> 1;
    const halves = [c.events!.slice(0, mid), c.events!.slice(mid)].map((events): Chunk => ({ id: env.uuid(), deviceId: c.deviceId, sessionId: c.sessionId, events, bytes: bodyBytes(events), attempts: 0 }));
    chunks.splice(chunks.indexOf(c), 1, ...halves);
    settled.add(c.id);
    void env.store.remove([c.id]);
    for (const h of halves) void persist(h);
  };

  const settle = (c: Chunk, v: Verdict) => {
    if (v === 'split' && c.events!.length > 1) return halve(c);
    if (v === 'retry') {
      c.attempts++;
      return later(backoff(c.attempts));
    }
    if (v === 'kill') {
      killed.add(key(c));
      env.onKill(c.deviceId, c.sessionId);
      return drop(chunks.filter((x) => key(x) === key(c)));
    }
    if (v === 'pause') pausedUntil = env.now() + 60_000;
    drop([c]);
  };

  const pump = async (): Promise<void> => {
    if (busy || timer || stopped || !env.allowed()) return;
    if (env.now() < pausedUntil) return later(pausedUntil - env.now());
    const c = chunks.find((x) => !killed.has(key(x)));
    if (!c) return;
    busy = { chunk: c, keepalive: false };
    let v: Verdict;
    try {
      await seal(c);
      if (!chunks.includes(c) || !c.events) return void later(0); // dropped meanwhile: on to the next
      const payload = c.gzip ?? body(c.events);
      const size = typeof payload === 'string' ? c.bytes! : payload.byteLength;
      // Bodies the browser sends as keepalive survive a page exit and count as sent then; a larger one
      // could be cut off at exit after the server read it, and be sent again: it goes as halves.
      if (size > KEEPALIVE_LIMIT && c.events.length > 1) {
        halve(c);
        return void later(0);
      }
      busy.keepalive = size <= KEEPALIVE_LIMIT;
      const request: ReplaySendRequest = {
        url: uploadUrl(env.url, c.deviceId, c.sessionId),
        method: 'POST',
        headers: uploadHeaders(env.apiKey, !!c.gzip, env.pageUrl(), env.sampleRate()),
        body: payload,
        keepalive: busy.keepalive,
      };
      const answer = await env.send(request, env.timeoutMs).catch(() => ({ status: 0, skipped: null }));
      v = verdict(answer.status, answer.skipped);
      env.log.debug(`session replay: upload of ${c.events.length} events answered ${answer.status}: ${v}`);
    } catch (e) {
      env.log.debug('session replay: upload failed', e);
      v = 'retry';
    } finally {
      busy = undefined;
    }
    if (chunks.includes(c)) settle(c, v);
    void pump();
  };

  return {
    /** Resumes chunks stored by earlier pages (minus those they handed to the browser at exit). */
    async start() {
      const sent = env.marks.read();
      if (sent.length) {
        await env.store.remove(sent);
        env.marks.clear();
      }
      if (!env.allowed()) return;
      const stored = await env.store.adopt(env.owner, env.alive);
      // This page's own chunks may have been sent while the store was read (the first upload goes at once).
      const known = new Set(chunks.map((c) => c.id));
      chunks.unshift(...stored.filter((c) => !known.has(c.id) && !settled.has(c.id)).map((c): Chunk => ({ ...c, attempts: 0 })));
      bound();
      void pump();
    },
    /** Queues recorded events of one session for upload. */
    add(deviceId: string, sessionId: number, raw: unknown[]) {
      if (!raw.length || killed.has(`${deviceId}/${sessionId}`) || !env.allowed()) return;
      const c: Chunk = { id: env.uuid(), deviceId, sessionId, raw, attempts: 0 };
      chunks.push(c);
      void seal(c).then(() => pump());
    },
    /** Whether the server stopped this session. */
    killed: (deviceId: string, sessionId: number) => killed.has(`${deviceId}/${sessionId}`),
    /**
     * Page exit (pagehide): the open events and unsent chunks go by beacon while the beacon quota lasts,
     * a keepalive upload in flight counts as sent, and the rest stays stored for the next page.
     */
    exit(open?: { deviceId: string; sessionId: number; raw: unknown[] }) {
      if (!env.allowed()) return;
      if (open?.raw.length) chunks.push({ id: env.uuid(), ...open, attempts: 0 });
      const handed: string[] = [];
      if (busy?.keepalive) handed.push(busy.chunk.id);
      let budget = BEACON_LIMIT;
      for (const c of chunks.slice()) {
        if (c === busy?.chunk || killed.has(key(c))) continue;
        if (c.raw) {
          c.events = c.raw.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
          c.bytes = bodyBytes(c.events);
          c.raw = undefined;
          c.gzip = undefined;
        }
        const text = body(c.events!);
        if (env.beacon && c.bytes! <= budget && env.beacon(uploadUrl(env.url, c.deviceId, c.sessionId, env.apiKey), text)) {
          budget -= c.bytes!;
          handed.push(c.id);
          settled.add(c.id);
          chunks.splice(chunks.indexOf(c), 1);
        } else {
          // Not sent: stored for the next page (an IndexedDB write started at pagehide completes in practice).
          void persist(c);
        }
      }
      if (handed.length) {
        env.marks.add(handed);
        void env.store.remove(handed);
      }
    },
    /** Forgets every unsent chunk, here and in storage (opt-out, consent withdrawn). */
    purge() {
      chunks.length = 0;
      void env.store.clear();
    },
    /** Sends what waits (after `allowed()` became true again). */
    flush: () => pump(),
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
    /** Unsent chunks in this page (for tests and the debug log). */
    size: () => chunks.length,
  };
};

/** One plugin's delivery (what {@link replayDelivery} returns). */
export type ReplayDelivery = ReturnType<typeof replayDelivery>;
