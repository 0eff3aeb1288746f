// fetch / XHR / sendBeacon uploads with optional gzip (docs/protocol.md §A.5) and the page-hide path (docs/differences.md §C.1).
// 'fetch' uploads from a worker where the page allows one (worker.ts), else on the main thread.
// Globals come in through `Platform` (page.ts), so this module is tested with fakes.
import { utf8Length, type DeliveryRequest, type DeliveryTransport, type TransportName, type TransportResponse, type TransportTypeOrOptions } from '@footprint/core';
import { KEEPALIVE_MAX_BODY_BYTES, type KeepaliveBudget } from './keepalive-budget';
import type { WorkerAnswer, WorkerGate } from './worker';

/** Below this many characters a body is sent uncompressed (docs/protocol.md §A.5). */
export const GZIP_MIN_CHARS = 2048;

/** What the transport needs from the browser; any of it may be missing. */
export interface TransportPlatform {
  fetch?: typeof fetch;
  xhr?: () => XMLHttpRequest;
  sendBeacon?: (url: string, body: string) => boolean;
  gzip?: (text: string) => Promise<Uint8Array>;
  budget: KeepaliveBudget;
  /** Posts `[url, body, headers, gzip, timeoutMs, keepaliveMaxBytes]` to the upload worker (`gzip` again: it asks before sending such a body); `undefined`: it cannot be used. */
  worker?: (message: unknown[], deadlineMs: number, gate?: WorkerGate, gzip?: boolean) => Promise<WorkerAnswer | undefined>;
  /** Whether the page has a Content-Security-Policy, which may refuse the worker. */
  csp?: () => boolean;
}

const parseBody = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

// An answer as the engine reads it: status, parsed body, and the one header it uses (docs/protocol.md §A.4).
const answer = (status: number, text: string, retryAfter?: string | null): TransportResponse => ({
  status,
  body: parseBody(text),
  headers: retryAfter ? { 'retry-after': retryAfter } : {},
});

const fetchAnswer = async (res: Response) => answer(res.status, await res.text(), res.headers.get('retry-after'));

/**
 * Creates the browser transport. `transport` picks fetch (default), xhr or beacon and custom headers, bound
 * here once (the engine's per-request hints are `compress`, `timeoutMs`, `body` and `bytes` only). `worker: false`
 * keeps 'fetch' uploads on the main thread; `worker: true` tries the worker even on a page with a
 * Content-Security-Policy (which must then allow `worker-src blob:`).
 * @example
 * init('API_KEY', { transportProvider: createTransport({ type: 'xhr', headers: { 'X-Proxy': '1' } }, platform) });
 */
