// The one delivery module that touches browser globals. Everything is read when called, never at import
// time, so importing the SDK during server-side rendering is safe.
import { uuid, type Connectivity, type PageLifecycle, type TabLocks } from '@footprint/core';
import { createKeepaliveBudget } from './keepalive-budget';
import { leaseLocks, webLocks, type LockManagerLike } from './tab-locks';
import type { TransportPlatform } from './transport';
import { WORKER_SOURCE, workerChannel } from './worker';

const g = (): any => globalThis;

/** Every transport on the page shares the browser's one keepalive quota, so the tracker is shared too. */
const budget = createKeepaliveBudget();

/**
 * Whether the page has a Content-Security-Policy, found without triggering a violation: a `<meta>` one, or
 * a header one, which makes the browser hide the `nonce` attribute of any element it connects ("nonce
 * hiding", HTML §3.2.6). What the policy allows cannot be read, so any policy counts.
 * @example
 * hasCsp(document); // false on a page without a policy
 */
export const hasCsp = (doc: Document | undefined): boolean => {
  if (!doc?.head) return false;
  if (doc.querySelector('meta[http-equiv="content-security-policy" i]')) return true;
  const probe = doc.createElement('i');
  probe.setAttribute('nonce', 'x');
  doc.head.append(probe);
  const hidden = !probe.getAttribute('nonce');
  probe.remove();
  return hidden;
};
let csp: boolean | undefined;

/**
 * One upload worker per page, shared by every client, made from WORKER_SOURCE at the first upload. Where
 * Worker, Blob or blob: URLs are missing this throws, and the channel sends on the main thread.
 */
const uploadWorker = workerChannel(() => {
  const w = g();
  const url = w.URL.createObjectURL(new w.Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  try {
    return new w.Worker(url);
  } finally {
    w.URL.revokeObjectURL(url); // the worker holds on to its script; the URL is no longer needed
  }
});

/**
 * The browser pieces a transport needs, read from the current globals.
 * @example
 * createTransport('fetch', transportPlatform);
 */
export const transportPlatform = (): TransportPlatform => {
  const w = g();
  return {
    fetch: typeof w.fetch === 'function' ? (...a: Parameters<typeof fetch>) => w.fetch(...a) : undefined,
    xhr: typeof w.XMLHttpRequest === 'function' ? () => new w.XMLHttpRequest() : undefined,
    sendBeacon: typeof w.navigator?.sendBeacon === 'function' ? (url, body) => w.navigator.sendBeacon(url, body) : undefined,
    gzip:
      typeof w.CompressionStream === 'function'
        ? async (text) => new Uint8Array(await new w.Response(new w.Blob([text]).stream().pipeThrough(new w.CompressionStream('gzip'))).arrayBuffer())
        : undefined,
    budget,
    worker: uploadWorker,
    csp: () => (csp ??= hasCsp(w.document)),
  };
};

/** `window.localStorage`, or undefined where it is missing or blocked (it can throw on access). */
export const localStorageArea = (): Storage | undefined => {
  try {
    return g().localStorage ?? undefined;
  } catch {
    return undefined;
  }
};

/**
 * `visibilitychange`, `pagehide` and `pageshow` (never `unload`, which would disable the back-forward cache).
 * @example
 * pageLifecycle().subscribe({ hide: (final) => ..., show: (restored) => ... });
 */
export const pageLifecycle = (): PageLifecycle => ({
  subscribe({ hide, show }) {
    const w = g();
    const doc = w.document;
    if (!doc || typeof w.addEventListener !== 'function') return () => {};
    const onVisibility = () => (doc.visibilityState === 'hidden' ? hide(false) : show(false));
    const onPageHide = () => hide(true);
    const onPageShow = (e: { persisted?: boolean }) => e.persisted && show(true);
    doc.addEventListener('visibilitychange', onVisibility);
    w.addEventListener('pagehide', onPageHide);
    w.addEventListener('pageshow', onPageShow);
    return () => {
      doc.removeEventListener('visibilitychange', onVisibility);
      w.removeEventListener('pagehide', onPageHide);
      w.removeEventListener('pageshow', onPageShow);
    };
  },
  idle(task, timeoutMs) {
    const w = g();
    if (typeof w.requestIdleCallback === 'function') {
      const id = w.requestIdleCallback(task, { timeout: timeoutMs });
      return () => w.cancelIdleCallback(id);
    }
    const id = setTimeout(() => task(), Math.min(timeoutMs, 50));
    return () => clearTimeout(id);
  },
});

/**
 * `navigator.onLine` with the `online` / `offline` events.
 * @example
 * browserConnectivity().online();
 */
export const browserConnectivity = (): Connectivity => ({
  online: () => g().navigator?.onLine !== false,
  subscribe(onChange) {
    const w = g();
    if (typeof w.addEventListener !== 'function') return () => {};
    const up = () => onChange(true);
    const down = () => onChange(false);
    w.addEventListener('online', up);
    w.addEventListener('offline', down);
    return () => {
      w.removeEventListener('online', up);
      w.removeEventListener('offline', down);
    };
  },
});

/**
 * Cross-tab locks: Web Locks where available, else a localStorage lease. Resolved on first use.
 * @example
 * const locks = browserTabLocks(); await locks.tryHold('footprint:AMP_unsent_x');
 */
export const browserTabLocks = (): TabLocks => {
  let chosen: TabLocks | undefined;
  const pick = (): TabLocks => {
    const manager: LockManagerLike | undefined = g().navigator?.locks;
    if (manager && typeof manager.request === 'function') return webLocks(manager);
    return leaseLocks(localStorageArea, uuid());
  };
  return { tryHold: (name) => (chosen ??= pick()).tryHold(name), held: async () => ((chosen ??= pick()).held?.() ?? []) };
};
