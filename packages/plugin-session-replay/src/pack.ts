// Serialization and gzip of replay uploads, in a worker where the page allows one (docs/session-replay.md
// "Delivery"). The worker's source is a string loaded from a blob: URL, so the script file stays one file.

/** A packed upload: each event serialized, and the gzipped body when gzip was possible. */
export interface Packed {
  events: string[];
  gzip?: Uint8Array;
}

/** Packs events (objects, or strings already serialized) into an upload body. */
export type Pack = (events: readonly unknown[], gzip: boolean) => Promise<Packed>;

/**
 * The worker: receives `[id, events, gzip]`, answers `[id, serialized, gzippedBody?]` (or `[id]` when it
 * failed, and the caller packs on the main thread).
 */
export const WORKER_SOURCE =
  'onmessage=async({data:[i,e,z]})=>{try{e=e.map(x=>typeof x=="string"?x:JSON.stringify(x));let g;' +
  'if(z&&self.CompressionStream)g=new Uint8Array(await new Response(new Blob([JSON.stringify({version:1,events:e})]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer());' +
  'postMessage([i,e,g],g?[g.buffer]:[])}catch(x){postMessage([i])}}';

/** The part of `Worker` used here. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((e: { data: any }) => void) | null;
  onerror: ((e: unknown) => void) | null;
}

/** Gzip on the main thread (still off the event loop's critical path: CompressionStream runs natively). */
export type Gzip = ((text: string) => Promise<Uint8Array>) | undefined;

/**
 * Packs on the main thread: serializes what is not yet a string and gzips the body where `gzip` exists.
 * @example await packHere(gzipFn)([{ type: 4, timestamp: 1, data: {} }], true)
 */
export const packHere =
  (gzip: Gzip): Pack =>
  async (events, z) => {
    const out = events.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
    return { events: out, gzip: z && gzip ? await gzip(JSON.stringify({ version: 1, events: out })) : undefined };
  };

/**
 * Packs in the worker `create` makes (at the first call); falls back to `fallback` for good when there is
 * no worker or it errs, and for one call when the worker could not take the events or failed on them.
 * @example const pack = packInWorker(() => new Worker(url), packHere(gzip));
 */
export const packInWorker = (create: () => WorkerLike | undefined, fallback: Pack): Pack => {
  let worker: WorkerLike | undefined | null;
  let last = 0;
  const waiting = new Map<number, (answer: unknown[] | undefined) => void>();
  const broken = () => {
    worker?.terminate();
    worker = null;
    waiting.forEach((settle) => settle(undefined));
    waiting.clear();
  };
  return async (events, z) => {
    if (worker === undefined) {
      try {
        worker = create() ?? null;
      } catch {
        worker = null;
      }
      if (worker) {
        worker.onmessage = ({ data }) => {
          waiting.get(data[0])?.(data);
          waiting.delete(data[0]);
        };
        worker.onerror = broken;
      }
    }
    if (!worker) return fallback(events, z);
    const id = ++last;
    const answer = await new Promise<unknown[] | undefined>((resolve) => {
      waiting.set(id, resolve);
      try {
        worker!.postMessage([id, events, z]);
      } catch {
        waiting.delete(id); // the events could not be cloned: pack them here
        resolve(undefined);
      }
    });
    return answer && answer[1] ? { events: answer[1] as string[], gzip: answer[2] as Uint8Array | undefined } : fallback(events, z);
  };
};
