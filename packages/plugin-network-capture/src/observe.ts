import type { NetworkRequestRecord } from './types';

// The one module of this package that touches browser globals: it patches `fetch` and
// `XMLHttpRequest.prototype` and hands finished requests to the plugin. Wrappers follow docs/architecture.md "Conventions"
// ("Errors and the host page"): same `this`, same arguments, same value or error, nothing awaited.

/** What the observer calls; both run synchronously on the request path and must stay cheap. */
export interface ObserverHooks {
  /** Whether to keep the response body (a fetch clone, or XHR's response) for a body rule. */
  keepBody(url: string, method: string, status: number): boolean;
  /** Receives a finished request; should only queue it. */
  settled(record: NetworkRequestRecord): void;
}

type Started = Omit<NetworkRequestRecord, 'duration' | 'status'> & { t0: number };

const XHR_ERRORS: Record<string, [string, string]> = {
  error: ['NetworkError', 'The request failed without a response'],
  abort: ['AbortError', 'The request was aborted'],
  timeout: ['TimeoutError', 'The request timed out'],
};
const XHR_EVENTS = ['error', 'abort', 'timeout', 'loadend'];

/**
 * Starts observing `fetch` and `XMLHttpRequest` of the current window; returns the undo. The undo
 * restores the originals when they were not wrapped again since; otherwise it leaves a pass-through
 * wrapper in place, so whoever wrapped after us keeps working. Without a window it does nothing.
 * @example const stop = observeNetwork({ keepBody: () => false, settled: (r) => queue.push(r) }, log); stop();
 */
