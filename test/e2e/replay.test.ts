import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startTestCollector, type StoredEvent, type TestCollector } from '../support/collector';
import { repoRoot } from '../support/paths';

// The session replay script file next to footprint.min.js, in Chromium against the local collector: one
// browser and one collector for the file, a fresh context (storage) per test.
const KEY = 'replay-e2e-key';
const PROP = '[Amplitude] Session Replay ID';

// Private things on the page: none may reach a replay upload at the default level.
const TYPED = ['Zelda-Typed-Name', 'zelda@typed.example', 'hunter2-Typed', 'typed textarea words', 'typed editable words'];

const PAGE = `<!doctype html><html><head><title>Replay shop</title></head><body>
<h1>Replay shop</h1>
<p id="contact">Write to jane.roe@example.com or pay with 4111 1111 1111 1111</p>
<p class="amp-mask">Masked by class</p>
<div data-amp-mask>Masked by attribute</div>
<p class="custom-mask">Masked by selector</p>
<p class="amp-unmask"><span>Unmasked words</span></p>
<p class="amp-unmask amp-mask">Mask beats unmask</p>
<div class="amp-block" style="width:120px;height:40px">Blocked by class</div>
<div class="custom-block" style="width:50px;height:30px">Blocked by selector</div>
<input id="name" type="text"><input id="email" type="email"><input id="pw" type="password">
<textarea id="notes"></textarea><div contenteditable id="editor"></div>
<div class="amp-unmask"><input id="open" type="text"></div>
<button id="buy">Buy</button><div id="log"></div>
<script>
  window.hostClicks = 0; window.hostInputs = [];
  document.getElementById('buy').addEventListener('click', () => window.hostClicks++);
  document.getElementById('name').addEventListener('input', (e) => window.hostInputs.push(e.target.value));
</script>
<script src="/sdk/footprint.min.js"></script>
<script src="/replay-sdk/footprint-session-replay.min.js"></script>
<script>
  const q = new URLSearchParams(location.search);
  const replay = JSON.parse(q.get('replay') || '{}');
  const init = JSON.parse(q.get('init') || '{}');
  const sdk = window[q.get('global') || 'amplitude'];
  const options = { serverUrl: location.origin + '/2/httpapi', flushIntervalMillis: 100, autocapture: false, ...init };
  const plugin = window.sessionReplay.plugin({ trackServerUrl: location.origin + '/sessions/v2/track', flushIntervalConfig: { maxIntervalMs: 1000 }, ...replay });
  if (q.get('order') === 'after') { sdk.init('${KEY}', options); sdk.add(plugin); }
  else { sdk.add(plugin); sdk.init('${KEY}', options); }
  window.sdk = sdk;
</script></body></html>`;

/** One upload as it left the page. */
interface Wire {
  url: URL;
  headers: Record<string, string>;
  body: { version: number; events: string[] };
}

