import { describe, expect, it } from 'vitest';
import { useChromium } from '../support/chromium';

// One log level: plugins log through the client's logger, so with the default level (Warn) a page's
// console shows nothing from Footprint below a warning, and with Debug it shows the plugins' details.
describe('log level in Chromium', () => {
  const env = useChromium();

  let pages = 0;
  const consoleOf = async (logLevel?: number) => {
    // Each page tracks its own event: waiting for it waits for that page, not for an earlier one.
    const name = `Hello ${++pages}`;
    const page = await env.browser.newPage();
    const lines: string[] = [];
    page.on('console', (m) => lines.push(`${m.type()} ${m.text()}`));
    const options = JSON.stringify({ serverUrl: `${env.collector.url}/2/httpapi`, flushIntervalMillis: 50, ...(logLevel === undefined ? {} : { logLevel }) });
    await page.route(`${env.collector.url}/log.html*`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><title>log</title><script src="/sdk/footprint.min.js"></script>
          <script>footprint.init('log-level-key-0001', ${options}); footprint.track('${name}');</script>`,
      }),
    );
    // A campaign on the URL: the attribution plugin has something to say at Debug.
    await page.goto(`${env.collector.url}/log.html?utm_source=newsletter`);
    await env.collector.waitFor((events) => events.some((e) => e.event_type === name));
    await page.close();
    return lines; // the page itself logs nothing
  };

  it('at the default level, no plugin detail reaches the console; at Debug it does', async () => {
    expect((await consoleOf()).filter((l) => !/^(warning|error) /.test(l))).toEqual([]);
    const debug = await consoleOf(4);
    expect(debug.some((l) => /attribution: /.test(l))).toBe(true);
  });
});
