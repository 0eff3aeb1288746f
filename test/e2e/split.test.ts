import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startTestCollector, type StoredEvent, type TestCollector } from '../support/collector';
import { examplesDir } from '../support/paths';

// examples/feature-flags/split: the real Split SDK (@splitsoftware/splitio, localhost mode) with an
// impression listener that stores each treatment as a user property through Footprint's identify().
// The example is built with Vite into a scratch folder and served where `npm run example` serves it.

describe('Split feature flags example', () => {
  let browser: Browser;
  let collector: TestCollector;
  let outDir: string;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'footprint-split-'));
    await build({ root: join(examplesDir, 'feature-flags/split'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    browser = await launchBrowser();
    collector = await startTestCollector({ static: { '/examples/feature-flags/split/': `${outDir}/` } });
  });
  afterAll(async () => {
    await browser?.close();
    await collector?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it("each treatment Split serves reaches the collector as a user property of the flag's name, on the Split key's user", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${collector.url}/examples/feature-flags/split/`);
    await page.click('#checkout');
    await page.waitForFunction(() => document.getElementById('variant')!.textContent === 'new-checkout: on');
    const treatment = (flag: string) => (e: StoredEvent) => e.event_type === '$identify' && e.user_properties?.$set?.[flag] !== undefined;
    const events = await collector.waitFor((e) => e.some(treatment('new-checkout')) && e.some(treatment('dark-mode')) && e.some((x) => x.event_type === 'Checkout Opened'));
    await page.close();
    expect(errors).toEqual([]);
    expect(events.find(treatment('dark-mode'))).toMatchObject({ user_id: 'split-user-0001', user_properties: { $set: { 'dark-mode': 'off' } } });
    const checkout = events.find(treatment('new-checkout'))!;
    expect(checkout).toMatchObject({ user_id: 'split-user-0001', user_properties: { $set: { 'new-checkout': 'on' } } });
    // Split calls the listener just after getTreatment returns, so the app's own event may come first.
    const opened = events.find((e) => e.event_type === 'Checkout Opened')!;
    expect(opened).toMatchObject({ user_id: 'split-user-0001', event_properties: { treatment: 'on' } });
  });
});
