// Added main-thread time per click on a 5,000-node page: no SDK vs the anchor's autocapture vs ours.
// Figures, not a pass/fail test. Run: npm run build && node test/bench/click.bench.mjs
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../../', import.meta.url));
const CLICKS = Number(process.env.CLICKS ?? 200);
const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html' };

const page = (sdk) => `<!doctype html><html><head><title>bench</title>
<script type="importmap">${JSON.stringify({ imports: {
  tslib: '/node_modules/tslib/tslib.es6.mjs',
  '@footprint/core': '/packages/core/dist/index.mjs',
  '@footprint/browser': '/packages/browser/dist/index.mjs',
  '@footprint/plugin-masking': '/packages/plugin-masking/dist/index.mjs',
  '@footprint/plugin-element-interactions': '/packages/plugin-element-interactions/dist/index.mjs',
} })}</script></head><body><main id="app"></main>
<script type="module">
  // 5,000 nodes: 500 cards of 10 nodes, the target button deep inside the last one.
  const app = document.getElementById('app');
  let html = '';
  for (let i = 0; i < 500; i++) html += '<section class="card"><div class="row"><div class="col"><h3>Card ' + i + '</h3><p>Text <em>more</em> <a href="#c' + i + '">link</a></p><ul><li><span><button class="btn" id="b' + i + '">Buy <b>' + i + '</b></button></span></li></ul></div></div></section>';
  app.innerHTML = html;
  const serverUrl = location.origin + '/2/httpapi';
  const sdk = ${JSON.stringify(sdk)};
  if (sdk === 'anchor') {
    await new Promise((r) => { const s = document.createElement('script'); s.src = '/node_modules/@amplitude/analytics-browser/lib/scripts/amplitude-min.umd.js'; s.onload = r; document.head.append(s); });
    await window.amplitude.init('bench-key', { serverUrl, fetchRemoteConfig: false, remoteConfig: { fetchRemoteConfig: false }, autocapture: { elementInteractions: true, attribution: false, pageViews: false, sessions: false, formInteractions: false, fileDownloads: false, webVitals: false, frustrationInteractions: false, pageUrlEnrichment: false } }).promise;
  } else if (sdk === 'footprint') {
    const { createInstance } = await import('@footprint/browser');
    const { elementInteractionsPlugin } = await import('@footprint/plugin-element-interactions');
    const c = createInstance();
    await c.init('bench-key', { serverUrl }).promise;
    await c.add(elementInteractionsPlugin()).promise;
  }
  window.ready = true;
</script></body></html>`;

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  if (req.method === 'POST') return req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":200}'));
  if (url.pathname.startsWith('/bench/')) return res.writeHead(200, { 'content-type': 'text/html' }).end(page(url.pathname.slice(7)));
  try {
    const file = normalize(join(root, url.pathname));
    if (!file.startsWith(root)) throw new Error('outside');
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const measure = async (sdk) => {
  const p = await browser.newPage();
  await p.goto(`${origin}/bench/${sdk}`);
  await p.waitForFunction(() => window.ready, null, { timeout: 20000 });
  const cdp = await p.context().newCDPSession(p);
  await cdp.send('Performance.enable');
  const taskTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value * 1000;
  const sync = [];
  const total = [];
  for (let i = 0; i < CLICKS; i++) {
    const before = await taskTime();
    // Time the click's own dispatch (every listener, ours included) inside the page…
    sync.push(await p.evaluate((id) => {
      const el = document.querySelector(`#b${id} b`);
      const t0 = performance.now();
      el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, clientX: 5, clientY: 5 }));
      return performance.now() - t0;
    }, (i * 37) % 500));
    // …then let idle work and uploads run, and count every main-thread task in between.
    await p.evaluate(() => new Promise((r) => setTimeout(r, 30)));
    total.push((await taskTime()) - before);
  }
  await p.close();
  return { sync, total };
};

const results = {};
for (const sdk of ['none', 'anchor', 'footprint']) results[sdk] = await measure(sdk);
const base = results.none;
const row = (name, r) => {
  const added = r.total.map((t, i) => Math.max(0, t - pct(base.total, 50)));
  return `${name.padEnd(10)} click path p50 ${pct(r.sync, 50).toFixed(3)} ms  p95 ${pct(r.sync, 95).toFixed(3)} ms | added main-thread per click p50 ${pct(added, 50).toFixed(3)} ms  p95 ${pct(added, 95).toFixed(3)} ms`;
};
console.log(`${CLICKS} clicks on a 5,000-node page (Chromium ${browser.version()})`);
console.log(row('none', base));
console.log(row('anchor', results.anchor));
console.log(row('footprint', results.footprint));
await browser.close();
server.close();
