// Uploads from a dedicated worker (issue #11): the fetch, its response, gzip and their tasks leave the main
// thread, which only posts the body and reads a small answer. Pure: the worker is made by the caller
// (page.ts), so this is tested with a fake. See packages/browser/DELIVERY.md "Transports".

/**
 * The worker's whole source, loaded from a blob: URL. It receives `[id, url, body, headers, gzip, timeoutMs]`,
 * gzips when asked and it can (else sends the plain body), and answers `[id, status, text, retryAfter]`, or
 * `[id]` after a network error or timeout. (Without `AbortSignal.timeout` there is no timeout in the
 * worker: the channel's deadline then gives up on it.)
 */
export const WORKER_SOURCE =
  'onmessage=async({data:[i,u,b,h,z,t]})=>{try{' +
  'if(z)try{b=await new Response(new Blob([b]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer();h["Content-Encoding"]="gzip"}catch(e){}' +
  'let r=await fetch(u,{method:"POST",headers:h,body:b,signal:AbortSignal.timeout?.(t)});' +
  'postMessage([i,r.status,await r.text(),r.headers.get("Retry-After")])}catch(e){postMessage([i])}}';

/** The part of `Worker` used here. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((e: { data: any }) => void) | null;
  onerror: ((e: unknown) => void) | null;
}

/** A worker answer: `[id, status, text, retryAfter]`, or `[id]` when the request failed. */
export type WorkerAnswer = [number, number?, string?, (string | null)?];

/**
 * One upload worker, created at the first `post`. `post` resolves the worker's answer, or `undefined` when
 * the worker cannot be used — `create` gave none or threw, or it reported an error (e.g. a CSP refused it)
 * — and from then on for every call: the caller sends on the main thread instead. Requests waiting in a
 * worker that errs resolve `undefined` too, so none is lost. A worker silent past `deadlineMs` is dropped
 * the same way, but its waiting requests resolve `[id]` (no answer): it may have sent them, so the caller
 * retries them as failed uploads instead of sending a second copy at once.
 * @example
 * const post = workerChannel(() => new Worker(url));
 * const answer = await post(['https://api2.amplitude.com/2/httpapi', body, headers, false, 30_000], 31_000);
 */
export const workerChannel = (create: () => WorkerLike | undefined) => {
  let worker: WorkerLike | undefined | null; // null: unusable for this page
  let last = 0;
  const waiting = new Map<number, (answer?: WorkerAnswer) => void>();
  const fail = (hung?: boolean) => {
    worker?.terminate();
    worker = null;
    waiting.forEach((settle, id) => settle(hung ? [id] : undefined));
  };
  return (message: unknown[], deadlineMs: number): Promise<WorkerAnswer | undefined> =>
    new Promise((resolve) => {
      if (worker === undefined) {
        try {
          worker = create() ?? null;
        } catch {
          worker = null;
        }
        if (worker) {
          worker.onmessage = ({ data }) => waiting.get(data[0])?.(data);
          worker.onerror = () => fail();
        }
      }
      if (!worker) return resolve(undefined);
      const id = ++last;
      const timer = setTimeout(fail, deadlineMs, true);
      waiting.set(id, (answer) => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve(answer);
      });
      try {
        worker.postMessage([id, ...message]);
      } catch {
        waiting.get(id)!(); // not cloneable (e.g. a function among custom headers): this one goes from the main thread
      }
    });
};
