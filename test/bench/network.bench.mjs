// Network capture benchmark (issue #9): what the plugin adds to each fetch, in Chromium.
// Figures, not pass/fail. Needs `npm run build` first.
//   node test/bench/network.bench.mjs [fetches=500]
// One page per target, a client without the plugin; then blocks of sequential
// `await (await fetch(url)).text()` alternate between modes (the plugin added before a block and removed
// after it), for a blob: URL (no network: isolates the wrapper) and a small same-origin HTTP file.
// Reported per fetch, median over blocks: the synchronous cost of the fetch() call (coarse: Chromium
// clamps performance.now() to 100 µs here), the round trip, and main-thread task time (CDP TaskDuration,
// which includes the deferred event building and the SDK's own uploads of those events).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../../', import.meta.url));
const N = Number(process.argv[2] ?? 500);
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const { startCollector } = await import(`${root}packages/collector/dist/index.mjs`);

const dataDir = await mkdtemp(join(tmpdir(), 'footprint-bench-'));
const collector = await startCollector({
  port: 0,
  dataDir,
  log: () => {},
  static: { '/packages/': `${root}packages`, '/node_modules/': `${root}node_modules`, '/bench/': `${root}test/bench` },
});
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });

const imports = {
  tslib: '/node_modules/tslib/tslib.es6.mjs',
  ...Object.fromEntries(['core', 'browser', 'plugin-masking', 'plugin-network-capture'].map((n) => [`@footprint/${n}`, `/packages/${n}/dist/index.mjs`])),
};
const html = `<!doctype html><meta charset="utf-8"><title>network bench</title>
<script type="importmap">${JSON.stringify({ imports })}</script>
<script type="module">
  import { createInstance } from '@footprint/browser';
  import { networkCapturePlugin } from '@footprint/plugin-network-capture';
  const client = createInstance();
  client.init('bench-key-0123456789', { serverUrl: location.origin + '/2/httpapi', autocapture: false });
  // One block of sequential fetches with the plugin configured by \`options\` (null: no plugin).
  window.block = async (url, count, options) => {
    if (options) await client.add(networkCapturePlugin(options)).promise;
    let sync = 0;
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      const s = performance.now();
      const p = fetch(url);
      sync += performance.now() - s;
      await (await p).text();
    }
    const total = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 50)); // deferred event building runs inside the block
    if (options) await client.remove('@footprint/plugin-network-capture').promise;
    return { sync, total };
  };
  window.ready = true;
</script>`;

// off: the SDK without the plugin (the baseline). ignored: plugin on, request not captured (default
// rule, status 200). captured: every request becomes an event. body: captured, and the response body
// read from a clone and filtered. Modes alternate in blocks within one page so drift hits all alike.
const modes = {
  off: null,
  ignored: {},
  captured: { captureRules: [{ statusCodeRange: '200' }] },
  body: { captureRules: [{ statusCodeRange: '200', responseBody: { allowlist: ['**'] } }] },
};
const ROUNDS = 8;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const measure = async (target) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route(`${collector.url}/bench/network.html`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`${collector.url}/bench/network.html`);
  await page.waitForFunction(() => window.ready);
  const url = await page.evaluate((t) => (t === 'blob' ? URL.createObjectURL(new Blob(['{"a":1,"b":[1,2,3]}'], { type: 'application/json' })) : `${location.origin}/bench/page.html`), target);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value * 1000;
  const per = Math.max(1, Math.round(N / ROUNDS));
  await page.evaluate(([u, n]) => window.block(u, n, null), [url, 50]); // warm-up
  const samples = Object.fromEntries(Object.keys(modes).map((m) => [m, { sync: [], total: [], busy: [] }]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [mode, options] of Object.entries(modes)) {
      const busy0 = await taskTime();
      const { sync, total } = await page.evaluate(([u, n, o]) => window.block(u, n, o), [url, per, options]);
      samples[mode].busy.push(((await taskTime()) - busy0) / per);
      samples[mode].sync.push((sync / per) * 1000);
      samples[mode].total.push(total / per);
    }
  }
  await context.close();
  return Object.fromEntries(Object.entries(samples).map(([m, s]) => [m, { sync: median(s.sync), total: median(s.total), busy: median(s.busy) }]));
};

try {
  console.log(`\nNetwork capture benchmark: ${N} sequential fetches per mode in ${ROUNDS} alternating blocks (medians), Chromium ${browser.version()}\n`);
  console.log('| target | mode | fetch() call, µs | round trip, ms | main-thread task time, ms | added per fetch vs off |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const target of ['blob', 'http']) {
    const results = await measure(target);
    for (const [mode, r] of Object.entries(results)) {
      const added = mode === 'off' ? '' : `${((r.total - results.off.total) * 1000).toFixed(0)} µs`;
      console.log(`| ${target} | ${mode} | ${r.sync.toFixed(1)} | ${r.total.toFixed(3)} | ${r.busy.toFixed(3)} | ${added} |`);
    }
  }
} finally {
  await browser.close();
  await collector.close();
  await rm(dataDir, { recursive: true, force: true });
}
