import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startTestCollector, type TestCollector } from '../support/collector';
import { repoRoot } from '../support/paths';
import { vendorPage } from './spec';

// The Split and Harness FME guides' Identify API samples (integrations/split-amplitude.md and
// harness-fme-amplitude.md in the vendor folder), run verbatim against the collector: only the URL
// https://api.amplitude.com/identify is replaced by the collector's. test/e2e/collector-identify.test.ts
// makes the same requests in our own code for `npm test`.
const GUIDES = ['integrations/split-amplitude.md', 'integrations/harness-fme-amplitude.md'];
const AMPLITUDE_IDENTIFY = 'https://api.amplitude.com/identify';

/** The code block that starts with `start`, from a guide, with the Identify URL pointed at the collector. */
const sample = (guide: string, start: string, url: string) => {
  const blocks = [...vendorPage(guide).matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1] as string);
  const code = blocks.find((block) => block.trimStart().startsWith(start));
  if (!code) throw new Error(`no sample starting with ${start} in ${guide}`);
  expect(code.split(AMPLITUDE_IDENTIFY)).toHaveLength(2);
  return code.replace(AMPLITUDE_IDENTIFY, url);
};

describe('Split / Harness FME Identify API samples, verbatim', () => {
  let browser: Browser;
  let collector: TestCollector;
  let app: TestCollector;
  beforeAll(async () => {
    [browser, collector, app] = await Promise.all([launchBrowser(), startTestCollector(), startTestCollector()]);
  });
  afterAll(async () => {
    await browser?.close();
    await collector?.close();
    await app?.close();
  });

  for (const guide of GUIDES) {
    it(`sample 1 (impression listener) from ${guide} runs in a page on another origin`, async () => {
      await collector.reset();
      const page = await browser.newPage();
      const logged: string[] = [];
      page.on('console', (m) => logged.push(m.text()));
      // Any page of another origin: the second collector's icon will do.
      await page.goto(`${app.url}/favicon.svg`);
      const code = sample(guide, 'function amplitudeIdentify', `${collector.url}/identify`);
      await page.evaluate((src) => new Function(src)(), `${code}\namplitudeIdentify("split-api-key", "visitor-42", "new_checkout", "on");`);
      await expect.poll(() => logged).toContain('success');
      const [event] = await collector.waitFor((events) => events.length === 1);
      expect(event).toMatchObject({ event_type: '$identify', user_id: 'visitor-42', user_properties: { new_checkout: 'on' }, received_via: '/identify' });
      await page.close();
    });
  }

  it('sample 2 (impressions webhook service: express, axios, qs) runs as a Node service', async () => {
    await collector.reset();
    const env = { ...process.env, NODE_PATH: [process.env.NODE_PATH, join(repoRoot, 'node_modules')].filter(Boolean).join(delimiter) };
    const found = spawnSync(process.execPath, ['-e', "['express','axios','qs'].forEach((m) => require.resolve(m))"], { env });
    if (found.status !== 0) {
      throw new Error('sample 2 needs express, axios and qs (devDependencies): run npm ci');
    }
    const dir = await mkdtemp(join(tmpdir(), 'footprint-split-sample-'));
    const file = join(dir, 'service.cjs');
    await writeFile(file, sample(GUIDES[0] as string, 'const express', `${collector.url}/identify`));
    let child: ChildProcess | undefined;
    try {
      child = spawn(process.execPath, [file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
      await expect.poll(() => output, { timeout: 20_000 }).toContain('Example app listening on port 3000');
      // One impression per webhook call: the sample answers the webhook once per impression.
      const impressions = [{ key: 'user-1001', split: 'new_checkout', treatment: 'on', time: 1_700_000_000_000, label: 'default rule' }];
      const res = await fetch('http://127.0.0.1:3000/', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(impressions) });
      expect(await res.text()).toBe('"success"');
      const [event] = await collector.waitFor((events) => events.length === 1);
      expect(event).toMatchObject({ event_type: '$identify', user_id: 'user-1001', user_properties: { new_checkout: 'on' }, api_key: 'API_KEY' });
    } finally {
      child?.kill();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