// Tests that read only their own session (a fresh context each, filtered by device id) run two at a time
// (`it.concurrent` with the test's own `expect`, the project's maxConcurrency): most of their time is waiting for idle callbacks and
// uploads. Those that inject collector faults, which every session would meet, run alone.
describe('session replay (script files, Chromium)', () => {
  let collector: TestCollector;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'footprint-replay-'));
    await writeFile(join(dir, 'index.html'), PAGE);
    collector = await startTestCollector({ static: { '/replay-page/': dir, '/replay-sdk/': `${repoRoot}packages/plugin-session-replay/dist` } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await collector?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Opens the page in a fresh context, recording every replay upload that leaves it. */
  const open = async (query: Record<string, unknown> = {}, context?: BrowserContext) => {
    const ctx = context ?? (await browser.newContext());
    const wire: Wire[] = [];
    const errors: Error[] = [];
    const capture = (r: Request) => {
      if (!r.url().includes('/sessions/v2/track')) return;
      const raw = r.postDataBuffer() ?? Buffer.alloc(0);
      const headers = r.headers();
      const text = headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString() : raw.toString();
      if (process.env.REPLAY_DEBUG) console.log('wire', r.url(), headers['content-type'], raw.length);
      wire.push({ url: new URL(r.url()), headers, body: JSON.parse(text) });
    };
    ctx.on('request', capture);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(e));
    const q = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
    await page.goto(`${collector.url}/replay-page/?${q}`);
    await page.waitForFunction(() => (window as any).sdk?.getSessionId?.() > 0);
    const ids = await page.evaluate(() => ({ deviceId: (window as any).sdk.getDeviceId() as string, sessionId: (window as any).sdk.getSessionId() as number }));
    return { ctx, page, wire, errors, ...ids };
  };

  const replayOf = async (deviceId: string, sessionId: number) => {
    const r = await fetch(`${collector.url}/_footprint/replays/${encodeURIComponent(deviceId)}/${sessionId}`);
    return r.status === 200 ? ((await r.json()) as { replay: Array<{ type: number; timestamp: number; data: any }>; duplicates: number; events: StoredEvent[]; uploads: Array<{ via: string; auth: string; types: number[]; status: number; fault?: string }> }) : undefined;
  };

  /** Polls the collector until the session's stored replay satisfies `ok`. */
  const waitReplay = async (deviceId: string, sessionId: number, ok: (text: string, types: number[]) => boolean, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await replayOf(deviceId, sessionId);
      const text = r ? JSON.stringify(r.replay) : '';
      if (r && ok(text, r.replay.map((e) => e.type))) return { ...r, text };
      if (Date.now() > deadline) throw new Error(`replay of ${deviceId}/${sessionId} not as expected within ${timeoutMs} ms; uploads ${JSON.stringify(r?.uploads ?? [])}; ends with ${text.slice(-300)}`);
      await new Promise((res) => setTimeout(res, 100));
    }
  };

  const typeEverything = async (page: Page) => {
    await page.fill('#name', TYPED[0]);
    await page.fill('#email', TYPED[1]);
    await page.fill('#pw', TYPED[2]);
    await page.fill('#notes', TYPED[3]);
    await page.click('#editor');
    await page.keyboard.type(TYPED[4]);
    await page.click('#buy');
  };

  /** Resolves once the page has been idle (the plugin starts recording and uploads in idle callbacks). */
  const idle = (page: Page) => page.evaluate(() => new Promise((r) => requestIdleCallback(() => setTimeout(r, 100), { timeout: 1000 })));

  /** Adds page text, so an upload after it shows whether recording went on. */
  const mark = (page: Page, text: string) => page.evaluate((t) => (document.getElementById('log')!.textContent = t), text);

  it.concurrent('drop-in: amplitude.add before init records; the wire matches the anchor; medium masks every field, emails and cards; events carry the Session Replay ID', async ({ expect }) => {
    const { ctx, page, wire, errors, deviceId, sessionId } = await open({ replay: { sampleRate: 1, privacyConfig: { maskSelector: ['.custom-mask'], blockSelector: '.custom-block' } } });
    await typeEverything(page);
    await page.evaluate(() => {
      const sdk = (window as any).sdk;
      sdk.identify(new sdk.Identify().set('plan', 'pro'));
      sdk.track('Purchase');
    });
    await mark(page, 'medium-done');
    await page.evaluate(() => (window as any).sdk.flush());
    const r = await waitReplay(deviceId, sessionId, (t) => t.includes('medium-done'));

    // Wire: URL, headers, gzip, body; the first upload holds Meta and FullSnapshot.
    const first = wire[0];
    expect(Object.fromEntries(first.url.searchParams)).toEqual({ device_id: deviceId, session_id: String(sessionId), type: 'replay' });
    expect(first.headers).toMatchObject({ authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(first.body.version).toBe(1);
    expect(first.body.events.every((e) => typeof e === 'string')).toBe(true);
    expect(first.body.events.map((e) => JSON.parse(e).type).slice(0, 2)).toEqual([4, 2]);

    // Privacy at the default level: page text in clear except emails and cards; no typed text anywhere.
    const everything = wire.map((w) => JSON.stringify(w.body)).join('\n') + r.text;
    for (const secret of [...TYPED, 'jane.roe@example.com', '4111 1111', 'Masked by class', 'Masked by attribute', 'Masked by selector', 'Mask beats unmask', 'Blocked by class', 'Blocked by selector']) {
      expect(everything, secret).not.toContain(secret);
    }
    expect(r.text).toContain('Replay shop');
    expect(r.text).toContain('Unmasked words');
    expect(r.text).toContain('rr_width'); // blocked elements become a placeholder of the same size
    expect(r.text).toContain('120px');

    // Session Replay ID: on events, not on $identify.
    const events = await collector.waitFor((es) => es.some((e) => e.event_type === 'Purchase' && e.device_id === deviceId));
    const mine = events.filter((e) => e.device_id === deviceId);
    expect(mine.find((e) => e.event_type === 'Purchase')!.event_properties[PROP]).toBe(`${deviceId}/${sessionId}`);
    expect(mine.find((e) => e.event_type === '$identify')?.event_properties?.[PROP]).toBeUndefined();

    // The page's own handlers saw everything.
    expect(await page.evaluate(() => [(window as any).hostClicks, (window as any).hostInputs.at(-1)])).toEqual([1, TYPED[0]]);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it.concurrent('footprint.add after init, light: only sensitive fields masked; conservative: all text masked but unmasked elements', async ({ expect }) => {
    const light = await open({ global: 'footprint', order: 'after', replay: { sampleRate: 1, privacyConfig: { defaultMaskLevel: 'light' } } });
    await typeEverything(light.page);
    await mark(light.page, 'light-done');
    await light.page.evaluate(() => (window as any).sdk.flush());
    const l = await waitReplay(light.deviceId, light.sessionId, (t) => t.includes('light-done') && t.includes(TYPED[0]));
    expect(l.text).toContain('jane.roe@example.com');
    for (const secret of [TYPED[1], TYPED[2], 'Masked by class', 'Masked by attribute']) expect(l.text, secret).not.toContain(secret);
    await light.ctx.close();

    const c = await open({ replay: { sampleRate: 1, privacyConfig: { defaultMaskLevel: 'conservative', unmaskSelector: ['#open'] } } });
    await c.page.fill('#open', 'open-typed');
    await typeEverything(c.page);
    await c.page.evaluate(() => (window as any).sdk.flush());
    const r = await waitReplay(c.deviceId, c.sessionId, (t) => t.includes('open-typed'));
    expect(r.text).toContain('Unmasked words');
    for (const secret of [...TYPED, 'Replay shop', 'Write to', 'Buy']) expect(r.text, secret).not.toContain(secret);
    await c.ctx.close();
  });

  it.concurrent('sampleRate 0 and opt-out at init record nothing and add no property', async ({ expect }) => {
    for (const query of [{ replay: { sampleRate: 0 } }, { replay: { sampleRate: 1 }, init: { optOut: true } }]) {
      const { ctx, page, wire, deviceId } = await open(query);
      await typeEverything(page);
      await page.evaluate(() => (window as any).sdk.track('Checked'));
      if (!query.init) {
        const events = await collector.waitFor((es) => es.some((e) => e.event_type === 'Checked' && e.device_id === deviceId));
        expect(events.find((e) => e.device_id === deviceId && e.event_type === 'Checked')!.event_properties?.[PROP]).toBeUndefined();
      }
      // The plugin had its chance: its setup and a recording's first upload both wait for idle time.
      await idle(page);
      await idle(page);
      expect(wire).toEqual([]);
      expect(await replayOf(deviceId, await page.evaluate(() => (window as any).sdk.getSessionId()))).toBeUndefined();
      await ctx.close();
    }
  });

  it('consent pending records and stores nothing; granted records from a fresh snapshot; denied stops and purges', async () => {
    const { ctx, page, wire, deviceId, sessionId } = await open({ replay: { sampleRate: 1 }, init: { consent: 'pending' } });
    await typeEverything(page);
    await mark(page, 'while-pending');
    await page.evaluate(() => (window as any).sdk.track('Pending'));
    await page.waitForTimeout(1500); // past the flush interval (1 s): an upload would have left by now
    expect(wire).toEqual([]);
    const stored = () =>
      page.evaluate(async () => {
        if (!(await indexedDB.databases()).some((d) => d.name === 'footprint_replay')) return 0;
        const db = await new Promise<IDBDatabase>((ok, fail) => Object.assign(indexedDB.open('footprint_replay'), { onsuccess(this: IDBOpenDBRequest) { ok(this.result); }, onerror: fail }));
        if (!db.objectStoreNames.contains('chunks')) return 0;
        const n = await new Promise<number>((ok) => (db.transaction('chunks').objectStore('chunks').count().onsuccess = (e) => ok((e.target as IDBRequest<number>).result)));
        db.close();
        return n;
      });
    expect(await stored()).toBe(0);

    await page.evaluate(() => (window as any).sdk.setConsent('granted'));
    await mark(page, 'after-grant');
    await page.evaluate(() => {
      (window as any).sdk.track('Granted');
      return (window as any).sdk.flush();
    });
    const r = await waitReplay(deviceId, sessionId, (t, types) => types.includes(2) && t.includes('after-grant'));
    expect(r.replay[0].type).toBe(4); // a fresh recording: Meta, then FullSnapshot
    for (const t of TYPED) expect(r.text).not.toContain(t);
    const events = await collector.waitFor((es) => ['Pending', 'Granted'].every((t) => es.some((e) => e.event_type === t && e.device_id === deviceId)));
    expect(events.find((e) => e.event_type === 'Granted' && e.device_id === deviceId)!.event_properties[PROP]).toBe(`${deviceId}/${sessionId}`);

    // An upload the server refuses for now waits in IndexedDB; denying consent deletes it.
    await collector.fault({ api: 'replay', status: 503, windowMs: 30_000 });
    await mark(page, 'refused-for-now');
    await page.evaluate(() => (window as any).sdk.flush());
    await expect.poll(stored, { timeout: 10_000 }).toBeGreaterThan(0);
    await page.evaluate(() => (window as any).sdk.setConsent('denied'));
    await expect.poll(stored, { timeout: 5_000 }).toBe(0);
    expect((await collector.clearFaults()).status).toBe(200);
    const sent = wire.length;
    await mark(page, 'after-deny');
    await page.waitForTimeout(1500);
    expect(wire.length).toBe(sent);
    const text = JSON.stringify((await replayOf(deviceId, sessionId))!.replay);
    expect(text).not.toContain('after-deny');
    expect(text).not.toContain('refused-for-now');
    await ctx.close();
  });

  it.concurrent('opt-out at run time stops recording and sends nothing recorded after it', async ({ expect }) => {
    const { ctx, page, deviceId, sessionId } = await open({ replay: { sampleRate: 1, privacyConfig: { defaultMaskLevel: 'light' } } });
    await mark(page, 'before-optout');
    await page.evaluate(() => (window as any).sdk.flush());
    await waitReplay(deviceId, sessionId, (t) => t.includes('before-optout'));
    await page.evaluate(() => (window as any).sdk.setOptOut(true));
    await mark(page, 'during-optout');
    await page.fill('#name', 'typed-during-optout');
    await page.evaluate(() => (window as any).sdk.flush());
    await mark(page, 'cleared');
    await page.fill('#name', '');
    // Opting in again records afresh: its full snapshot is the proof that everything before it has arrived.
    await page.evaluate(() => (window as any).sdk.setOptOut(false));
    await mark(page, 'after-optin');
    await page.evaluate(() => (window as any).sdk.flush());
    const r = await waitReplay(deviceId, sessionId, (t) => t.includes('after-optin'));
    expect(r.text).not.toContain('during-optout');
    expect(r.text).not.toContain('typed-during-optout');
    expect(r.replay.filter((e) => e.type === 2).length).toBe(2);
    await ctx.close();
  });

  it.concurrent('a new session starts a new recording: Meta and FullSnapshot under the new id, nothing crossing over', async ({ expect }) => {
    const { ctx, page, deviceId, sessionId } = await open({ replay: { sampleRate: 1 } });
    await mark(page, 'old-session-text');
    await page.evaluate(() => (window as any).sdk.flush());
    await waitReplay(deviceId, sessionId, (t) => t.includes('old-session-text'));
    const next = sessionId + 60_000;
    await page.evaluate((id) => (window as any).sdk.setSessionId(id), next);
    await mark(page, 'new-session-text');
    await page.evaluate(() => (window as any).sdk.track('After switch'));
    await page.evaluate(() => (window as any).sdk.flush());
    const r = await waitReplay(deviceId, next, (t) => t.includes('new-session-text'));
    expect(r.replay.map((e) => e.type).slice(0, 2)).toEqual([4, 2]);
    const old = await replayOf(deviceId, sessionId);
    expect(JSON.stringify(old!.replay)).not.toContain('new-session-text');
    const events = await collector.waitFor((es) => es.some((e) => e.event_type === 'After switch' && e.device_id === deviceId));
    expect(events.find((e) => e.event_type === 'After switch' && e.device_id === deviceId)!.event_properties[PROP]).toBe(`${deviceId}/${next}`);
    await ctx.close();
  });

  it.concurrent('reload and unload: the open batch leaves by beacon (api_key, uncompressed), nothing lost, nothing sent twice', async ({ expect }) => {
    // Uploads only at page exit: a flush interval far longer than the test.
    const query = { replay: { sampleRate: 1, flushIntervalConfig: { maxIntervalMs: 600_000 } } };
    const first = await open(query);
    await waitReplay(first.deviceId, first.sessionId, (_t, types) => types.includes(2)); // the eager first upload
    await mark(first.page, 'before-reload');
    await first.page.reload();
    await first.page.waitForFunction(() => (window as any).sdk?.getSessionId?.() > 0);
    await waitReplay(first.deviceId, first.sessionId, (t) => t.includes('before-reload'));
    // The exit upload is not seen by the browser's request events (the page is gone): the collector tells how it came.
    const exits = (await replayOf(first.deviceId, first.sessionId))!.uploads.filter((u) => u.via === 'beacon');
    expect(exits).toEqual([expect.objectContaining({ auth: 'query', types: expect.arrayContaining([3]) })]);

    // The reloaded page records from its own snapshot once idle: mark it only after that (a second FullSnapshot).
    await waitReplay(first.deviceId, first.sessionId, (_t, types) => types.filter((t) => t === 2).length >= 2);
    await mark(first.page, 'before-close');
    await first.page.close({ runBeforeUnload: true });
    await waitReplay(first.deviceId, first.sessionId, (t) => t.includes('before-close'));
    // A later page of the same browser resumes what is stored and sends nothing a second time.
    const again = await open(query, first.ctx);
    // Recording begins when the page is first idle: mark only once this page has recorded its snapshot
    // (else the mark lands before recording, and no page has it to send).
    await expect.poll(() => again.wire.some((w) => w.body.events.some((e) => JSON.parse(e).type === 2)), { timeout: 10_000 }).toBe(true);
    await mark(again.page, 'after-return');
    await again.page.reload();
    const r = await waitReplay(first.deviceId, first.sessionId, (t) => t.includes('after-return'));
    expect(r.duplicates).toBe(0);
    await first.ctx.close();
  });

  it('server answers: a 413 halves the upload and each event lands once, a 503 is retried, a 4005 skip stops the session', async () => {
    const { ctx, page, wire, deviceId, sessionId } = await open({ replay: { sampleRate: 1 } });
    await waitReplay(deviceId, sessionId, (_t, types) => types.includes(2)); // the first upload went through
    await collector.fault({ api: 'replay', status: 413, minEvents: 2 });
    await collector.fault({ api: 'replay', status: 503 });
    for (const t of ['one', 'two', 'three', 'four']) await mark(page, `halved-${t}`);
    await page.evaluate(() => (window as any).sdk.flush());
    const r = await waitReplay(deviceId, sessionId, (t) => ['one', 'two', 'three', 'four'].every((x) => t.includes(`halved-${x}`)), 20_000);
    expect(r.duplicates).toBe(0);
    const statuses = r.uploads.map((u) => u.status);
    expect(statuses).toContain(413);
    expect(statuses).toContain(503);
    const refused = r.uploads.find((u) => u.status === 413)!;
    // The refused upload came again as two halves: the 200-answered uploads after it hold its events.
    const after = r.uploads.slice(r.uploads.indexOf(refused) + 1).filter((u) => u.status === 200);
    expect(after.reduce((n, u) => n + u.types.length, 0)).toBeGreaterThanOrEqual(refused.types.length);
    expect(after.length).toBeGreaterThanOrEqual(2);

    // The replay server stops the session: nothing recorded after it is sent, and events lose the property.
    await collector.fault({ api: 'replay', status: 200, headers: { 'X-Session-Replay-Event-Skipped': '4005' } });
    await mark(page, 'skipped');
    await page.evaluate(() => (window as any).sdk.flush());
    await expect.poll(async () => (await replayOf(deviceId, sessionId))!.uploads.some((u) => u.fault?.includes('4005')), { timeout: 15_000 }).toBe(true);
    // Playwright reports a request to this process after the collector may have stored it: count the
    // wire once it holds every upload the collector has, the stopped one included.
    const recorded = (await replayOf(deviceId, sessionId))!.uploads.length;
    await expect.poll(() => wire.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(recorded);
    const sent = wire.length;
    await mark(page, 'after-stop');
    await page.evaluate(() => {
      (window as any).sdk.track('After stop');
      return (window as any).sdk.flush();
    });
    const events = await collector.waitFor((es) => es.some((e) => e.event_type === 'After stop' && e.device_id === deviceId));
    expect(events.find((e) => e.event_type === 'After stop' && e.device_id === deviceId)!.event_properties?.[PROP]).toBeUndefined();
    await page.waitForTimeout(1500); // past the flush interval (1 s): an upload would have left by now
    expect(wire.length).toBe(sent);
    expect(JSON.stringify((await replayOf(deviceId, sessionId))!.replay)).not.toContain('after-stop');
    await ctx.close();
  });

  it('plays the replay in the collector, beside the session events; clicking an event seeks the replay', async () => {
    const { ctx, page, deviceId, sessionId } = await open({ replay: { sampleRate: 1 } });
    // The replay starts from the snapshot with an empty #log: mark only after recording began (when idle).
    await waitReplay(deviceId, sessionId, (_t, types) => types.includes(2));
    await mark(page, 'first');
    await page.evaluate(() => (window as any).sdk.track('Viewed'));
    await page.waitForTimeout(300); // the replay's clock needs the moments apart
    await mark(page, 'played back');
    await page.evaluate(() => (window as any).sdk.flush());
    await waitReplay(deviceId, sessionId, (t) => t.includes('played back'));
    await collector.waitFor((es) => es.some((e) => e.event_type === 'Viewed' && e.device_id === deviceId));
    // From the inspector's Sessions view, the session's "replay" link opens the player.
    const inspector = await ctx.newPage();
    await inspector.goto(`${collector.url}/`);
    await inspector.getByTestId('tab-sessions').click();
    const [viewer] = await Promise.all([ctx.waitForEvent('page'), inspector.locator(`[data-group="${sessionId}"] a.replay`).click()]);
    await viewer.waitForLoadState();
    expect(new URL(viewer.url()).searchParams.get('device_id')).toBe(deviceId);
    const frame = viewer.frameLocator('#stage iframe');
    await expect.poll(() => frame.locator('h1').textContent(), { timeout: 10_000 }).toBe('Replay shop');
    expect(await frame.locator('#log').textContent()).toBe('');
    await viewer.getByText('Viewed').click();
    await expect.poll(() => frame.locator('#log').textContent(), { timeout: 10_000 }).toBe('first');
    expect(await viewer.locator('#sessions button').count()).toBeGreaterThan(0);
    await ctx.close();
  });
});
