// Added main-thread time per autocaptured click on a 5,000-node page: no SDK vs the anchor's element
// interactions vs ours, both from their script-tag bundles with only element interactions on.
// Figures, not a pass/fail test. `test/bench/run.mjs` imports `measureClicks`; alone:
//   npm run build && node test/bench/click.bench.mjs
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../../', import.meta.url));
const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html' };
const SCRIPTS = {
  anchor: '/node_modules/@amplitude/analytics-browser/lib/scripts/amplitude-min.umd.js',
  footprint: '/packages/browser/dist/footprint.min.js',
};
// Only element interactions, for both SDKs (the anchor's option names, which ours accepts too).
const AUTOCAPTURE = {
  elementInteractions: true, attribution: false, pageViews: false, sessions: false, formInteractions: false,
  fileDownloads: false, webVitals: false, frustrationInteractions: false, pageUrlEnrichment: false,
};

const page = (sdk) => `<!doctype html><html><head><title>bench</title></head><body><main id="app"></main>
<script>
  (async () => {
    // 5,000 nodes: 500 cards of 10 nodes, the target button deep inside the last one.
    const app = document.getElementById('app');
    let html = '';
    for (let i = 0; i < 500; i++) html += '<section class="card"><div class="row"><div class="col"><h3>Card ' + i + '</h3><p>Text <em>more</em> <a href="#c' + i + '">link</a></p><ul><li><span><button class="btn" id="b' + i + '">Buy <b>' + i + '</b></button></span></li></ul></div></div></section>';
    app.innerHTML = html;
    const serverUrl = location.origin + '/2/httpapi';
    const sdk = ${JSON.stringify(sdk)};
    const src = ${JSON.stringify(SCRIPTS)}[sdk];
    if (src) await new Promise((r) => { const s = document.createElement('script'); s.src = src; s.onload = r; document.head.append(s); });
    const options = { serverUrl, autocapture: ${JSON.stringify(AUTOCAPTURE)} };
    if (sdk === 'anchor') await window.amplitude.init('bench-key-0123456789', { ...options, fetchRemoteConfig: false, remoteConfig: { fetchRemoteConfig: false }, enableDiagnostics: false }).promise;
    if (sdk === 'footprint') await window.footprint.init('bench-key-0123456789', options).promise;
    window.ready = true;
  })();
</script></body></html>`;

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

/**
 * Clicks `clicks` buttons on a 5,000-node page with no SDK, the anchor and ours; returns per SDK the click
 * path (listeners only) and the added main-thread time per click (every task until the page is idle; at
 * p50 and p95, minus the same percentile of the page without an SDK) in ms, and how many "Element Clicked" events were uploaded.
 */
export const measureClicks = async (browser, { clicks = 200 } = {}) => {
  const uploaded = { none: 0, anchor: 0, footprint: 0 };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (req.method === 'POST') {
      let body = '';
      req.on('data', (c) => (body += c)).on('end', () => {
        const sdk = body.includes('"footprint/') ? 'footprint' : body.includes('"amplitude-ts/') ? 'anchor' : 'none';
        uploaded[sdk] += body.split('Element Clicked').length - 1;
        res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end('{"code":200}');
      });
      return;
    }
    // Cross-origin isolated (everything it loads is same-origin), so performance.now() in the page has
    // 5 µs resolution instead of 100 µs: the click path below is a fraction of a millisecond.
    if (url.pathname.startsWith('/bench/')) {
      return res
        .writeHead(200, { 'content-type': 'text/html', 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' })
        .end(page(url.pathname.slice(7)));
    }
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

  // All three pages stay open and are clicked in turn (rotating the order each round), so a change in
  // the machine's load during the run weighs on each of them alike.
  const open = async (sdk) => {
    const context = await browser.newContext();
    const p = await context.newPage();
    await p.goto(`${origin}/bench/${sdk}`);
    await p.waitForFunction(() => window.ready, null, { timeout: 20000 });
    if (!(await p.evaluate(() => window.crossOriginIsolated))) console.warn(`click bench: the ${sdk} page is not cross-origin isolated; click path times are coarse (100 µs)`);
    const cdp = await context.newCDPSession(p);
    await cdp.send('Performance.enable');
    const taskTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value * 1000;
    return { sdk, context, p, taskTime, sync: [], total: [] };
  };
  const clickOnce = async (page, i) => {
    const before = await page.taskTime();
    // Time the click's own dispatch (every listener, ours included) inside the page…
    page.sync.push(await page.p.evaluate((id) => {
      const el = document.querySelector(`#b${id} b`);
      const t0 = performance.now();
      el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, clientX: 5, clientY: 5 }));
      return performance.now() - t0;
    }, (i * 37) % 500));
    // …then let idle work and uploads run, and count every main-thread task in between.
    await page.p.evaluate(() => new Promise((r) => setTimeout(r, 30)));
    page.total.push((await page.taskTime()) - before);
  };

  try {
    const pages = [];
    for (const sdk of ['none', 'anchor', 'footprint']) pages.push(await open(sdk));
    for (let i = 0; i < clicks; i++) for (let k = 0; k < pages.length; k++) await clickOnce(pages[(i + k) % pages.length], i);
    // Let the last batches leave, so the upload counts are complete.
    for (const page of pages) {
      await page.p.evaluate(() => new Promise((r) => setTimeout(r, 1500)));
      await page.context.close();
    }
    const raw = Object.fromEntries(pages.map((page) => [page.sdk, page]));
    // Added time at a percentile: that percentile of the page's per-click main-thread time minus the same
    // percentile of the page without an SDK, so the harness's and machine's own tail (GC, timers, CDP) is
    // not counted as the SDK's; at p50 it is the difference of the medians.
    const added = (r, p) => Math.max(0, pct(r.total, p) - pct(raw.none.total, p));
    const summary = {};
    for (const [sdk, r] of Object.entries(raw)) {
      summary[sdk] = { pathP50: pct(r.sync, 50), pathP95: pct(r.sync, 95), addedP50: added(r, 50), addedP95: added(r, 95), uploaded: uploaded[sdk] };
    }
    return summary;
  } finally {
    server.close();
  }
};

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const clicks = Number(process.env.CLICKS ?? 200);
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const s = await measureClicks(browser, { clicks });
    console.log(`${clicks} clicks on a 5,000-node page (Chromium ${browser.version()})`);
    for (const [sdk, r] of Object.entries(s)) {
      console.log(`${sdk.padEnd(10)} click path p50 ${r.pathP50.toFixed(3)} ms  p95 ${r.pathP95.toFixed(3)} ms | added main-thread per click p50 ${r.addedP50.toFixed(3)} ms  p95 ${r.addedP95.toFixed(3)} ms | ${r.uploaded} clicks uploaded`);
    }
  } finally {
    await browser.close();
  }
}
