import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startTestCollector, type TestCollector } from '../support/collector';
import { configcatDist, expectConfigCatExposure, SDK_KEY } from '../support/configcat';

// ConfigCat's Amplitude integration: a `flagEvaluated` hook sends an `$exposure` event and stores the
// served value as a user property with `identify`, here with the real ConfigCat JS SDK against the
// script-tag global. The hook is written the way that integration documents it (docs/integrations.md);
// `npm run test:vendor` also runs ConfigCat's own published sample verbatim.
const HOOK = `
const configCatClient = configcat.getClient(${JSON.stringify(SDK_KEY)}, PollingMode.AutoPoll, {
  setupHooks: (hooks) => hooks.on('flagEvaluated', (details) => {
    footprint.track('$exposure', { flag_key: details.key, variant: details.value, variation_id: details.variationId });
    footprint.identify(new footprint.Identify().set('configcat_' + details.key, details.value));
  }),
});`;

describe('ConfigCat integration', () => {
  let browser: Browser;
  let collector: TestCollector;
  beforeAll(async () => {
    [browser, collector] = await Promise.all([launchBrowser(), startTestCollector({ static: { '/configcat/': configcatDist } })]);
  });
  afterAll(async () => {
    await browser?.close();
    await collector?.close();
  });

  it('a flagEvaluated hook sends the $exposure event and the $identify', async () => {
    await expectConfigCatExposure(browser, collector, HOOK);
  });
});
