import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startTestCollector, type TestCollector } from '../support/collector';
import { configcatDist, expectConfigCatExposure, SDK_KEY } from '../support/configcat';
import { vendorPage } from './spec';

// ConfigCat's published Amplitude sample (integrations/configcat-amplitude.md in the vendor folder), run
// verbatim with the real ConfigCat JS SDK: only the global is renamed (`amplitude` → `footprint`) and the
// SDK-key placeholder filled in.
const sample = () => {
  const page = vendorPage('integrations/configcat-amplitude.md');
  const match = /```js\n([\s\S]*?)```/.exec(page);
  if (!match) throw new Error('no js sample in integrations/configcat-amplitude.md');
  return match[1];
};

describe('ConfigCat integration sample, verbatim', () => {
  let browser: Browser;
  let collector: TestCollector;
  beforeAll(async () => {
    [browser, collector] = await Promise.all([launchBrowser(), startTestCollector({ static: { '/configcat/': configcatDist } })]);
  });
  afterAll(async () => {
    await browser?.close();
    await collector?.close();
  });

  it('sends the $exposure event and the $identify the sample promises', async () => {
    const code = sample().split('amplitude.').join('footprint.').replace('#YOUR_SDK_KEY', SDK_KEY);
    expect(code).toContain("footprint.track('$exposure'");
    await expectConfigCatExposure(browser, collector, code);
  });
});
