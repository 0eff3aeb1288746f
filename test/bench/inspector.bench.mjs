// The inspector's render bench (issue 20): the cost per event of showing 10,000 events live, and of the
// replay a freshly opened inspector renders, in headless Chromium against the built collector.
//   npm run build && node test/bench/inspector.bench.mjs        (EVENTS=10000 BATCH=500 by default)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../../', import.meta.url));
const N = Number(process.env.EVENTS ?? 10_000);
const BATCH = Number(process.env.BATCH ?? 500);
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

const { startCollector } = await import(`${root}packages/collector/dist/index.mjs`);
const dataDir = await mkdtemp(join(tmpdir(), 'footprint-inspector-bench-'));
const collector = await startCollector({ port: 0, dataDir, log: () => {} });
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });

const event = (i) => ({
  event_type: ['Page Viewed', 'Button Clicked', 'Form Submitted', 'constructor'][i % 4],
  device_id: `device-${1000 + (i % 7)}`,
  user_id: i % 3 ? `user-${i % 11}` : undefined,
  session_id: 1_700_000_000_000 + (i % 13),
  time: 1_700_000_000_000 + i,
  insert_id: `bench-${i}`,
  event_properties: { i, color: 'red', path: `/page/${i % 50}` },
});

/** Opens the inspector with a long-task observer; resolves once its stream is live. */
async function open() {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${collector.url}/`);
  await page.waitForSelector('#status.live');
  return page;
}
const read = (page) => page.evaluate(() => ({ ...window.__inspectorStats, longTasks: window.__longTasks.slice() }));
const until = (page, count) => page.waitForFunction((n) => document.getElementById('total').textContent === `${n} events`, count, { timeout: 120_000, polling: 100 });

try {
  // Live: uploads arrive while the page is open.
  const live = await open();
  const before = await read(live);
  const started = Date.now();
  for (let i = 0; i < N; i += BATCH) {
    const events = Array.from({ length: Math.min(BATCH, N - i) }, (_, k) => event(i + k));
    const res = await fetch(`${collector.url}/2/httpapi`, { method: 'POST', body: JSON.stringify({ api_key: 'bench', events }) });
    if (!res.ok) throw new Error(`upload answered ${res.status}`);
  }
  await until(live, N);
  const wall = Date.now() - started;
  const after = await read(live);
  const liveMs = after.handleMs - before.handleMs;
  await live.close();

  // Replay: a new inspector renders what is stored.
  const replay = await open();
  await until(replay, N);
  const replayed = await read(replay);
  await replay.close();

  const longest = (tasks) => (tasks.length ? Math.max(...tasks).toFixed(0) : '0');
  console.log(`\nInspector render bench: ${N} events, uploads of ${BATCH}, headless Chromium\n`);
  console.log(`  live      ${liveMs.toFixed(1)} ms handling ${after.messages - before.messages} stream messages = ${((liveMs / N) * 1000).toFixed(1)} µs per event; ` +
    `longest handling ${after.longestMs.toFixed(0)} ms; long tasks: ${after.longTasks.length} (longest ${longest(after.longTasks)} ms); ${wall} ms from first upload to all shown`);
  console.log(`  replay    ${replayed.handleMs.toFixed(1)} ms = ${((replayed.handleMs / N) * 1000).toFixed(1)} µs per event; longest handling ${replayed.longestMs.toFixed(0)} ms; long tasks: ${replayed.longTasks.length} (longest ${longest(replayed.longTasks)} ms)`);
  console.log('\n  (handling = parsing the message, updating the model and the DOM; the list renders a page of 200 rows)\n');
} finally {
  await browser.close();
  await collector.close();
  await rm(dataDir, { recursive: true, force: true });
}
