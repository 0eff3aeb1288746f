import type { Download, Page } from 'playwright-core';
import { afterEach, expect, it } from 'vitest';
import { useChromium } from '../support/chromium';

/** A download's text, read through the browser connection (the shared Chromium keeps no local file). */
const downloaded = async (d: Download) => {
  const chunks: Buffer[] = [];
  for await (const chunk of await d.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

// The inspector driven as a developer would, in Chromium, through the collector's doors and its strict CSP.
const env = useChromium();
const pages: Page[] = [];
afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => page.close()));
});

let n = 0;
const event = (over: Record<string, unknown> = {}) => ({
  event_type: 'Clicked',
  device_id: 'device-1234',
  user_id: 'user-1',
  session_id: 1000,
  time: 1_700_000_000_000 + n,
  insert_id: `e2e-${n++}`,
  event_properties: { color: 'red' },
  ...over,
});
const send = (events: unknown[]) =>
  fetch(`${env.collector.url}/2/httpapi`, { method: 'POST', body: JSON.stringify({ api_key: 'inspector-key', events }) });

/** Opens the inspector, failing the test on any page error or CSP violation. */
async function openInspector(viewport = { width: 1280, height: 800 }) {
  const context = await env.browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  pages.push(page);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await page.goto(`${env.collector.url}/`);
  await page.waitForSelector('#status.live');
  return { page, problems };
}

const rowOf = (page: Page, insertId: string) => page.locator(`[data-testid="event-row"][data-insert-id="${insertId}"]`);

it('an expanded row stays open while new events arrive; the filter and its text are kept', async () => {
  const { page, problems } = await openInspector();
  const first = event({ event_type: 'Signed Up' });
  await send([first, event()]);
  await page.fill('[data-testid="filter"]', 'user-1');
  await rowOf(page, first.insert_id).locator('summary').click();
  await expect.poll(() => rowOf(page, first.insert_id).getAttribute('open')).toBe('');
  const later = event({ event_type: 'Later' });
  await send([later, event({ user_id: 'someone-else' })]);
  await rowOf(page, later.insert_id).waitFor();
  expect(await rowOf(page, first.insert_id).getAttribute('open')).toBe('');
  expect(await page.inputValue('[data-testid="filter"]')).toBe('user-1');
  expect(await page.locator('[data-testid="event-row"]').count()).toBe(3);
  // Full timestamps with milliseconds.
  expect(await rowOf(page, later.insert_id).locator('time').textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
  expect(problems).toEqual([]);
});

it('sets a fault from the page, shows it in a banner and in the uploads view with the refused events, then clears it', async () => {
  const { page, problems } = await openInspector();
  await page.click('[data-testid="tab-faults"]');
  await page.selectOption('[data-testid="fault-kind"]', 'invalid');
  await page.fill('[data-testid="fault-names"]', 'user_id');
  await page.fill('[data-testid="fault-count"]', '2');
  await page.click('[data-testid="fault-set"]');
  await expect.poll(() => page.locator('[data-testid="fault-banner-text"]').textContent()).toBe('400 naming user_id for the next 2 uploads');
  expect(await page.isVisible('[data-testid="fault-banner"]')).toBe(true);

  const refused = event({ event_type: 'Refused Event' });
  expect((await send([refused, event()])).status).toBe(400);
  await expect.poll(() => page.locator('[data-testid="fault-banner-text"]').textContent()).toBe('400 naming user_id for the next upload');
  await page.click('[data-testid="tab-uploads"]');
  const upload = page.locator('[data-testid="upload-row"][data-status="400"]');
  expect(await upload.locator('[data-testid="upload-fault"]').textContent()).toBe('fault 400 naming user_id');
  await upload.locator('summary').click();
  // The details load on open, from GET /_footprint/uploads/<id>.
  await upload.locator('[data-testid="refused-event"]').first().waitFor();
  expect(await upload.locator('[data-testid="refused-event"]').allTextContents()).toEqual(['#0 Refused Event — invalid field: user_id']);
  expect(await upload.locator('pre').last().textContent()).toContain(refused.insert_id);

  await page.click('[data-testid="fault-clear"]');
  await page.waitForSelector('[data-testid="fault-banner"]', { state: 'hidden' });
  expect(await (await fetch(`${env.collector.url}/_footprint/faults`)).json()).toEqual({ pending: [] });
  expect((await send([event()])).status).toBe(200);

  // Session replay uploads have faults of their own, which analytics uploads do not consume.
  await page.click('[data-testid="tab-faults"]');
  await page.selectOption('[data-testid="fault-api"]', 'replay');
  await page.selectOption('[data-testid="fault-kind"]', 'status');
  await page.fill('[data-testid="fault-status"]', '413');
  await page.fill('[data-testid="fault-count"]', '1');
  await page.click('[data-testid="fault-set"]');
  await expect.poll(() => page.locator('[data-testid="fault-banner-text"]').textContent()).toBe('413 for the next upload (session replay)');
  expect((await send([event()])).status).toBe(200);
  expect(await (await fetch(`${env.collector.url}/_footprint/faults`)).json()).toEqual({ pending: [{ api: 'replay', status: 413, remaining: 1 }] });
  await page.click('[data-testid="fault-clear"]');
  await page.waitForSelector('[data-testid="fault-banner"]', { state: 'hidden' });
  expect(problems).toEqual([]);
});

it('groups by session with a timeline ordered by time then event_id, and filters by session', async () => {
  const { page } = await openInspector();
  const base = 1_700_000_100_000;
  // Arrival order differs from time order, as with $identify and session_start in the same millisecond.
  await send([
    event({ session_id: 7, time: base + 130, event_id: 2, event_type: '$identify' }),
    event({ session_id: 7, time: base + 129, event_id: 1, event_type: 'session_start' }),
    event({ session_id: 8, time: base + 10, event_id: 3, event_type: 'other session' }),
    event({ session_id: 7, time: base + 130, event_id: 1, event_type: 'same ms, lower event_id' }),
  ]);
  await page.click('[data-testid="tab-sessions"]');
  await page.waitForSelector('[data-testid="group"][data-group="8"]');
  await page.fill('[data-testid="filter-session"]', '7');
  const group = page.locator('[data-testid="group"]');
  await expect.poll(() => group.count()).toBe(1);
  expect(await group.getAttribute('data-group')).toBe('7');
  expect(await group.locator('[data-testid="event-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-event-type')))).toEqual([
    'session_start',
    'same ms, lower event_id',
    '$identify',
  ]);
});

