import { expect, it } from 'vitest';
import { useChromium } from '../support/chromium';

// The first pages a new user opens (the demo and the inspector) load without a single failed request.
const env = useChromium();

it('the demo page and the inspector load with no 404, the favicon included', async () => {
  const page = await env.browser.newPage();
  const failed: string[] = [];
  page.on('response', (res) => {
    if (res.status() >= 400) failed.push(`${res.status()} ${res.url()}`);
  });
  await page.goto(`${env.collector.url}/examples/script-tag/`);
  await page.goto(`${env.collector.url}/`);
  const icon = await page.goto(`${env.collector.url}/favicon.ico`);
  expect(icon?.status()).toBe(200);
  expect(icon?.headers()['content-type']).toBe('image/svg+xml');
  // The inspector names its icon, so a browser asks for it with the page.
  expect(await page.goto(`${env.collector.url}/`).then(() => page.locator('link[rel="icon"]').getAttribute('href'))).toBe('/favicon.svg');
  expect(failed).toEqual([]);
  await page.close();
});
