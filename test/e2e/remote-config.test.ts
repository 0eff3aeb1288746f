import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startTestCollector, type TestCollector } from '../support/collector';
import { API_KEY, footprintPage, servePages, trackAndRead } from './identity-pages';

// docs/differences.md §C.6: remote config comes only from remoteConfig.serverUrl, never blocks init, and a fetched
// config is cached (AMP_remote_config_<key>) and applies from the next page load.
describe('remote config from the collector', () => {
  let browser: Browser;
  let collector: TestCollector;

  beforeAll(async () => {
    collector = await startTestCollector();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await fetch(`${collector.url}/_footprint/remote-config`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ browserSDK: null }) }).catch(() => undefined);
    await browser?.close();
    await collector?.close();
  });

  /** The collector's /config answers with a config that switches sessions on (autocapture is false locally). */
  const serveSessionsOnConfig = async () => {
    const set = await fetch(`${collector.url}/_footprint/remote-config`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiKey: API_KEY, browserSDK: { autocapture: { sessions: { enabled: true } } } }),
    });
    expect(set.status).toBe(200);
  };

  it('switches sessions on remotely although autocapture is false locally, from the next load', async () => {
    await serveSessionsOnConfig();
    const context = await browser.newContext();
    const page = await context.newPage();
    const hosts = new Set<string>();
    page.on('request', (r) => hosts.add(new URL(r.url()).origin));
    await servePages(page, {
      remote: footprintPage({ extra: "sessionTimeout: 1, remoteConfig: { fetchRemoteConfig: true, serverUrl: location.origin + '/config' }" }),
    });

    await page.goto(`${collector.url}/identity/remote.html`);
    expect((await trackAndRead(page, 'First Load')).code).toBe(200);
    const cached = await page.waitForFunction((key) => localStorage.getItem(key), `AMP_remote_config_${API_KEY.slice(0, 10)}`);
    expect(JSON.parse((await cached.jsonValue()) as string).remoteConfig).toEqual({ configs: { analyticsSDK: { browserSDK: { autocapture: { sessions: { enabled: true } } } } } });

    await page.reload();
    expect((await trackAndRead(page, 'Second Load')).code).toBe(200);
    const events = await collector.waitFor((e) => e.some((x) => x.event_type === 'Second Load'));
    const types = events.map((e) => e.event_type);
    expect(types.slice(0, types.indexOf('First Load') + 1)).not.toContain('session_start');
    expect(types.slice(types.indexOf('First Load'))).toContain('session_start');
    expect([...hosts]).toEqual([new URL(collector.url).origin]);
    await context.close();
  });

  it('loads the remote-config code (its own chunk of the npm build) only on pages that configure remoteConfig.serverUrl', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const chunks: string[] = [];
    page.on('request', (r) => {
      if (/\/remote-config-[^/]+\.mjs$/.test(new URL(r.url()).pathname)) chunks.push(new URL(r.url()).pathname);
    });
    await servePages(page, {
      plain: footprintPage(),
      remote: footprintPage({ extra: "remoteConfig: { fetchRemoteConfig: true, serverUrl: location.origin + '/config' }" }),
    });
    await page.goto(`${collector.url}/identity/plain.html`);
    expect((await trackAndRead(page, 'Plain Page')).code).toBe(200);
    expect(chunks).toEqual([]);
    await page.goto(`${collector.url}/identity/remote.html`);
    expect((await trackAndRead(page, 'Remote Config Page')).code).toBe(200);
    expect(chunks).toHaveLength(1);
    await context.close();
  });

  it('the script-tag bundle, with the remote-config code inside, applies a cached config the same way', async () => {
    await serveSessionsOnConfig();
    const context = await browser.newContext();
    const page = await context.newPage();
    const options = "{ serverUrl: location.origin + '/2/httpapi', flushIntervalMillis: 100, autocapture: false, sessionTimeout: 1, logLevel: 1, remoteConfig: { serverUrl: location.origin + '/config' } }";
    await servePages(page, {
      tag: `<!doctype html><html><head><script src="/sdk/footprint.min.js"></script></head><body><script>
window.sdk = footprint;
window.ready = footprint.init(${JSON.stringify(API_KEY)}, ${options}).promise;
</script></body></html>`,
    });
    await page.goto(`${collector.url}/identity/tag.html`);
    const { deviceId } = await trackAndRead(page, 'Tag First Load');
    await page.waitForFunction((key) => localStorage.getItem(key), `AMP_remote_config_${API_KEY.slice(0, 10)}`);
    await page.reload();
    expect((await trackAndRead(page, 'Tag Second Load')).code).toBe(200);
    const events = await collector.waitFor((e) => e.some((x) => x.event_type === 'Tag Second Load'));
    const types = events.filter((e) => e.device_id === deviceId).map((e) => e.event_type);
    expect(types.slice(0, types.indexOf('Tag First Load') + 1)).toEqual(['Tag First Load']);
    expect(types.slice(types.indexOf('Tag First Load'))).toContain('session_start');
    await context.close();
  });
});
