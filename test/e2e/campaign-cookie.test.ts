import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useChromium } from '../support/chromium';
import type { StoredEvent } from '../support/collector';
import { anchorPage, footprintPage, identityCookie, servePages, trackAndRead } from './identity-pages';

// A site switching SDKs keeps its campaign (docs/protocol.md §A.6): the attribution plugin keeps it in the
// identity storage's `AMP_MKTG_<key first 10>` cookie, encoded as the anchor's
// (btoa(encodeURIComponent(JSON))). Landing with UTM parameters on one SDK, then reloading without them
// on the other in the same session, is the same campaign: no new campaign $identify.
const UTM = '?utm_source=newsletter&utm_medium=email&utm_campaign=spring';
const CAMPAIGN = { utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'spring' };
// Attribution (and sessions) on, for both SDKs; nothing else that would send events of its own.
const ATTRIBUTION_ONLY =
  '{ attribution: true, sessions: true, pageViews: false, formInteractions: false, fileDownloads: false, pageUrlEnrichment: false, elementInteractions: false, frustrationInteractions: false, networkTracking: false, webVitals: false }';

const campaignIdentifies = (events: StoredEvent[], library: RegExp) =>
  events.filter((e) => e.event_type === '$identify' && library.test(e.library) && ('utm_source' in (e.user_properties.$set ?? {}) || 'utm_source' in (e.user_properties.$unset ?? {})));

describe('campaign cookie AMP_MKTG shared with the anchor SDK', () => {
  const env = useChromium();

  const newPage = async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const errors: Error[] = [];
    page.on('pageerror', (e) => errors.push(e));
    await servePages(page, {
      anchor: anchorPage(undefined, ATTRIBUTION_ONLY),
      // The drop-in entry with its default autocapture set (attribution among it).
      footprint: footprintPage({ autocapture: 'undefined' }),
    });
    return { page, errors, close: () => context.close() };
  };

  /** Lands on `name` (query `search`), tracks one event after the SDK's own, and waits for its upload. */
  const land = async (page: Page, name: string, search: string, eventType: string) => {
    await page.goto(`${env.collector.url}/identity/${name}.html${search}`);
    await page.waitForTimeout(300); // the campaign check runs at setup; its $identify goes on the next task
    return trackAndRead(page, eventType);
  };

  it('anchor → Footprint: the anchor lands with UTM parameters; a Footprint reload without them sends no campaign $identify', async () => {
    const { page, errors, close } = await newPage();
    const anchor = await land(page, 'anchor', UTM, 'Anchor Event');
    const anchorIdentify = campaignIdentifies(await env.collector.waitFor((e) => campaignIdentifies(e, /^amplitude-ts/).length === 1), /^amplitude-ts/);
    expect(anchorIdentify[0].user_properties.$set).toEqual(CAMPAIGN);
    expect(await identityCookie(page, 'MKTG')).toEqual(CAMPAIGN); // the anchor's cookie, decoded as Footprint decodes it

    const footprint = await land(page, 'footprint', '', 'Footprint Event');
    expect(footprint).toMatchObject({ code: 200, deviceId: anchor.deviceId, sessionId: anchor.sessionId });
    await page.waitForTimeout(300);
    const events = await env.collector.events();
    expect(events.some((e) => e.event_type === 'Footprint Event')).toBe(true);
    expect(campaignIdentifies(events, /^footprint/)).toEqual([]);
    expect(await identityCookie(page, 'MKTG')).toEqual(CAMPAIGN); // kept as it was

    // A new campaign on Footprint is still seen, compared with the anchor's: utm_medium dropped is unset.
    await land(page, 'footprint', '?utm_source=newsletter&utm_campaign=summer', 'Footprint Again');
    const next = campaignIdentifies(await env.collector.waitFor((e) => campaignIdentifies(e, /^footprint/).length === 1), /^footprint/);
    expect(next[0].user_properties.$set).toEqual({ utm_source: 'newsletter', utm_campaign: 'summer' });
    expect(next[0].user_properties.$unset).toHaveProperty('utm_medium', '-');
    expect(errors).toEqual([]);
    await close();
  });

  it('Footprint → anchor: Footprint lands with UTM parameters and writes AMP_MKTG in the anchor encoding; an anchor reload without them sends no campaign $identify', async () => {
    const { page, errors, close } = await newPage();
    const footprint = await land(page, 'footprint', UTM, 'Footprint Event');
    const own = campaignIdentifies(await env.collector.waitFor((e) => campaignIdentifies(e, /^footprint/).length === 1), /^footprint/);
    expect(own[0].user_properties.$set).toEqual(CAMPAIGN);
    const raw = await page.evaluate(() => document.cookie.split('; ').find((c) => c.startsWith('AMP_MKTG_'))!.split('=').slice(1).join('='));
    // btoa(encodeURIComponent(JSON)), exactly: decoding and re-encoding gives the same string.
    const decoded = JSON.parse(decodeURIComponent(Buffer.from(raw, 'base64').toString('latin1')));
    expect(decoded).toEqual(CAMPAIGN);
    expect(raw).toBe(Buffer.from(encodeURIComponent(JSON.stringify(decoded)), 'latin1').toString('base64'));

    const anchor = await land(page, 'anchor', '', 'Anchor Event');
    expect(anchor).toMatchObject({ code: 200, deviceId: footprint.deviceId, sessionId: footprint.sessionId });
    await page.waitForTimeout(300);
    const events = await env.collector.events();
    expect(events.some((e) => e.event_type === 'Anchor Event')).toBe(true);
    expect(campaignIdentifies(events, /^amplitude-ts/)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });
});
