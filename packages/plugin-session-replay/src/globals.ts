// The one module of this package that touches the page's globals; everything is read when called, never
// at import time (server-side rendering imports the package).
import { storageArea } from '@footprint/dom';
import type { SentMarks } from './delivery';
import { packHere, packInWorker, WORKER_SOURCE, type Gzip, type Pack } from './pack';
import { idbStore, memoryStore, type ChunkStore } from './store';
import { SKIPPED_HEADER } from './wire';
import type { ReplaySendRequest } from './options';

const g = (): any => globalThis;

/** Whether there is a page to record. */
export const isBrowser = (): boolean => typeof g().document?.createElement === 'function';

/** Gzip with CompressionStream, when the browser has it. */
export const gzipHere = (): Gzip => {
  const w = g();
  return typeof w.CompressionStream === 'function'
    ? async (text) => new Uint8Array(await new w.Response(new w.Blob([text]).stream().pipeThrough(new w.CompressionStream('gzip'))).arrayBuffer())
    : undefined;
};

/** Packs in a blob: worker when `worker` is true and the page allows it, else on the main thread. */
export const pagePack = (worker: boolean): Pack => {
  const here = packHere(gzipHere());
  if (!worker) return here;
  return packInWorker(() => {
    const w = g();
    const url = w.URL.createObjectURL(new w.Blob([WORKER_SOURCE], { type: 'text/javascript' }));
    try {
      return new w.Worker(url);
    } finally {
      w.URL.revokeObjectURL(url);
    }
  }, here);
};

/** The chunk store: IndexedDB unless `memory` or missing. */
export const pageStore = (memory: boolean, scope: string): ChunkStore => {
  let idb: IDBFactory | undefined;
  try {
    idb = g().indexedDB;
  } catch {
    // blocked storage: nothing durable
  }
  return !memory && idb ? idbStore(idb, scope) : memoryStore();
};

/** Marks of chunks handed to the browser at page exit, in localStorage (synchronous at pagehide). */
export const pageMarks = (scope: string): SentMarks => {
  const name = `AMP_replay_sent_${scope}`;
  const area = () => storageArea(g(), 'localStorage');
  const read = (): string[] => {
    try {
      const v = JSON.parse(area()?.getItem(name) ?? '[]');
      return Array.isArray(v) ? v : [];
    } catch {
      return [];
    }
  };
  return {
    read,
    add(ids) {
      try {
        area()?.setItem(name, JSON.stringify([...read(), ...ids].slice(-500)));
      } catch {
        // full or blocked: the chunk may be sent once more by the next page
      }
    },
    clear: () => {
      try {
        area()?.removeItem(name);
      } catch {
        // blocked storage
      }
    },
  };
};

/** Sends with the page's fetch (or `custom`), aborting after `timeoutMs`. */
export const pageSend =
  (custom?: (r: ReplaySendRequest) => Promise<Response>) =>
  async (request: ReplaySendRequest, timeoutMs: number): Promise<{ status: number; skipped: string | null }> => {
    const w = g();
    const controller = new w.AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const res: Response = custom
        ? await Promise.race([custom(request), new Promise<never>((_, fail) => controller.signal.addEventListener('abort', () => fail(new Error('timeout'))))])
        : await w.fetch(request.url, { method: 'POST', headers: request.headers, body: request.body, keepalive: request.keepalive, signal: controller.signal });
      return { status: res.status, skipped: res.headers?.get?.(SKIPPED_HEADER) ?? null };
    } finally {
      clearTimeout(timer);
    }
  };

/** `navigator.sendBeacon`, or undefined. */
export const pageBeacon = (): ((url: string, body: string) => boolean) | undefined => {
  const n = g().navigator;
  return typeof n?.sendBeacon === 'function'
    ? (url, body) => {
        try {
          return n.sendBeacon(url, body);
        } catch {
          return false;
        }
      }
    : undefined;
};

/** Whether a tab that recorded chunks still lives (it holds the Web Lock named after it). */
export const pageTabs = () => {
  const locks = g().navigator?.locks;
  const name = (owner: string) => `footprint-replay-${owner}`;
  return {
    /** Holds this tab's lock for as long as the page lives. */
    hold(owner: string) {
      try {
        void locks?.request(name(owner), () => new Promise(() => {})).catch(() => undefined);
      } catch {
        // no Web Locks: see alive()
      }
    },
    /** Without Web Locks a tab cannot tell: chunks of other tabs are adopted (at worst sent by both). */
    async alive(owner: string): Promise<boolean> {
      if (!locks?.query) return false;
      try {
        const { held = [] } = await locks.query();
        return held.some((l: { name?: string }) => l.name === name(owner));
      } catch {
        return false;
      }
    },
  };
};

/** Calls `listener` on pagehide; returns the unsubscribe. */
export const onPageHide = (listener: () => void): (() => void) => {
  const w = g();
  if (!w.addEventListener) return () => {};
  w.addEventListener('pagehide', listener);
  return () => w.removeEventListener('pagehide', listener);
};

/** `location.href`, or `''`. */
export const pageUrl = (): string => String(g().location?.href ?? '');

/** Runs `fn` when the browser is idle (or soon, where requestIdleCallback is missing). */
export const whenIdle = (fn: () => void, timeout = 2000): void => {
  const w = g();
  if (typeof w.requestIdleCallback === 'function') w.requestIdleCallback(fn, { timeout });
  else setTimeout(fn, 1);
};

/** `crypto.randomUUID()`, or a random string. */
export const randomId = (): string => g().crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** The page's localStorage getter (remote config reads its cache there), or undefined. */
export const pageLocalStorage = (): Storage | undefined => storageArea(g(), 'localStorage');

/** The page's fetch, or undefined. */
export const pageFetch = (): typeof fetch | undefined => (typeof g().fetch === 'function' ? (...a: Parameters<typeof fetch>) => g().fetch(...a) : undefined);

/** Whether `selector` is one the browser accepts. */
export const validSelector = (selector: string): boolean => {
  try {
    g().document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
};
