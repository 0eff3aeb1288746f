import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startTestCollector, type StoredEvent, type TestCollector } from '../support/collector';
import { repoRoot } from '../support/paths';

// The ConfigCat → Amplitude integration sample (shared/spec/integrations/configcat-amplitude.md), run
// verbatim with the real ConfigCat JS SDK against Footprint: only the global is renamed (`amplitude` →
// `footprint`) and the SDK-key placeholder filled in. ConfigCat's CDN is answered by a fixture config.

const specPath = join(repoRoot, '../shared/spec/integrations/configcat-amplitude.md');
const configcatDist = join(dirname(createRequire(import.meta.url).resolve('configcat-js/package.json')), 'dist');

/** The first ```js block of the integration page: the browser sample. */
const sample = () => {
  const match = /```js\n([\s\S]*?)```/.exec(readFileSync(specPath, 'utf8'));
  if (!match) throw new Error(`no js sample found in ${specPath}`);
  return match[1];
};

const SDK_KEY = 'FootprintE2eTestKey000/ConfigCatSampleCfg0000'; // ConfigCat's 22/22 key format
const FLAG = 'isAwesomeFeatureEnabled';
const VARIATION_ID = 'a1b2c3d4';
// ConfigCat config_v6 JSON: one boolean setting (t: 0) that is on, with its variation id.
const CONFIG = { p: { u: 'https://cdn-global.configcat.com', r: 0, s: 'salt' }, f: { [FLAG]: { t: 0, v: { b: true }, i: VARIATION_ID } } };

describe('ConfigCat integration sample', () => {
  let browser: Browser;
  let collector: TestCollector;

  beforeAll(async () => {
    browser = await launchBrowser();
    collector = await startTestCollector({ static: { '/configcat/': `${configcatDist}/` } });
  });
  afterAll(async () => {
    await browser?.close();
    await collector?.close();
  });

  it('sends the $exposure event and the $identify the sample promises', async () => {
    const code = sample().split('amplitude.').join('footprint.').replace('#YOUR_SDK_KEY', SDK_KEY);
    expect(code).toContain("footprint.track('$exposure'");
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

    // The drop-in's default autocapture sends its own $identify (attribution): pick the sample's by its property.
    const isSampleIdentify = (x: StoredEvent) => x.event_type === '$identify' && x.user_properties?.$set?.[`configcat_${FLAG}`] !== undefined;
    const events = await collector.waitFor((e) => e.some((x) => x.event_type === '$exposure') && e.some(isSampleIdentify));
    await page.close();
    expect(errors).toEqual([]);
    const exposure = events.find((e) => e.event_type === '$exposure')!;
    expect(exposure).toMatchObject({
      event_properties: { flag_key: FLAG, variant: true, variation_id: VARIATION_ID },
      user_id: 'user-12345',
      platform: 'Web',
    });
    expect(typeof exposure.device_id).toBe('string');
    const identify = events.find(isSampleIdentify)!;
    expect(identify.user_properties).toEqual({ $set: { [`configcat_${FLAG}`]: true } });
    expect(identify.user_id).toBe('user-12345');
  });
});
