// `node examples/session-replay/screenshots.mjs` (after `npm run build`): records this example at each
// privacy level in headless Chromium, plays each replay in the collector's viewer, and saves what the
// viewer shows to packages/plugin-session-replay/docs/<level>.png (the package README's pictures).
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { root } from '../../scripts/serve.mjs';

const { startCollector } = await import(`${root}packages/collector/dist/index.mjs`);
const dataDir = await mkdtemp(join(tmpdir(), 'footprint-replay-shots-'));
const collector = await startCollector({
  port: 0,
  dataDir,
  log: () => {},
  static: { '/examples/': `${root}examples`, '/sdk/': `${root}packages/browser/dist`, '/replay-sdk/': `${root}packages/plugin-session-replay/dist` },
});
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const out = `${root}packages/plugin-session-replay/docs`;
await mkdir(out, { recursive: true });
try {
  for (const level of ['light', 'medium', 'conservative']) {
    const context = await browser.newContext({ viewport: { width: 700, height: 560 } });
    const page = await context.newPage();
    await page.goto(`${collector.url}/examples/session-replay/?level=${level}`);
    for (const item of ['Oat milk', 'Sourdough bread']) {
      await page.fill('#item', item);
      await page.click('#add button');
    }
    await page.fill('#email', 'ada@example.com');
    await page.fill('#card', '4111 1111 1111 1111');
    await page.check('#list li input');
    await page.waitForTimeout(300);
    await page.evaluate(() => window.footprint.track('Screenshot'));
    await page.waitForTimeout(100);
    await page.mouse.move(40, 40); // something recorded after the event, so its arrival shows the rest has arrived
    await page.mouse.move(400, 300, { steps: 5 });
    await page.waitForSelector('#viewer[data-ready]');
    const href = await page.getAttribute('#viewer', 'href');
    const [device, session] = [new URL(href, collector.url).searchParams.get('device_id'), new URL(href, collector.url).searchParams.get('session_id')];
    // Wait until the collector holds the replay with the card typed (its last input event).
    for (let i = 0; ; i++) {
      const r = await fetch(`${collector.url}/_footprint/replays/${encodeURIComponent(device)}/${session}`);
      const d = r.status === 200 ? await r.json() : undefined;
      const shot = d?.events.find((e) => e.event_type === 'Screenshot');
      if (shot && d.replay.at(-1).timestamp >= shot.time) break;
      if (i > 100) throw new Error(`no replay for ${level}: ${r.status} ${JSON.stringify({ events: d?.events.map((e) => e.event_type), last: d?.replay.at(-1)?.timestamp, shot: shot?.time, href })}`);
      await new Promise((res) => setTimeout(res, 200));
    }
    const viewer = await context.newPage();
    await viewer.setViewportSize({ width: 1300, height: 700 });
    await viewer.goto(`${collector.url}${href}`);
    const frame = viewer.frameLocator('#stage iframe');
    await frame.locator('h1').waitFor();
    // Seek to the last event, after everything was typed.
    await viewer.getByText('Screenshot').click();
    await viewer.waitForTimeout(500);
    await viewer.locator('#stage').screenshot({ path: `${out}/${level}.png` });
    await context.close();
    console.log(`saved ${out}/${level}.png`);
  }
} finally {
  await browser.close();
  await collector.close();
  await rm(dataDir, { recursive: true, force: true });
}