export const observeNetwork = (hooks: ObserverHooks, onError: (error: unknown) => void): (() => void) => {
  if (typeof window === 'undefined') return () => {};
  const win = window;
  let active = true;
  const safe = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (e) {
      try {
        onError(e);
      } catch {
        // The logger failed too; the host must still not see it.
      }
      return undefined;
    }
  };
  const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
  const absolute = (raw: string) => {
    try {
      return new URL(raw, win.location.href).href;
    } catch {
      return raw;
    }
  };
  const undos: (() => void)[] = [];
  // Replaces obj[key] with our wrapper and registers its undo.
  const patch = <T extends object, K extends keyof T>(obj: T, key: K, wrapper: T[K]) => {
    const original = obj[key];
    obj[key] = wrapper;
    undos.push(() => {
      if (obj[key] === wrapper) obj[key] = original;
    });
  };

  const settle = (start: Started, status: number, rest: Partial<NetworkRequestRecord>) => {
    const { t0, ...record } = start;
    hooks.settled({ ...record, ...rest, status, duration: now() - t0 });
  };

  const originalFetch = win.fetch;
  if (typeof originalFetch === 'function') {
    const begin = (input: unknown, init: RequestInit | undefined): Started => {
      const request = typeof Request !== 'undefined' && input instanceof Request ? input : undefined;
      return {
        type: 'fetch',
        url: absolute(request ? request.url : String(input)),
        method: String(init?.method ?? request?.method ?? 'GET').toUpperCase(),
        startTime: Date.now(),
        t0: now(),
        requestBody: init?.body ?? undefined,
        requestHeaders: init?.headers ?? request?.headers,
      };
    };
    const responded = (start: Started, response: Response) => {
      const length = response.headers.get('content-length');
      // Cloned before the host sees the response, so the host can still read its own copy once.
      const keep = hooks.keepBody(start.url, start.method, response.status);
      settle(start, response.status, {
        responseHeaders: response.headers,
        responseBodySize: length === null || length === '' || isNaN(+length) ? undefined : +length,
        responseClone: keep ? response.clone() : undefined,
      });
    };
    const failed = (start: Started, error: unknown) => {
      const e = (error ?? {}) as { name?: unknown; message?: unknown };
      settle(start, 0, { error: { code: String(e.name || 'UnknownError'), message: String(e.message || 'The request failed') } });
    };
    patch(win, 'fetch', function fetch(this: unknown, ...args: Parameters<typeof originalFetch>) {
      const start = active ? safe(() => begin(args[0], args[1])) : undefined;
      const result = originalFetch.apply(this, args);
      if (!start || typeof result?.then !== 'function') return result;
      return result.then(
        (response) => {
          safe(() => responded(start, response));
          return response;
        },
        (error: unknown) => {
          safe(() => failed(start, error));
          throw error;
        },
      );
    } as typeof originalFetch);
  }

  const Xhr = win.XMLHttpRequest;
  if (typeof Xhr === 'function') {
    const proto = Xhr.prototype;
    const { open, send, setRequestHeader } = proto;
    const opened = new WeakMap<XMLHttpRequest, { method: string; url: string; headers: Record<string, string> }>();

    const listen = (xhr: XMLHttpRequest, body: unknown): (() => void) | undefined => {
      const state = opened.get(xhr);
      if (!state) return undefined;
      const start: Started = { type: 'xhr', url: state.url, method: state.method, startTime: Date.now(), t0: now(), requestBody: body ?? undefined, requestHeaders: state.headers };
      let failure = '';
      const detach = () => XHR_EVENTS.forEach((type) => xhr.removeEventListener(type, onEvent));
      const finish = () => {
        const status = xhr.status;
        const length = xhr.getResponseHeader('content-length');
        const type = xhr.responseType;
        const text = type === '' || type === 'text';
        let size = length ? +length : undefined;
        if (size === undefined && type === 'arraybuffer') size = (xhr.response as ArrayBuffer | null)?.byteLength;
        if (size === undefined && type === 'blob') size = (xhr.response as Blob | null)?.size;
        const keep = hooks.keepBody(state.url, state.method, status);
        const [code, message] = XHR_ERRORS[failure] ?? ['UnknownError', 'The request failed without a status code'];
        settle(start, status, {
          error: status === 0 ? { code, message } : undefined,
          responseHeaders: xhr.getAllResponseHeaders(),
          responseBodySize: size,
          // A text body is kept by reference (no copy) so it can be sized after the request path. A failed
          // request (status 0) has no body, not an empty one.
          responseValue: status === 0 ? undefined : text && (keep || size === undefined) ? xhr.responseText : keep && type === 'json' ? xhr.response : undefined,
        });
      };
      function onEvent(event: Event) {
        // A re-opened request belongs to a newer listener; a torn-down observer records nothing.
        if (!active || opened.get(xhr) !== state) return detach();
        if (event.type !== 'loadend') {
          failure = event.type;
          return;
        }
        detach();
        safe(finish);
      }
      XHR_EVENTS.forEach((type) => xhr.addEventListener(type, onEvent));
      return detach;
    };

    patch(proto, 'open', function (this: XMLHttpRequest, ...args: unknown[]) {
      const result = (open as (...a: unknown[]) => void).apply(this, args);
      if (active) safe(() => opened.set(this, { method: String(args[0]).toUpperCase(), url: absolute(String(args[1])), headers: {} }));
      return result;
    } as typeof open);
    patch(proto, 'setRequestHeader', function (this: XMLHttpRequest, name: string, value: string) {
      const result = setRequestHeader.call(this, name, value);
      if (active) {
        safe(() => {
          const headers = opened.get(this)?.headers;
          const key = String(name).toLowerCase();
          if (headers) headers[key] = key in headers ? `${headers[key]}, ${value}` : String(value);
        });
      }
      return result;
    });
    patch(proto, 'send', function (this: XMLHttpRequest, ...args: unknown[]) {
      const detach = active ? safe(() => listen(this, args[0])) : undefined;
      try {
        return (send as (...a: unknown[]) => void).apply(this, args);
      } catch (e) {
        if (detach) safe(detach);
        throw e;
      }
    } as typeof send);
  }

  return () => {
    active = false;
    undos.reverse().forEach((undo) => safe(undo));
  };
};
