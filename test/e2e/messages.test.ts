import { describe, expect, it } from 'vitest';
import { useChromium } from '../support/chromium';

// docs/errors.md: footprint.min.js gives coded messages that link to their full text, footprint.debug.min.js
// the full texts; both upload the same events. What a developer sees in the console of a real page.
describe('production and development messages in Chromium', () => {
  const env = useChromium();

  let pages = 0;
  const run = async (file: string) => {
    const name = `Messages ${++pages}`;
    const page = await env.browser.newPage();
    const lines: string[] = [];
    page.on('console', (m) => lines.push(`${m.type()} ${m.text()}`));
    const options = JSON.stringify({ serverUrl: `${env.collector.url}/2/httpapi`, flushIntervalMillis: 50, flushQueueSize: 'ten', logLevel: 4 });
    await page.route(`${env.collector.url}/messages.html*`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><title>messages</title><script src="/sdk/${file}"></script>
          <script>
            footprint.init('messages-key-0001', ${options});
            window.refused = footprint.track({ event_type: 'bad', time: 1.5 }).promise;
            footprint.setUserId(42);
            footprint.track('${name}');
          </script>`,
      }),
    );
    await page.goto(`${env.collector.url}/messages.html`);
    await env.collector.waitFor((events) => events.some((e) => e.event_type === name));
    const refused = await page.evaluate(() => (window as unknown as { refused: Promise<{ code: number; message: string }> }).refused);
    await page.close();
    return { lines, refused };
  };

  it('footprint.min.js: short coded messages, each with its link, at every level including Debug', async () => {
    const { lines, refused } = await run('footprint.min.js');
    const warn = lines.filter((l) => l.startsWith('warning '));
    expect(warn).toContainEqual(expect.stringMatching(/E11 init: option "flushQueueSize" invalid \("ten"\), default used \(https:\/\/github\.com\/footprint-analytics\/footprint\/blob\/main\/docs\/errors\.md#e11\)$/));
    expect(warn).toContainEqual(expect.stringMatching(/E20 userId: not a string \(https:.*docs\/errors\.md#e20\)$/));
    expect(refused.code).toBe(400);
    expect(refused.message).toMatch(/^E33 time: not an integer/);
    // Debug still says what happened, shortly; no full text is in the production file.
    expect(lines.some((l) => l.startsWith('debug '))).toBe(true);
    expect(lines.join('\n')).not.toContain('should be a positive number');
  });

  it('footprint.debug.min.js: the full texts, same events uploaded', async () => {
    const { lines, refused } = await run('footprint.debug.min.js');
    expect(lines).toContainEqual(expect.stringContaining('init(): option "flushQueueSize" should be a positive number, got "ten"; the default is used'));
    expect(lines.join('\n')).not.toMatch(/\bE\d+ /);
    expect(refused).toMatchObject({ code: 400, message: expect.stringContaining('time should be an integer, got number 1.5') });
  });
});