export const createTransport = (transport: TransportTypeOrOptions | undefined, platform: () => TransportPlatform): DeliveryTransport => {
  const bound: Exclude<TransportTypeOrOptions, string> = typeof transport === 'string' ? { type: transport } : (transport ?? {});

  const encodeBody = async (body: string, compress: boolean, bytes?: number): Promise<{ data: string | Uint8Array; gzip: boolean; bytes: number }> => {
    const p = platform();
    if (compress && body.length >= GZIP_MIN_CHARS && p.gzip) {
      try {
        const data = await p.gzip(body);
        return { data, gzip: true, bytes: data.byteLength };
      } catch {
        // CompressionStream missing or failing: send plain, silently (docs/protocol.md §A.5).
      }
    }
    return { data: body, gzip: false, bytes: bytes ?? utf8Length(body) };
  };

  /**
   * Lets the engine take a request back until it is handed to the browser (`request.withdraw`): from the
   * main thread, right before `fetch`/`send`; from the worker, once it is told to send (worker.ts).
   */
  const gateOf = (request: DeliveryRequest) => {
    const gate: WorkerGate & { sent?: boolean; withdrawn?: boolean } = { left: () => (gate.sent = true) };
    request.withdraw = () => {
      if (!gate.sent && !gate.withdrawn) gate.withdrawn = gate.withdraw ? gate.withdraw() : true;
      return gate.withdrawn === true;
    };
    return gate;
  };

  const viaFetch = async (url: string, body: string, headers: Record<string, string>, request: DeliveryRequest) => {
    const p = platform();
    const gate = gateOf(request);
    const timeout = request.timeoutMs || 30_000;
    if (p.worker && (bound.worker ?? !p.csp?.())) {
      // The worker's upload is a keepalive too where it fits the budget, so it survives the page (and the
      // worker) going away: a plain body by its size; a gzipped one, whose size only the worker learns,
      // within a reservation of the largest keepalive body.
      const gzip = request.compress === true && body.length >= GZIP_MIN_CHARS;
      const size = gzip ? KEEPALIVE_MAX_BODY_BYTES : body.length <= KEEPALIVE_MAX_BODY_BYTES ? (request.bytes ?? utf8Length(body)) : Infinity;
      const kept = size <= KEEPALIVE_MAX_BODY_BYTES && p.budget.reserve(size) ? size : 0;
      // The worker aborts at `timeout` and answers; one silent for a second longer is given up on.
      const a = await p.worker([url, body, headers, gzip, timeout, kept], timeout + 1000, gate, gzip).finally(() => kept && p.budget.release(kept));
      if (a) return a.length > 1 ? answer(a[1]!, a[2]!, a[3]) : null;
      gate.withdraw = undefined; // the worker could not take it: from here on the main thread decides
    }
    if (!p.fetch) return null;
    const { data, gzip, bytes } = await encodeBody(body, request.compress === true, request.bytes);
    if (gate.withdrawn) return null;
    gate.left!();
    const keepalive = bytes <= KEEPALIVE_MAX_BODY_BYTES && p.budget.reserve(bytes);
    request.survives = keepalive;
    const abort = typeof AbortController === 'function' ? new AbortController() : undefined;
    const timer = abort ? setTimeout(() => abort.abort(), timeout) : undefined;
    try {
      const res = await p.fetch(url, {
        method: 'POST',
        headers: { ...headers, ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) },
        body: data as BodyInit,
        keepalive,
        signal: abort?.signal,
      });
      return await fetchAnswer(res);
    } catch {
      return null;
    } finally {
      if (timer) clearTimeout(timer);
      if (keepalive) p.budget.release(bytes);
    }
  };

  const viaXhr = async (url: string, body: string, headers: Record<string, string>, request: DeliveryRequest) => {
    const p = platform();
    const gate = gateOf(request);
    if (!p.xhr) return null;
    const { data, gzip } = await encodeBody(body, request.compress === true);
    if (gate.withdrawn) return null;
    gate.left!();
    return new Promise<TransportResponse | null>((resolve) => {
      try {
        const xhr = p.xhr!();
        xhr.open('POST', url, true);
        for (const [k, v] of Object.entries({ ...headers, ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) })) xhr.setRequestHeader(k, v);
        if (request.timeoutMs) xhr.timeout = request.timeoutMs;
        xhr.onreadystatechange = () => {
          if (xhr.readyState !== 4) return;
          resolve(xhr.status === 0 ? null : answer(xhr.status, xhr.responseText, xhr.getResponseHeader('retry-after')));
        };
        xhr.send(data as XMLHttpRequestBodyInit);
      } catch {
        resolve(null);
      }
    });
  };

  const viaBeacon = (url: string, body: string, events: number): TransportResponse => {
    // A beacon has no answer: accepted by the browser counts as delivered, refused as a retryable failure.
    const sent = platform().sendBeacon?.(url, body) ?? false;
    return sent ? { status: 200, body: { code: 200, events_ingested: events } } : { status: 500, body: { code: 500 } };
  };

  return {
    async send(url, payload, request = {}) {
      const type: TransportName = bound.type ?? 'fetch';
      const body = request.body ?? JSON.stringify(payload);
      if (type === 'beacon') return viaBeacon(url, body, payload.events.length);
      const headers = { 'Content-Type': 'application/json', Accept: '*/*', ...bound.headers };
      return type === 'xhr' ? viaXhr(url, body, headers, request) : viaFetch(url, body, headers, request);
    },

    sendUnload(url, body, onAnswer) {
      const p = platform();
      const bytes = utf8Length(body);
      // Synchronous start, no gzip (it is asynchronous): keepalive fetch while the shared budget allows …
      if (p.fetch && bytes <= p.budget.remaining() && p.budget.reserve(bytes)) {
        const headers = { 'Content-Type': 'application/json', ...bound.headers };
        p.fetch(url, { method: 'POST', headers, body, keepalive: true })
          .then(fetchAnswer)
          .then(onAnswer, () => onAnswer(null))
          .finally(() => p.budget.release(bytes));
        return 'keepalive';
      }
      // … else a beacon, which the browser queues on its own.
      if (p.sendBeacon?.(url, body)) return 'beacon';
      return false;
    },
  };
};