it('exports the filtered events as NDJSON and JSON, copies one event, and pauses the live list', async () => {
  const { page } = await openInspector();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.collector.url });
  const red = event({ event_properties: { color: 'red' } });
  await send([red, event({ event_properties: { color: 'blue' } })]);
  await rowOf(page, red.insert_id).waitFor();
  await page.fill('[data-testid="filter-property"]', 'color=red');
  const [ndjson] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-ndjson"]')]);
  expect(ndjson.suggestedFilename()).toBe('footprint-events.ndjson');
  const lines = (await downloaded(ndjson)).trim().split('\n').map((l) => JSON.parse(l));
  expect(lines.map((e) => e.insert_id)).toEqual([red.insert_id]);
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-json"]')]);
  expect(JSON.parse(await downloaded(json))).toMatchObject([{ insert_id: red.insert_id, upload_id: expect.any(String) }]);

  await rowOf(page, red.insert_id).locator('summary').click();
  await rowOf(page, red.insert_id).locator('[data-testid="copy-event"]').click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()).then((t) => JSON.parse(t).insert_id)).toBe(red.insert_id);

  await page.fill('[data-testid="filter-property"]', '');
  await page.click('[data-testid="pause"]');
  const held = event({ event_type: 'While Paused' });
  await send([held]);
  await expect.poll(() => page.textContent('[data-testid="pause"]')).toBe('Resume (1 new)');
  expect(await rowOf(page, held.insert_id).count()).toBe(0);
  await page.click('[data-testid="pause"]');
  await rowOf(page, held.insert_id).waitFor();
});

it('fits 360 px with long values and an open row: no horizontal page scroll; keyboard reaches views and rows', async () => {
  const { page } = await openInspector({ width: 360, height: 740 });
  const long = event({ event_type: `Very${'Long'.repeat(40)}Type`, user_id: `user-${'x'.repeat(200)}`, event_properties: { blob: 'y'.repeat(3000) } });
  await send([long]);
  await rowOf(page, long.insert_id).locator('summary').click();
  await page.click('[data-testid="tab-uploads"]');
  await page.locator('[data-testid="upload-row"] summary').first().click();
  await page.click('[data-testid="tab-events"]');
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  for (const tab of ['sessions', 'uploads', 'faults']) {
    await page.click(`[data-testid="tab-${tab}"]`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), tab).toBe(true);
  }
  // Keyboard: arrow keys move between views, Enter opens a row.
  await page.focus('[data-testid="tab-events"]');
  await page.keyboard.press('ArrowRight');
  expect(await page.getAttribute('[data-testid="tab-sessions"]', 'aria-selected')).toBe('true');
  await page.keyboard.press('ArrowLeft');
  await rowOf(page, long.insert_id).locator('summary').focus();
  await page.keyboard.press('Enter');
  expect(await rowOf(page, long.insert_id).getAttribute('open')).toBeNull();
  await page.keyboard.press('Enter');
  expect(await rowOf(page, long.insert_id).getAttribute('open')).toBe('');
});

it('shows 10,000 events: counts right, a page of rows rendered, duplicates marked, under the doors', async () => {
  const { page, problems } = await openInspector();
  const batch = (k: number) => Array.from({ length: 1000 }, (_, i) => event({ event_type: i % 2 ? 'constructor' : '__proto__', insert_id: `bulk-${k}-${i}` }));
  for (let k = 0; k < 10; k++) expect((await send(batch(k))).status).toBe(200);
  await expect.poll(() => page.textContent('#total'), { timeout: 20_000 }).toBe('10000 events');
  expect(await page.locator('[data-testid="counts"] [data-event-type]').allTextContents()).toEqual(['__proto__5000', 'constructor5000']);
  expect(await page.locator('[data-testid="event-row"]').count()).toBe(200);
  // The same insert_id again: acknowledged, not stored twice, and marked on the row.
  await send([event({ event_type: 'constructor', insert_id: 'bulk-9-999' })]);
  await expect.poll(() => rowOf(page, 'bulk-9-999').locator('[data-testid="duplicate"]').textContent()).toBe('received ×2');
  expect(problems).toEqual([]);
});
