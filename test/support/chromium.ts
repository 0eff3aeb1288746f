import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { launchBrowser } from './browser';
import { startTestCollector, type TestCollector } from './collector';

/**
 * The lifecycle most e2e files share: one collector and one Chromium for the `describe` block, closed
 * after it, and the collector emptied before each test. Read `env.collector` / `env.browser` inside tests.
 * @example
 * const env = useChromium();
 * it('…', async () => { const page = await env.browser.newPage(); await page.goto(`${env.collector.url}/…`); });
 */
export const useChromium = () => {
  const env = {} as { collector: TestCollector; browser: Browser };
  beforeAll(async () => {
    env.collector = await startTestCollector();
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.collector?.close();
  });
  beforeEach(async () => {
    await env.collector.reset();
  });
  return env;
};
