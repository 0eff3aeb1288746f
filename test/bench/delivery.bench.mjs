// Delivery benchmark (issue #4): Footprint vs the anchor SDK (@amplitude/analytics-browser) in the same
// Chromium run against the local collector. Figures, not pass/fail. Needs `npm run build` first.
//   node test/bench/delivery.bench.mjs [events=10000]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../../', import.meta.url));
const N = Number(process.argv[2] ?? 10_000);
const API_KEY = 'bench-key-0123456789';
const { startCollector } = await import(`${root}packages/collector/dist/index.mjs`);
const { CHROMIUM_ARGS } = { CHROMIUM_ARGS: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] };

const dataDir = await mkdtemp(join(tmpdir(), 'footprint-bench-'));
const collector = await startCollector({
  port: 0,
  dataDir,
  log: () => {},
  static: {
    '/sdk/': `${root}packages/browser/dist`,
    '/anchor/': `${root}node_modules/@amplitude/analytics-browser/lib/scripts`,
    '/bench/': `${root}test/bench`,
  },
});
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });

const sdks = {
  footprint: {
    script: '/sdk/footprint.min.js',
    init: (url) => window.footprint.init('bench-key-0123456789', { serverUrl: url, autocapture: false }).promise,
    track: (n) => { for (let i = 0; i < n; i++) window.footprint.track('bench', { i }); },
  },
  anchor: {
    script: '/anchor/amplitude-min.umd.js',
    init: (url) =>
      window.amplitude.init('bench-key-0123456789', { serverUrl: url, autocapture: false, fetchRemoteConfig: false, remoteConfig: { fetchRemoteConfig: false } }).promise,
    track: (n) => { for (let i = 0; i < n; i++) window.amplitude.track('bench', { i }); },
  },
};

const run = async (name) => {
  const sdk = sdks[name];
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${collector.url}/bench/page.html`);
  await page.addScriptTag({ url: sdk.script });
  await page.evaluate(sdk.init, `${collector.url}/2/httpapi`);
  await new Promise((r) => setTimeout(r, 500)); // let init-time work settle
  const uploadsBefore = collector.store.uploads().length;
  const storedBefore = collector.store.events('bench').length;
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value * 1000;
  const busy0 = await taskTime();
  const start = Date.now();
  const syncMs = await page.evaluate(`(() => { const t = performance.now(); (${sdk.track.toString()})(${N}); return performance.now() - t; })()`);
  const deadline = start + 180_000;
  while (collector.store.events('bench').length - storedBefore < N && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  const deliveredMs = Date.now() - start;
  const busyMs = (await taskTime()) - busy0;
  const uploads = collector.store.uploads().slice(uploadsBefore);
  const stored = collector.store.events('bench').length - storedBefore;
  await context.close();
  return { syncMs, busyMs, deliveredMs, stored, requests: uploads.length, bytes: uploads.reduce((n, u) => n + u.bytes, 0) };
};

try {
  const results = {};
  for (const name of ['anchor', 'footprint']) results[name] = await run(name);
  const fmt = (v, unit) => (unit === 'ms' ? `${v.toFixed(0)} ms` : unit === 'KiB' ? `${(v / 1024).toFixed(0)} KiB` : `${v}`);
  const rows = [
    ['main thread: track() x N (sync loop)', 'syncMs', 'ms'],
    ['main thread busy until all stored', 'busyMs', 'ms'],
    ['time until collector holds all', 'deliveredMs', 'ms'],
    ['events stored', 'stored', ''],
    ['requests', 'requests', ''],
    ['bytes on the wire', 'bytes', 'KiB'],
  ];
  console.log(`\nDelivery benchmark: ${N} events, Chromium ${browser.version()}\n`);
  console.log(`| ${'metric'.padEnd(38)} | ${'anchor 2.45.6'.padStart(14)} | ${'footprint'.padStart(14)} |`);
  console.log(`|${'-'.repeat(40)}|${'-'.repeat(16)}|${'-'.repeat(16)}|`);
  for (const [label, key, unit] of rows) {
    console.log(`| ${label.padEnd(38)} | ${fmt(results.anchor[key], unit).padStart(14)} | ${fmt(results.footprint[key], unit).padStart(14)} |`);
  }
} finally {
  await browser.close();
  await collector.close();
  await rm(dataDir, { recursive: true, force: true });
}
