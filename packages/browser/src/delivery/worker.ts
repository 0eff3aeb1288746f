// Uploads from a dedicated worker (issue #11): the fetch, its response, gzip and their tasks leave the main
// thread, which only posts the body and reads a small answer. Pure: the worker is made by the caller
// (page.ts), so this is tested with a fake. See packages/browser/DELIVERY.md "Transports".

/**
 * The worker's whole source, loaded from a blob: URL. It receives `[id, url, body, headers, gzip, timeoutMs,
 * keepaliveMaxBytes, ask]` and gzips when asked and it can (else keeps the plain body). With `ask`, it then
 * asks before sending, `[id, 0]`, and waits for `[id, 1]` (send) or `[id, 0]` (the page took the request
 * back, e.g. because it is going away: it leaves by the page's own unload path instead, never twice).
 * It sends with `keepalive` when the body is at most `keepaliveMaxBytes` (0: never), and answers
 * `[id, status, text, retryAfter]`, or `[id]` after a network error or timeout. (Without
 * `AbortSignal.timeout` there is no timeout in the worker: the channel's deadline then gives up on it.)
 */
export const WORKER_SOURCE =
  'const g={};onmessage=async({data:[i,u,b,h,z,t,k,a]})=>{if(!h)return g[i]?.(u);try{' +
  'if(z)try{b=await new Response(new Blob([b]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer();h["Content-Encoding"]="gzip"}catch(e){}' +
  'if(a){let go=await new Promise(r=>{g[i]=r;postMessage([i,0])});delete g[i];if(!go)return}' +
  'let r=await fetch(u,{method:"POST",headers:h,body:b,keepalive:!!k&&!(b.byteLength>k),signal:AbortSignal.timeout?.(t)});' +
  'postMessage([i,r.status,await r.text(),r.headers.get("Retry-After")])}catch(e){postMessage([i])}}';

/**
 * One request's say in when it leaves: `left` is called once the worker was told to send it; `withdraw()`
 * before that keeps it from ever leaving (true), after it is too late (false).
 */
export interface WorkerGate {
  left?: () => void;
  withdraw?: () => boolean;
}

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
 *
 * When the page may still take a request back, the worker asks before sending it, and the channel says go
 * at once unless `gate.withdraw()` was called first (then the request resolves `[id]` and never leaves).
 * That is while the worker has not been heard from yet (it may still be starting, and a page going away
 * would end it with the request unsent), and for a request it gzips first (that takes a while). Otherwise
 * the request counts as handed over when it is posted (`gate.left()` at once, `withdraw()` false): the
 * worker sends it as it reads it, as it would read a go-ahead, so asking would add a message each way and
 * close no gap.
 * @example
 * const post = workerChannel(() => new Worker(url));
 * const answer = await post(['https://api2.amplitude.com/2/httpapi', body, headers, false, 30_000, 16_384], 31_000, {}, false);
 */
export const workerChannel = (create: () => WorkerLike | undefined) => {
  let worker: WorkerLike | undefined | null; // null: unusable for this page
  let heard = false;
  let last = 0;
  const waiting = new Map<number, (answer?: WorkerAnswer) => void>();
  const gates = new Map<number, WorkerGate & { withdrawn?: boolean }>();
  const fail = (hung?: boolean) => {
    worker?.terminate();
    worker = null;
    waiting.forEach((settle, id) => settle(hung ? [id] : undefined));
  };
  // The worker asks before sending: it goes unless the request was withdrawn meanwhile.
  const ready = (id: number) => {
    const gate = gates.get(id);
    gates.delete(id);
    worker?.postMessage([id, gate?.withdrawn ? 0 : 1]);
    if (gate?.withdrawn) waiting.get(id)?.([id]);
    else gate?.left?.();
  };
  return (message: unknown[], deadlineMs: number, gate: WorkerGate = {}, gzip = false): Promise<WorkerAnswer | undefined> =>
    new Promise((resolve) => {
      if (worker === undefined) {
        try {
          worker = create() ?? null;
        } catch {
          worker = null;
        }
        if (worker) {
          worker.onmessage = ({ data }) => ((heard = true), data.length === 2 ? ready(data[0]) : waiting.get(data[0])?.(data));
          worker.onerror = () => fail();
        }
      }
      if (!worker) return resolve(undefined);
      const id = ++last;
      const timer = setTimeout(fail, deadlineMs, true);
      const ask = gzip || !heard;
      const g: WorkerGate & { withdrawn?: boolean } = { left: gate.left };
      gate.withdraw = () => gates.has(id) && (g.withdrawn = true);
      if (ask) gates.set(id, g);
      waiting.set(id, (answer) => {
        clearTimeout(timer);
        waiting.delete(id);
        gates.delete(id);
        resolve(answer);
      });
      try {
        worker.postMessage([id, ...message, ask]);
        if (!ask) gate.left?.();
      } catch {
        waiting.get(id)!(); // not cloneable (e.g. a function among custom headers): this one goes from the main thread
      }
    });
};
