import { describe, expect, it } from 'vitest';
import { useChromium } from '../support/chromium';
import { anchorPage, footprintPage, identityCookie, servePages, trackAndRead } from './identity-pages';

// A site switching SDKs keeps its users (docs/protocol.md §A.6): the anchor's AMP_ cookie is read by Footprint
// and Footprint's by the anchor, on a real page in Chromium.
describe('identity cookie shared with the anchor SDK', () => {
  const env = useChromium();

  const newPage = async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const errors: Error[] = [];
    page.on('pageerror', (e) => errors.push(e));
    await servePages(page, { anchor: anchorPage('anchor-user-1'), 'anchor-anonymous': anchorPage(), footprint: footprintPage(), 'footprint-user': footprintPage({ userId: 'fp-user-1' }) });
    return { page, errors, close: () => context.close() };
  };

  it('anchor → Footprint: same device id, user id and session; event ids continue', async () => {
    const { page, errors, close } = await newPage();
    await page.goto(`${env.collector.url}/identity/anchor.html`);
    const anchor = await trackAndRead(page, 'Anchor Event');
    expect(anchor.code).toBe(200);
    expect(anchor.userId).toBe('anchor-user-1');

    await page.goto(`${env.collector.url}/identity/footprint.html`);
    const footprint = await trackAndRead(page, 'Footprint Event');
    expect(footprint).toMatchObject({ code: 200, deviceId: anchor.deviceId, userId: 'anchor-user-1', sessionId: anchor.sessionId });
    expect(footprint.eventId).toBe(anchor.eventId + 1);

    const events = await env.collector.waitFor((e) => e.length >= 2);
    const [a, f] = ['Anchor Event', 'Footprint Event'].map((t) => events.find((e) => e.event_type === t)!);
    expect(f.library).toMatch(/^footprint\/\d/);
    // Context as the anchor sends it (docs/protocol.md §A.3): same platform, language, ip marker and user agent.
    for (const field of ['platform', 'language', 'ip', 'user_agent']) expect(f[field], field).toBe(a[field]);
    expect([f.platform, f.ip]).toEqual(['Web', '$remote']);
    expect([f.device_id, f.user_id, f.session_id]).toEqual([a.device_id, a.user_id, a.session_id]);
    expect(errors).toEqual([]);
    await close();
  });

  it('Footprint → anchor: the anchor reads Footprint’s cookie (and Footprint reloads keep it)', async () => {
    const { page, errors, close } = await newPage();
    await page.goto(`${env.collector.url}/identity/footprint-user.html`);
    const first = await trackAndRead(page, 'Footprint Event');
    expect(first).toMatchObject({ code: 200, userId: 'fp-user-1' });
    const cookie = await identityCookie(page);
    expect(cookie).toMatchObject({ deviceId: first.deviceId, userId: 'fp-user-1', sessionId: first.sessionId, optOut: false, cookieDomain: '' });

    await page.goto(`${env.collector.url}/identity/footprint.html`);
    const reloaded = await trackAndRead(page, 'Footprint Again');
    expect(reloaded).toMatchObject({ deviceId: first.deviceId, userId: 'fp-user-1', sessionId: first.sessionId, eventId: first.eventId + 1 });

    await page.goto(`${env.collector.url}/identity/anchor-anonymous.html`);
    const anchor = await trackAndRead(page, 'Anchor Event');
    expect(anchor).toMatchObject({ code: 200, deviceId: first.deviceId, userId: 'fp-user-1', sessionId: first.sessionId });
    expect(anchor.eventId).toBe(reloaded.eventId + 1);
    expect(errors).toEqual([]);
    await close();
  });

  it('keeps one cookie per name, in the anchor encoding, and writes it far less often than once per event', async () => {
    const { page, close } = await newPage();
    await servePages(page, { counted: footprintPage({ recordWrites: true }) });
    await page.goto(`${env.collector.url}/identity/counted.html`);
    const writes = await page.evaluate(async () => {
      const w = window as any;
      await w.ready;
      const before = w.__writes.filter((x: string) => x.startsWith('cookie AMP_identity')).length;
      await Promise.all(Array.from({ length: 20 }, (_, i) => w.sdk.track(`Burst ${i}`).promise));
      return w.__writes.filter((x: string) => x.startsWith('cookie AMP_identity')).length - before;
    });
    expect(writes).toBeLessThanOrEqual(2);
    const names = await page.evaluate(() => document.cookie.split('; ').map((c) => c.split('=')[0]));
    expect(names.filter((n) => n === 'AMP_identity-e')).toHaveLength(1);
    await close();
  });
});
