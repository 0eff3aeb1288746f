import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import type { StoredEvent, TestCollector } from './collector';

/** The browser build of the real ConfigCat JS SDK, served to test pages at `/configcat/`. */
export const configcatDist = `${dirname(createRequire(import.meta.url).resolve('configcat-js/package.json'))}/dist/`;

export const SDK_KEY = 'FootprintE2eTestKey000/ConfigCatSampleCfg0000'; // ConfigCat's 22/22 key format
const FLAG = 'isAwesomeFeatureEnabled';
const VARIATION_ID = 'a1b2c3d4';
// ConfigCat config_v6 JSON: one boolean setting (t: 0) that is on, with its variation id.
const CONFIG = { p: { u: 'https://cdn-global.configcat.com', r: 0, s: 'salt' }, f: { [FLAG]: { t: 0, v: { b: true }, i: VARIATION_ID } } };

/**
 * Runs `code` (a page script that creates `configCatClient` with a `flagEvaluated` hook, in the form
 * ConfigCat's Amplitude integration documents, calling the `footprint` global) on a page with the real
 * ConfigCat SDK and footprint.min.js; ConfigCat's CDN is answered by a fixture config with one flag that
 * is on. Asserts the `$exposure` event and the `$identify` such a hook sends.
 */
export const expectConfigCatExposure = async (browser: Browser, collector: TestCollector, code: string) => {
  const html = `<!doctype html><html><head><title>configcat</title>
    <script src="/configcat/configcat.js"></script>
    <script src="/sdk/footprint.min.js"></script>
    <script>
      var PollingMode = configcat.PollingMode;
      footprint.init('configcat-api-key-0123', 'user-12345', { serverUrl: location.origin + '/2/httpapi', flushIntervalMillis: 50 });
    </script>
    <script>${code}</script>
  </head><body></body></html>`;
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route(`${collector.url}/configcat.html`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.route('https://cdn-global.configcat.com/**', (route) =>
    route.fulfill({ contentType: 'application/json', headers: { 'Access-Control-Allow-Origin': '*', ETag: '"1"' }, body: JSON.stringify(CONFIG) }),
  );
  await page.goto(`${collector.url}/configcat.html`);
  const value = await page.evaluate(`configCatClient.getValueAsync(${JSON.stringify(FLAG)}, false)`);
  expect(value).toBe(true);

  // The drop-in's default autocapture sends its own $identify (attribution): pick the hook's by its property.
  const isHookIdentify = (x: StoredEvent) => x.event_type === '$identify' && x.user_properties?.$set?.[`configcat_${FLAG}`] !== undefined;
  const events = await collector.waitFor((e) => e.some((x) => x.event_type === '$exposure') && e.some(isHookIdentify));
  await page.close();
  expect(errors).toEqual([]);
  const exposure = events.find((e) => e.event_type === '$exposure')!;
  expect(exposure).toMatchObject({
    event_properties: { flag_key: FLAG, variant: true, variation_id: VARIATION_ID },
    user_id: 'user-12345',
    platform: 'Web',
  });
  expect(typeof exposure.device_id).toBe('string');
  const identify = events.find(isHookIdentify)!;
  expect(identify.user_properties).toEqual({ $set: { [`configcat_${FLAG}`]: true } });
  expect(identify.user_id).toBe('user-12345');
};
