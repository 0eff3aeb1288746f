// Takes the inspector screenshots shown in the collector README (packages/collector/docs/*.png) with
// headless Chromium, from sample events. Run after a build:
//   npm run build && node packages/collector/scripts/screenshots.mjs
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('..', import.meta.url));
const out = (name) => join(here, 'docs', name);
const { startCollector } = await import(join(here, 'dist', 'index.mjs'));
const dataDir = await mkdtemp(join(tmpdir(), 'footprint-screenshots-'));
const collector = await startCollector({ port: 0, dataDir, log: () => {} });
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });

const start = Date.UTC(2026, 11, 6, 9, 30, 0);
let id = 0;
const event = (event_type, over = {}) => ({
  event_type,
  device_id: 'c1b2e3a4-5d6e-4f70-8a9b-0c1d2e3f4a5b',
  session_id: start,
  time: start + id * 730,
  event_id: id,
  insert_id: `sample-${id++}`,
  platform: 'Web',
  library: 'footprint/0.1.0',
  ...over,
});
const send = (events) => fetch(`${collector.url}/2/httpapi`, { method: 'POST', body: JSON.stringify({ api_key: 'demo-key', events }) });
const fault = (spec) => fetch(`${collector.url}/_footprint/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(spec) });

try {
  await send([
    event('session_start'),
    event('[Amplitude] Page Viewed', { event_properties: { '[Amplitude] Page Path': '/pricing', '[Amplitude] Page Title': 'Pricing' } }),
    event('Plan Selected', { event_properties: { plan: 'pro', billing: 'yearly', seats: 5 } }),
    event('$identify', { user_id: 'ada@example.com', user_properties: { $set: { plan: 'pro', company: 'Analytical Engines' } } }),
    event('Sign Up Clicked', { user_id: 'ada@example.com', event_properties: { plan: 'pro', source: 'pricing-table' } }),
    event('session_start', { session_id: start + 3_600_000, device_id: 'f0e1d2c3-b4a5-4968-8776-655443322110', time: start + 3_600_000 }),
    event('[Amplitude] Page Viewed', { session_id: start + 3_600_000, device_id: 'f0e1d2c3-b4a5-4968-8776-655443322110', time: start + 3_600_100, event_properties: { '[Amplitude] Page Path': '/' } }),
  ]);
  await fault({ status: 400, fields: ['user_id'] });
  await send([event('Checkout Started', { user_id: 'anonymous', event_properties: { cart_value: 120 } })]);
  await fault({ status: 503, count: 3 });

  const shoot = async (name, { width = 1100, height = 640, scheme = 'light', act }) => {
    const page = await browser.newPage({ viewport: { width, height }, colorScheme: scheme });
    await page.goto(`${collector.url}/`);
    await page.waitForSelector('#status.live');
    await page.waitForSelector('[data-testid="event-row"]');
    await act?.(page);
    await page.screenshot({ path: out(name) });
    await page.close();
    console.log(`wrote ${out(name)}`);
  };
  const openRow = (page, type) => page.locator(`[data-testid="event-row"][data-event-type="${type}"] summary`).first().click();

  await shoot('inspector-events.png', { act: (page) => openRow(page, 'Plan Selected') });
  await shoot('inspector-sessions.png', {
    act: async (page) => {
      await page.click('[data-testid="tab-sessions"]');
      await page.locator('[data-testid="group"] summary').first().click();
    },
  });
  await shoot('inspector-uploads.png', {
    act: async (page) => {
      await page.click('[data-testid="tab-uploads"]');
      await page.locator('[data-testid="upload-row"][data-status="400"] summary').click();
      await page.waitForSelector('[data-testid="refused-event"]');
    },
  });
  await shoot('inspector-faults.png', { height: 520, act: (page) => page.click('[data-testid="tab-faults"]') });
  await shoot('inspector-narrow-dark.png', {
    width: 360,
    height: 720,
    scheme: 'dark',
    act: async (page) => {
      await openRow(page, 'Sign Up Clicked');
      await page.evaluate(() => window.scrollTo(0, 0));
    },
  });
} finally {
  await browser.close();
  await collector.close();
  await rm(dataDir, { recursive: true, force: true });
}
