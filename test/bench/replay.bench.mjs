// `npm run bench:replay` (issue 21): a large page (a TodoMVC-like list of 1,000 items) typed into, toggled
// and scrolled (STEPS rounds, about 30 s), recorded by Footprint's session replay script file and by the
// anchor's (@amplitude/plugin-session-replay-browser on @amplitude/analytics-browser), plus a run with the
// SDK alone as the baseline, in one headless Chromium against the local collector. Prints main-thread time
// (CDP TaskDuration), long tasks, replay bytes on the wire per minute and the JS heap after a GC. Figures,
// not pass/fail; the machine's load shows in them.
//   npm run build && node test/bench/replay.bench.mjs      (STEPS=60 by default)
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../../', import.meta.url));
// The same work in every run (so main-thread time compares): STEPS rounds of type, add, toggle, scroll, about 30 s.
const STEPS = Number(process.env.STEPS ?? 60);
const API_KEY = 'bench-replay-key-0123456789';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

const { startCollector } = await import(`${root}packages/collector/dist/index.mjs`);
const dir = await mkdtemp(join(tmpdir(), 'footprint-bench-replay-'));
const PAGE = `<!doctype html><html><head><title>Todos</title><style>
li{padding:4px;border-bottom:1px solid #eee}li.done{text-decoration:line-through;color:#999}ul{list-style:none;padding:0}</style></head>
<body><h1>todos</h1><input id="new" placeholder="What needs to be done?"><ul id="list"></ul>
<script>
  const list = document.getElementById('list');
  const add = (text, top) => { const li = document.createElement('li'); li.innerHTML = '<input type="checkbox"> <label></label> <button>x</button>'; li.querySelector('label').textContent = text; li.querySelector('input').onchange = (e) => li.classList.toggle('done', e.target.checked); li.querySelector('button').onclick = () => li.remove(); top ? list.prepend(li) : list.append(li); };
  for (let i = 0; i < 1000; i++) add('Todo item number ' + i + ': buy milk, walk the dog, write the report', false);
  document.getElementById('new').addEventListener('keydown', (e) => { if (e.key === 'Enter' && e.target.value) { add(e.target.value, true); e.target.value = ''; } });
  window.longTasks = []; new PerformanceObserver((l) => window.longTasks.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
</script>
__SDK__
</body></html>`;

const SDKS = {
  none: `<script src="/sdk/footprint.min.js"></script><script>footprint.init('${API_KEY}', { serverUrl: location.origin + '/2/httpapi', autocapture: false })</script>`,
  footprint: `<script src="/sdk/footprint.min.js"></script><script src="/replay/footprint-session-replay.min.js"></script>
<script>footprint.init('${API_KEY}', { serverUrl: location.origin + '/2/httpapi', autocapture: false });
footprint.add(sessionReplay.plugin({ sampleRate: 1, trackServerUrl: location.origin + '/sessions/v2/track' }));</script>`,
  anchor: `<script src="/anchor/amplitude-min.js"></script><script src="/anchor-sr/plugin-session-replay-browser-min.js"></script>
<script>amplitude.init('${API_KEY}', { serverUrl: location.origin + '/2/httpapi', autocapture: false, fetchRemoteConfig: false, remoteConfig: { fetchRemoteConfig: false } });
amplitude.add(sessionReplay.plugin({ sampleRate: 1, trackServerUrl: location.origin + '/sessions/v2/track', configServerUrl: location.origin + '/pages/config' }));</script>`,
};
for (const [name, sdk] of Object.entries(SDKS)) await writeFile(join(dir, `${name}.html`), PAGE.replace('__SDK__', sdk));
// The anchor records nothing until its replay config says capture is on: serve one, as Amplitude's config host would.
await mkdir(join(dir, 'config'));
await writeFile(join(dir, 'config', API_KEY), JSON.stringify({ configs: { sessionReplay: { sr_sampling_config: { capture_enabled: true, sample_rate: 1 } } } }));

const collector = await startCollector({
  port: 0,
  dataDir: dir,
  log: () => {},
  static: {
    '/sdk/': `${root}packages/browser/dist`,
    '/replay/': `${root}packages/plugin-session-replay/dist`,
    '/anchor/': `${root}node_modules/@amplitude/analytics-browser/lib/scripts`,
    '/anchor-sr/': `${root}node_modules/@amplitude/plugin-session-replay-browser/lib/scripts`,
    '/pages/': dir,
  },
});
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });

const run = async (name) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  let bytes = 0;
  let uploads = 0;
  context.on('request', (r) => {
    if (!r.url().includes('/sessions/v2/track')) return;
    uploads++;
    bytes += (r.postDataBuffer() ?? Buffer.alloc(0)).length;
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async (key) => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === key)?.value ?? 0;
  await page.goto(`${collector.url}/pages/${name}.html`);
  await page.waitForLoadState('load');
  const task0 = await metric('TaskDuration');
  const start = Date.now();
  // The workload: type a todo, add it, toggle one, scroll, STEPS times.
  for (let i = 0; i < STEPS; i++) {
    await page.click('#new');
    await page.keyboard.type(`New todo ${i} typed by the bench`, { delay: 15 });
    await page.keyboard.press('Enter');
    await page.locator('#list li input').nth((i * 37) % 900).check({ force: true });
    await page.mouse.wheel(0, i % 10 < 5 ? 1200 : -1200);
    await page.waitForTimeout(200);
  }
  const elapsed = (Date.now() - start) / 1000;
  const task = (await metric('TaskDuration')) - task0;
  const longTasks = await page.evaluate(() => window.longTasks.filter((d) => d > 0));
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await metric('JSHeapUsedSize');
  await context.close(); // page exit: the last batch leaves by beacon and is counted above when seen
  return { name, elapsed, task, longTasks: longTasks.length, longMs: longTasks.reduce((a, b) => a + b, 0), bytesPerMin: (bytes / elapsed) * 60, uploads, heapMB: heap / 1048576 };
};

const rows = [];
for (const name of ['none', 'footprint', 'anchor']) rows.push(await run(name));
await browser.close();
await collector.close();
await rm(dir, { recursive: true, force: true });

const f = (n, d = 1) => n.toFixed(d);
const base = rows[0];
console.log(`\nSession replay bench: 1,000-item todo list, ${STEPS} rounds of typing, adding, toggling and scrolling (${f(rows[1].elapsed, 0)} s with Footprint), headless Chromium\n`);
console.log('| run | main-thread busy (s) | over baseline (s) | long tasks (count / ms) | replay bytes on the wire per minute | uploads | JS heap after GC (MB) |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(`| ${r.name === 'none' ? 'SDK only (baseline)' : r.name} | ${f(r.task, 2)} | ${r === base ? '' : f(r.task - base.task, 2)} | ${r.longTasks} / ${f(r.longMs, 0)} | ${r === base ? '' : `${f(r.bytesPerMin / 1024)} KB`} | ${r === base ? '' : r.uploads} | ${f(r.heapMB)} |`);
}
