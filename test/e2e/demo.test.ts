import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { repoRoot } from '../support/paths';

// The README's quickstart: `npm start` builds, starts the collector and serves the demo page.
describe('npm start demo', () => {
  let child: ChildProcess;
  let baseUrl: string;
  let browser: Browser;
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'footprint-start-'));
    // Run from a scratch cwd so the collector's default data dir (.footprint/) lands there.
    child = spawn(process.execPath, [join(repoRoot, 'scripts/start.mjs')], {
      cwd: workDir,
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    baseUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start printed no URL in time:\n${output}`)), 50_000);
      const read = (chunk: Buffer) => {
        output += chunk;
        const m = /Live inspector\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
      child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await exited;
    }
    await rm(workDir, { recursive: true, force: true });
  });

  const received = async () => (await (await fetch(`${baseUrl}/_footprint/events`)).json()).events as any[];

  it('delivers a demo button click to the collector and the live inspector (the delay is printed, not asserted)', async () => {
    const inspector = await browser.newPage();
    await inspector.goto(`${baseUrl}/`);
    const demo = await browser.newPage();
    const pageErrors: Error[] = [];
    demo.on('pageerror', (e) => pageErrors.push(e));
    await demo.goto(`${baseUrl}/examples/script-tag/`);

    const clickedAt = Date.now();
    await demo.click('text=Sign up');

    // The demo promises a click in the inspector within about a second (flushIntervalMillis); how long it
    // took is printed, since a timed assertion would only measure how loaded the test machine is.
    let events: any[] = [];
    while (Date.now() - clickedAt < 20_000) {
      events = await received();
      if (events.some((e) => e.event_type === 'Sign Up Clicked')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const event = events.find((e) => e.event_type === 'Sign Up Clicked');
    expect(event, 'the collector stored the click').toBeDefined();
    const storedAfter = Date.now() - clickedAt;
    // The button's own property, plus the drop-in's page URL enrichment (autocapture is on by default).
    expect(event.event_properties).toMatchObject({ plan: 'pro', '[Amplitude] Page Path': '/examples/script-tag/' });
    expect(events.some((e) => e.event_type === '[Amplitude] Page Viewed')).toBe(true);
    expect(event.device_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.library).toMatch(/^footprint\//);
    expect(event.platform).toBe('Web');

    const row = inspector.locator('[data-testid="event-row"][data-event-type="Sign Up Clicked"]');
    await row.first().waitFor({ timeout: 20_000 });
    expect(await row.count()).toBe(1);
    console.log(`demo: click stored after ${storedAfter} ms, shown in the inspector after ${Date.now() - clickedAt} ms`);
    await expect(demo.locator('#results li').first().textContent()).resolves.toContain('Sign Up Clicked → 200');
    expect(pageErrors).toEqual([]);
  });

  it('stops cleanly on Ctrl-C', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
