import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startTestCollector, type StoredEvent, type TestCollector } from '../support/collector';
import { examplesDir, repoRoot } from '../support/paths';

// Every example of issue "Drop-in for script-tag sites" in Chromium against the collector, and the one
// command that starts them (`npm run example -- <name>`). The Vite examples are built here with Vite's
// build() into a scratch directory and served where `npm run example` serves them.
const PV = '[Amplitude] Page Viewed';
const VITE_EXAMPLES = ['vite-spa', 'custom-plugin'];

describe('examples/', () => {
  let browser: Browser;
  let collector: TestCollector;
  let outRoot: string;
  const errors: string[] = [];

  beforeAll(async () => {
    outRoot = await mkdtemp(join(tmpdir(), 'footprint-examples-'));
    const mounts: Record<string, string> = {};
    for (const name of VITE_EXAMPLES) {
      const outDir = join(outRoot, name);
      await build({ root: join(examplesDir, name), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
      mounts[`/examples/${name}/`] = outDir;
    }
    [browser, collector] = await Promise.all([launchBrowser(), startTestCollector({ static: mounts })]);
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await collector?.close();
    if (outRoot) await rm(outRoot, { recursive: true, force: true });
  });
  beforeEach(async () => {
    errors.length = 0;
    await collector.reset();
  });

  const open = async (path: string): Promise<Page> => {
    const page = await (await browser.newContext()).newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${collector.url}${path}`);
    return page;
  };
  const close = (page: Page) => page.context().close();
  const ofType = (events: StoredEvent[], type: string) => events.filter((e) => e.event_type === type);

  it('script-tag/snippet.html: the snippet inline; calls made before the script arrives are replayed', async () => {
    // The page inlines the snippet's readable source (indented); it must stay the snippet the build ships.
    const inline = /<script>\n([\s\S]*?)\n\s*<\/script>/.exec(readFileSync(join(examplesDir, 'script-tag/snippet.html'), 'utf8'))![1];
    const source = readFileSync(join(repoRoot, 'packages/browser/snippet/snippet.js'), 'utf8').replace('__SRC__', '/sdk/footprint.min.js').replace('__INTEGRITY__', '');
    const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(lines(inline), 'examples/script-tag/snippet.html inlines packages/browser/snippet/snippet.js (URL /sdk/footprint.min.js, no integrity)').toEqual(lines(source));

    const page = await (await browser.newContext()).newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    await page.route(`${collector.url}/sdk/footprint.min.js`, async (route) => {
      await released;
      await route.continue();
    });
    await page.goto(`${collector.url}/examples/script-tag/snippet.html`, { waitUntil: 'domcontentloaded' });
    expect(await page.evaluate(() => (window as any).footprint._q.map((c: any) => c.name))).toEqual(['init', 'identify', 'track']);
    release();
    await page.click('#order');
    const events = await collector.waitFor((e) => ofType(e, 'revenue_amount').length === 1);
    // In the order they were made (the attribution plugin's campaign $identify aside).
    const own = events.filter((e) => e.user_properties?.$set?.demo || ['Snippet Page Opened', 'revenue_amount'].includes(e.event_type));
    expect(own.map((e) => [e.event_type, e.user_properties ?? e.event_properties])).toEqual([
      ['$identify', { $set: { demo: 'snippet' } }],
      ['Snippet Page Opened', expect.objectContaining({ queued: true })],
      ['revenue_amount', expect.objectContaining({ $productId: 'sku-42', $price: 19.99 })],
    ]);
    await page.waitForFunction(() => document.querySelectorAll('#results li').length === 3);
    expect(await page.locator('#results li').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Snippet Page Opened → 200')]));
    expect(errors).toEqual([]);
    await close(page);
  });

  it('vite-spa: a page view per history navigation (links and Back), and a custom event', async () => {
    const page = await open('/examples/vite-spa/');
    await page.click('a:text("Pricing")');
    await page.click('a:text("Getting started")');
    await page.goBack();
    await page.waitForFunction(() => document.title.startsWith('Pricing'));
    await page.click('button[data-plan="pro"]');

    const events = await collector.waitFor((e) => ofType(e, PV).length >= 4 && ofType(e, 'Plan Chosen').length === 1, 8000);
    const views = ofType(events, PV).map((e) => [e.event_properties['[Amplitude] Page Path'], e.event_properties['[Amplitude] Page Title']]);
    expect(views).toEqual([
      ['/examples/vite-spa/', 'Home · Footprint Vite SPA'],
      ['/examples/vite-spa/pricing', 'Pricing · Footprint Vite SPA'],
      ['/examples/vite-spa/docs/getting-started', 'Getting started · Footprint Vite SPA'],
      ['/examples/vite-spa/pricing', 'Pricing · Footprint Vite SPA'],
    ]);
    expect(ofType(events, 'Plan Chosen')[0]).toMatchObject({ api_key: 'vite-spa-example-key', event_properties: { plan: 'pro' } });
    expect(new Set(events.map((e) => e.device_id)).size).toBe(1);
    expect(errors).toEqual([]);
    await close(page);
  });

  it('custom-plugin: the enrichment stamps app_section, the destination forwards each event to /batch', async () => {
    const page = await open('/examples/custom-plugin/');
    const forwarded: any[] = [];
    page.on('request', (r) => r.url().endsWith('/batch') && forwarded.push(r.postDataJSON()));
    await page.click('button[data-section="catalog"]');
    await page.click('button[data-section="checkout"]');

    const events = await collector.waitFor((e) => ofType(e, 'Section Opened').length === 2);
    expect(events.map((e) => e.event_type)).toEqual(['Section Opened', 'Section Opened']); // autocapture off
    expect(events.map((e) => e.event_properties)).toEqual([
      { label: 'Catalog', app_section: 'catalog' },
      { label: 'Checkout', app_section: 'checkout' },
    ]);
    await page.waitForFunction(() => document.querySelectorAll('#log li').length >= 4);
    const log = await page.locator('#log li').allTextContents();
    expect(log).toEqual(expect.arrayContaining(['forwarded Section Opened (catalog) → 200', 'forwarded Section Opened (checkout) → 200']));
    // The copies: the enriched events, under the second project's key, accepted by the collector.
    expect(forwarded).toHaveLength(2);
    expect(forwarded.map((body) => [body.api_key, body.events[0].event_properties.app_section, body.events[0].insert_id])).toEqual(
      events.map((e) => ['second-project-key', e.event_properties.app_section, e.insert_id]),
    );
    const { uploads, duplicates } = await collector.received();
    expect(uploads.filter((u) => u.path === '/batch').map((u) => u.status)).toEqual([200, 200]);
    expect(duplicates).toBe(2); // same insert_id as the normal upload
    expect(errors).toEqual([]);
    await close(page);
  });

  it('feature-flags: reading a flag sends $exposure (flag_key, variant, experiment_key) and sets the variant as a user property', async () => {
    const page = await open('/examples/feature-flags/');
    // dark-mode is read at load; it is not part of an experiment.
    let events = await collector.waitFor((e) => ofType(e, '$exposure').length === 1);
    expect(ofType(events, '$exposure')[0].event_properties).toMatchObject({ flag_key: 'dark-mode', variant: true, variation_id: 'v-dark-on' });

    await page.click('#checkout');
    events = await collector.waitFor((e) => ofType(e, 'Checkout Opened').length === 1);
    const shown = (await page.textContent('#variant'))!.replace('new-checkout: ', '');
    expect(['control', 'treatment']).toContain(shown);
    const exposure = ofType(events, '$exposure')[1];
    expect(exposure).toMatchObject({
      user_id: 'flags-user-0001',
      event_properties: { flag_key: 'new-checkout', variant: shown, variation_id: `v-${shown}`, experiment_key: 'exp-new-checkout' },
    });
    // The exposure precedes the first event of the variant it reports.
    expect(events.indexOf(exposure)).toBeLessThan(events.findIndex((e) => e.event_type === 'Checkout Opened'));
    // (the other $identify is the attribution plugin's, for this direct visit)
    const flagIdentifies = ofType(events, '$identify').filter((e) => Object.keys(e.user_properties.$set ?? {}).some((k) => k.startsWith('configcat_')));
    expect(flagIdentifies.map((e) => e.user_properties)).toEqual([
      { $set: { 'configcat_dark-mode': true } },
      { $set: { 'configcat_new-checkout': shown } },
    ]);
    expect(errors).toEqual([]);
    await close(page);
  });

  it('consent (default autocapture): nothing in cookies or Web Storage and nothing sent before consent; accepting stores identity, campaign and page records and sends the held events with the same device id', async () => {
    const context = await browser.newContext();
    // Record every cookie and Web Storage write the page makes, probes included.
    await context.addInitScript(() => {
      const w = window as any;
      w.__writes = [];
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key: string, value: string) {
        w.__writes.push(`storage:${key}`);
        return setItem.call(this, key, value);
      };
      const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
      Object.defineProperty(Document.prototype, 'cookie', {
        configurable: true,
        get() {
          return cookie.get!.call(this);
        },
        set(value: string) {
          w.__writes.push(`cookie:${String(value).split('=')[0]}`);
          cookie.set!.call(this, value);
        },
      });
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${collector.url}/examples/consent/`);
    expect(await page.isVisible('#banner')).toBe(true);
    await page.click('#track');
    await page.waitForTimeout(600); // three flush intervals
    const before = await page.evaluate(() => ({
      writes: (window as any).__writes,
      local: localStorage.length,
      session: sessionStorage.length,
      state: document.getElementById('state')!.textContent,
      deviceId: (window as any).footprint.getDeviceId(),
    }));
    expect(before).toMatchObject({ writes: [], local: 0, session: 0, state: 'pending' });
    expect(await context.cookies()).toEqual([]);
    expect(await collector.events()).toEqual([]);

    await page.click('#accept');
    const events = await collector.waitFor((e) => e.some((x) => x.event_type === 'Article Read'));
    // The default autocapture ran while pending: the first visit's campaign $identify and the page view were held too.
    expect(events.map((e) => e.event_type)).toEqual(['$identify', 'session_start', 'Page Opened', '[Amplitude] Page Viewed', 'Article Read']);
    expect(events.every((e) => e.device_id === before.deviceId)).toBe(true);
    expect(await page.isHidden('#banner')).toBe(true);
    expect((await context.cookies()).map((c) => c.name).sort()).toEqual(['AMP_MKTG_consent-ex', 'AMP_consent-ex']);
    const stored = await page.evaluate(() => ({ writes: (window as any).__writes as string[], session: Object.keys(sessionStorage).sort() }));
    expect(stored.session).toEqual(['AMP_PAGE_VIEW', 'AMP_URL_INFO']);
    expect(stored.writes.filter((w) => /^storage:AMP_(MKTG|TEST)/.test(w))).toEqual([]); // no plugin used its own adapter

    // The next visit starts granted: no banner, events go out at once.
    await page.reload();
    expect(await page.textContent('#state')).toBe('granted');
    expect(await page.isHidden('#banner')).toBe(true);
    const next = await collector.waitFor((e) => ofType(e, 'Page Opened').length === 2);
    expect(ofType(next, 'Page Opened')[1].device_id).toBe(before.deviceId);
    await page.waitForTimeout(300);
    expect(ofType(await collector.events(), '$identify')).toHaveLength(1); // the stored campaign was read: same campaign, none sent
    expect(errors).toEqual([]);
    await context.close();
  });

  it('`npm run example -- <name>` serves the example and prints its URL; an unknown name prints the list', async () => {
    const workDir = await mkdtemp(join(tmpdir(), 'footprint-example-'));
    const run = (args: string[]) =>
      spawn(process.execPath, [join(repoRoot, 'scripts/example.mjs'), ...args], { cwd: workDir, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const unknown = run(['no-such-example']);
      let usage = '';
      unknown.stderr!.on('data', (c) => (usage += c));
      expect(await new Promise((r) => unknown.once('exit', r))).toBe(1);
      expect(usage).toContain('feature-flags');

      const child = run(['feature-flags', '--no-build']);
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 10_000);
        child.stdout!.on('data', (chunk) => {
          output += chunk;
          const m = /Example\s+(http:\/\/\S+)/.exec(output);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
      });
      expect(url).toMatch(/\/examples\/feature-flags\/$/);
      const page = await browser.newPage();
      await page.goto(url);
      await page.click('#checkout');
      await page.waitForFunction(() => document.getElementById('variant')!.textContent !== '');
      const origin = new URL(url).origin;
      let stored: StoredEvent[] = [];
      for (let i = 0; i < 60 && !stored.some((e) => e.event_properties?.flag_key === 'new-checkout'); i++) {
        await new Promise((r) => setTimeout(r, 50));
        stored = (await (await fetch(`${origin}/_footprint/events`)).json()).events;
      }
      expect(ofType(stored, '$exposure').map((e) => e.event_properties.flag_key)).toEqual(['dark-mode', 'new-checkout']);
      await page.close();
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  });
});
