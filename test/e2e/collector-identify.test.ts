import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useChromium } from '../support/chromium';

// The Split / Harness FME integration guides send each treatment to Amplitude's Identify API as a user
// property: (1) from the browser, in an impression listener; (2) from a Node service behind Split's
// impressions webhook. These tests make the same requests against the collector (the vendor suite runs the
// samples themselves); the collector answers as the service does and shows the identifications.
const env = useChromium();
const servers: Server[] = [];
const listen = async (server: Server) => {
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
let otherOrigin: string;
beforeAll(async () => {
  otherOrigin = await listen(createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>shop</title>')));
});
afterAll(() => Promise.all(servers.map((s) => new Promise((done) => s.close(done)))));

it('sample 1: an impression listener on another origin posts a form to /identify and reads "success"; the inspector shows it', async () => {
  const page = await env.browser.newPage();
  await page.goto(otherOrigin);
  // The guide's request: form-encoded api_key and a one-element identification array, read as text.
  const answer = await page.evaluate(async (url) => {
    const headers = new Headers();
    headers.append('Content-Type', 'application/x-www-form-urlencoded');
    const body = new URLSearchParams();
    body.append('api_key', 'split-api-key');
    body.append('identification', `[{"user_id":"${'visitor-42'}", "user_properties":{"${'new_checkout'}":"${'on'}"}}]`);
    const res = await fetch(`${url}/identify`, { method: 'POST', headers, body, redirect: 'follow' });
    return [res.status, await res.text()];
  }, env.collector.url);
  expect(answer).toEqual([200, 'success']);
  const [stored] = await env.collector.waitFor((events) => events.length === 1);
  expect(stored).toMatchObject({ event_type: '$identify', user_id: 'visitor-42', user_properties: { new_checkout: 'on' }, received_via: '/identify', api_key: 'split-api-key' });

  const inspector = await env.browser.newPage();
  await inspector.goto(`${env.collector.url}/`);
  const row = inspector.locator('[data-testid="event-row"][data-event-type="$identify"]');
  expect(await row.locator('[data-testid="received-via"]').textContent()).toBe('via /identify');
  await page.close();
  await inspector.close();
});

it('sample 2: a webhook service turns each Split impression into an /identify request, form-encoded as qs does', async () => {
  // The impressions webhook posts a JSON array; the service answers with the identify response it got.
  const webhook = await listen(
    createServer(async (req, res) => {
      let text = '';
      for await (const chunk of req) text += chunk;
      const impressions = JSON.parse(text) as { key: string; split: string; treatment: string }[];
      const answers: unknown[] = [];
      for (const value of impressions) {
        const fields = { api_key: 'split-api-key', identification: `[{"user_id":"${value.key}", "user_properties":{"${value.split}":"${value.treatment}"}}]` };
        // qs.stringify: encodeURIComponent on names and values, joined with & and =.
        const data = Object.entries(fields).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
        const response = await fetch(`${env.collector.url}/identify`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: data });
        answers.push(await response.text());
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answers));
    }),
  );
  const impressions = [
    { key: 'user-1001', split: 'new_checkout', treatment: 'on', time: 1_700_000_000_000, label: 'default rule' },
    { key: 'user-1002', split: 'price_test', treatment: 'variant b', time: 1_700_000_000_001, label: 'in segment' },
  ];
  const res = await fetch(webhook, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(impressions) });
  expect(await res.json()).toEqual(['success', 'success']);
  const events = await env.collector.waitFor((stored) => stored.length === 2);
  expect(events.map((e) => [e.user_id, e.user_properties])).toEqual([
    ['user-1001', { new_checkout: 'on' }],
    ['user-1002', { price_test: 'variant b' }],
  ]);
  // Group identify, as the Group Identify API documents it.
  const group = new URLSearchParams({ api_key: 'split-api-key', identification: '[{"group_properties":{"org plan":"Enterprise"},"group_type":"Seller","group_value":"12345678"}]' });
  expect(await (await fetch(`${env.collector.url}/groupidentify`, { method: 'POST', body: group })).text()).toBe('success');
  await env.collector.waitFor((stored) => stored.some((e) => e.event_type === '$groupidentify' && e.groups?.Seller === '12345678'));
});
