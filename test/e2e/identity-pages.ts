// Pages for the identity e2e tests (cookies, cross-domain, consent): one SDK per page, either the anchor
// (Amplitude Browser SDK 2's own script bundle) or Footprint (the built ESM through an import map).
// They are served by intercepting requests on the collector's origin, so no fixture files are needed;
// every script they load comes from the collector itself.
import { readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { importMap } from '../support/collector';
import { repoRoot } from '../support/paths';

/** Every plugin package: the drop-in entry imports the ones it wires by default. */
const PLUGINS = readdirSync(`${repoRoot}packages`).filter((n) => n.startsWith('plugin-'));

export const API_KEY = 'identity-e2e-key-0123456789';
const ANCHOR_BUNDLE = '/node_modules/@amplitude/analytics-browser/lib/scripts/amplitude-min.umd.js';

/** Records every cookie and Web Storage write the page makes, before any SDK code runs (inline or as an init script). */
export const WRITE_RECORDER = `
window.__writes = [];
(function () {
  var cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  Object.defineProperty(document, 'cookie', {
    configurable: true,
    get: function () { return cookie.get.call(document); },
    set: function (v) { window.__writes.push('cookie ' + v.split(';')[0]); cookie.set.call(document, v); },
  });
  ['setItem', 'removeItem', 'clear'].forEach(function (m) {
    var original = Storage.prototype[m];
    Storage.prototype[m] = function (k) { window.__writes.push(m + ' ' + k); return original.apply(this, arguments); };
  });
})();`;

/**
 * Options both SDKs are started with: uploads to the collector, nothing remote, and no autocapture
 * unless `autocapture` (a JS expression, e.g. `undefined` for the default set) says otherwise.
 */
const initOptions = (extra: string, autocapture = 'false') =>
  `{ serverUrl: location.origin + '/2/httpapi', flushIntervalMillis: 100, autocapture: ${autocapture}, fetchRemoteConfig: false, remoteConfig: { fetchRemoteConfig: false }, logLevel: 1${extra ? `, ${extra}` : ''} }`;

/**
 * An anchor page: `window.sdk` is `amplitude`, `window.ready` resolves after `init`.
 * `userId` (optional) is passed to init; `autocapture` as in {@link initOptions}.
 */
export const anchorPage = (userId?: string, autocapture?: string) => `<!doctype html><html><head><meta charset="utf-8"><title>anchor</title>
<script src="${ANCHOR_BUNDLE}"></script></head><body><a id="out" href="#">out</a><script>
window.sdk = amplitude;
window.ready = amplitude.init(${JSON.stringify(API_KEY)}, ${userId ? JSON.stringify(userId) : 'undefined'}, ${initOptions('', autocapture)}).promise;
</script></body></html>`;

/** A Footprint page: `window.sdk` is `@footprint/browser`, `window.ready` resolves after `init`. */
export const footprintPage = (options: { userId?: string; extra?: string; recordWrites?: boolean; autocapture?: string } = {}) => `<!doctype html><html><head><meta charset="utf-8"><title>footprint</title>
${options.recordWrites ? `<script>${WRITE_RECORDER}</script>` : ''}
<script type="importmap">${importMap(PLUGINS)}</script></head><body><a id="out" href="#">out</a><script type="module">
import * as sdk from '@footprint/browser';
window.sdk = sdk;
window.ready = sdk.init(${JSON.stringify(API_KEY)}, ${options.userId ? JSON.stringify(options.userId) : 'undefined'}, ${initOptions(options.extra ?? '', options.autocapture)}).promise;
</script></body></html>`;

/** Serves `html` for every request to `<origin>/identity/<name>.html` on this page's context. */
export const servePages = async (page: Page, pages: Record<string, string>) => {
  await page.context().route(/\/identity\/[a-z-]+\.html/, (route) => {
    const name = /\/identity\/([a-z-]+)\.html/.exec(route.request().url())![1];
    const body = pages[name];
    return body ? route.fulfill({ status: 200, contentType: 'text/html', body }) : route.fulfill({ status: 404, body: 'no such page' });
  });
};

/** Waits for the page's SDK, tracks `eventType`, waits for its upload, and returns the page's identity. */
export const trackAndRead = (page: Page, eventType: string) =>
  page.evaluate(async (type) => {
    const w = window as any;
    await w.ready;
    const result = await w.sdk.track(type).promise;
    return { code: result.code, eventId: result.event.event_id, deviceId: w.sdk.getDeviceId(), userId: w.sdk.getUserId(), sessionId: w.sdk.getSessionId() };
  }, eventType);

/** The decoded identity cookie `AMP_<key first 10>` (or `AMP_<prefix>_<key first 10>`) as the page sees it. */
export const identityCookie = (page: Page, prefix = '') =>
  page.evaluate((name) => {
    const raw = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
    return raw ? JSON.parse(decodeURIComponent(atob(raw.slice(name.length + 1)))) : undefined;
  }, `AMP_${prefix ? `${prefix}_` : ''}${API_KEY.slice(0, 10)}`);
