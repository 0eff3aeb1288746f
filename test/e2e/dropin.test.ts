// Drop-in behaviours (issue 18) in Chromium through the script-tag global: trackVideo on a real <video>,
// minIdLength kept and sent, the identity cookie's lastEventTime/lastEventId, setReceiptSignature,
// `form=` inputs, networkTrackingOptions, and the anchor's extra calls on the global.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startTestCollector, type StoredEvent, type TestCollector } from '../support/collector';

const KEY = 'dropin-key-0123456789';

describe('drop-in behaviours (Chromium, script tag)', () => {
  let collector: TestCollector;
  let browser: Browser;
  let page: Page;
  const bodies: string[] = [];

  beforeAll(async () => {
    collector = await startTestCollector();
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('request', (r) => r.url().endsWith('/2/httpapi') && bodies.push(r.postData() ?? ''));
    await page.route(`${collector.url}/dropin`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><title>drop-in</title>
<video id="v" muted playsinline width="64" height="48"></video>
<form id="ext-form" action="/subscribe"></form>
<input id="ext" form="ext-form" name="email-ish">
<script src="/sdk/footprint.min.js"></script>`,
      }),
    );
    await page.goto(`${collector.url}/dropin`);
    await page.evaluate(
      async ([key, serverUrl]) => {
        const fp = (window as any).footprint;
        await fp.init(key, 'abc', {
          serverUrl,
          flushIntervalMillis: 50,
          minIdLength: 3,
          autocapture: { formInteractions: true, networkTracking: true, pageViews: false, attribution: false },
          networkTrackingOptions: { captureRules: [{ hosts: ['*'], statusCodeRange: '200-599' }] },
        }).promise;
      },
      [KEY, `${collector.url}/2/httpapi`],
    );
  });

  afterAll(async () => {
    await browser?.close();
    await collector?.close();
  });

  const events = (predicate: (events: StoredEvent[]) => boolean) => collector.waitFor(predicate, 10_000);

  it('the global carries AmplitudeBrowser, runQueuedFunctions, _setDiagnosticsSampleRate and trackVideo', async () => {
    const kinds = await page.evaluate(() => {
      const fp = (window as any).footprint;
      const other = new fp.AmplitudeBrowser();
      const queued: unknown[] = [];
      fp.runQueuedFunctions({ setUserId: (id: string) => queued.push(id) }, [{ name: 'setUserId', args: ['queued-user'] }]);
      return {
        other: other !== fp && typeof other.track === 'function' && other.getDeviceId() === undefined,
        queued,
        diagnostics: fp._setDiagnosticsSampleRate(0.5),
        trackVideo: typeof fp.trackVideo,
        constants: [fp.Types.DEFAULT_DATA_ATTRIBUTE_PREFIX, fp.Types.EXCLUDE_INTERNAL_REFERRERS_CONDITIONS.always],
      };
    });
    expect(kinds).toEqual({ other: true, queued: ['queued-user'], diagnostics: undefined, trackVideo: 'function', constants: ['data-amp-track-', 'always'] });
  });

  it('minIdLength: a 3-character user id is kept and the upload says options.min_id_length 3', async () => {
    const r = await page.evaluate(() => (window as any).footprint.track('Short Id').promise);
    expect(r.code).toBe(200);
    const stored = await events((evs) => evs.some((e) => e.event_type === 'Short Id'));
    expect(stored.find((e) => e.event_type === 'Short Id')!.user_id).toBe('abc');
    const body = bodies.map((b) => JSON.parse(b)).find((b) => b.events.some((e: StoredEvent) => e.event_type === 'Short Id'));
    expect(body.options).toEqual({ min_id_length: 3 });
  });

  it('the identity cookie carries a numeric lastEventTime and lastEventId after events', async () => {
    const two = await page.evaluate(async () => {
      const fp = (window as any).footprint;
      await fp.track('One').promise;
      return (await fp.track('Two').promise).event;
    });
    // Counters are written at most a second later (the per-slice identity write saving): wait for them.
    const cookie = await page.waitForFunction(
      ([key, id]) => {
        const raw = document.cookie.split('; ').find((c) => c.startsWith(`AMP_${key.slice(0, 10)}=`));
        if (!raw) return undefined;
        const value = JSON.parse(decodeURIComponent(atob(decodeURIComponent(raw.split('=')[1]))));
        return typeof value.lastEventTime === 'number' && value.lastEventId >= id ? value : undefined;
      },
      [KEY, two.event_id] as const,
      { timeout: 5000 },
    );
    const value = await cookie.jsonValue();
    expect(value.lastEventId).toBe(two.event_id);
    expect(value.lastEventTime).toBeGreaterThanOrEqual(two.time);
  });

  it('setReceiptSignature sends $receiptSig', async () => {
    await page.evaluate(() => {
      const fp = (window as any).footprint;
      return fp.revenue(new fp.Revenue().setPrice(2).setReceipt('rcpt').setReceiptSignature('sig-1')).promise;
    });
    const rev = (await events((evs) => evs.some((e) => e.event_type === 'revenue_amount'))).find((e) => e.event_type === 'revenue_amount')!;
    expect(rev.event_properties).toMatchObject({ $price: 2, $receipt: 'rcpt', $receiptSig: 'sig-1' });
  });

  it('an input outside its <form> (form="ext-form") starts "Form Started" for that form', async () => {
    await page.fill('#ext', 'typed');
    await page.dispatchEvent('#ext', 'change');
    const started = (await events((evs) => evs.some((e) => e.event_type === '[Amplitude] Form Started'))).find((e) => e.event_type === '[Amplitude] Form Started')!;
    expect(started.event_properties).toMatchObject({ '[Amplitude] Form ID': 'ext-form' });
  });

  it('networkTrackingOptions gives the rules when autocapture.networkTracking is true (a 200 is captured)', async () => {
    await page.evaluate(() => fetch('/sdk/footprint.min.js?probe=1').then((r) => r.status));
    const isProbe = (e: StoredEvent) => e.event_type === '[Amplitude] Network Request' && String(e.event_properties?.['[Amplitude] URL Query']).includes('probe');
    const net = (await events((evs) => evs.some(isProbe))).find(isProbe)!;
    expect(net.event_properties['[Amplitude] Status Code']).toBe(200);
  });

  it('trackVideo on a real <video>: Started on play, Stopped with watch_duration on pause, nothing after undo', async () => {
    const result = await page.evaluate(async () => {
      const fp = (window as any).footprint;
      const video = document.getElementById('v') as HTMLVideoElement;
      const canvas = document.createElement('canvas');
      const ctx = canvas.getContext('2d')!;
      let frame = 0;
      const paint = setInterval(() => ((ctx.fillStyle = `hsl(${frame++ * 10} 50% 50%)`), ctx.fillRect(0, 0, 64, 48)), 20);
      video.srcObject = canvas.captureStream(30);
      const stop = fp.trackVideo(fp, video, { extraEventProperties: { page: 'drop-in' } });
      await video.play();
      await new Promise((r) => setTimeout(r, 600));
      video.pause();
      await new Promise((r) => setTimeout(r, 50));
      stop();
      await video.play();
      video.pause();
      clearInterval(paint);
      return typeof stop;
    });
    expect(result).toBe('function');
    const stored = await events((evs) => evs.some((e) => e.event_type === 'Video Content Stopped'));
    const started = stored.filter((e) => e.event_type === 'Video Content Started');
    const stopped = stored.filter((e) => e.event_type === 'Video Content Stopped');
    expect([started.length, stopped.length]).toEqual([1, 1]); // the play/pause after undo tracked nothing
    expect(started[0].event_properties).toMatchObject({ page: 'drop-in', view_session_id: expect.any(String), percent_completed: 0 });
    expect(stopped[0].event_properties).toMatchObject({ page: 'drop-in', stop_reason: 'paused', view_session_id: started[0].event_properties.view_session_id });
    expect(stopped[0].event_properties.watch_duration).toBeGreaterThan(0);
  });
});
