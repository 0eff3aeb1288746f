import type { Config, Plugin, PluginClient, Storage } from '@footprint/core';
import { getHost, later, watchNavigation, type Host } from '@footprint/dom';
import {
  campaignIdentify,
  defaultExcludedReferrers,
  notNewCampaignReason,
  parseCampaign,
  registrableDomain,
  type Campaign,
  type CampaignRules,
  type InternalReferrerCondition,
  type ReferrerRules,
} from './campaign';
import { localStore } from './local-store';

/** How campaign data is kept: as user properties (first and multi touch) and/or on every event. */
export type TrackingMethod = 'userProperty' | 'eventProperty';

/**
 * Options of {@link attributionPlugin} (the anchor's `autocapture.attribution` object).
 * @example
 * attributionPlugin({ excludeReferrers: [/example\.com$/, 'checkout.stripe.com'], resetSessionOnNewCampaign: true });
 */
export interface AttributionOptions {
  /**
   * `'userProperty'`, `'eventProperty'`, or both in an array. Unset (or no valid value) means both, as the
   * anchor 2.45.6 does on the wire (its docs say `'userProperty'`).
   * @default ['userProperty', 'eventProperty']
   */
  trackingMethod?: TrackingMethod | TrackingMethod[];
  /**
   * Referring domains that are never a traffic source: strings match exactly, RegExps are tested. Replaces
   * the default, which is the site's own domain and its subdomains (see `cookieDomain`).
   * @default [/<site domain>$/]
   */
  excludeReferrers?: ReferrerRules;
  /**
   * Ignore referrers on the site's own domain: `true` / `'always'` / `{ condition: 'always' }` always;
   * `'ifEmptyCampaign'` / `{ condition: 'ifEmptyCampaign' }` only when the URL has no UTM parameter or click ID.
   * @default false
   */
  excludeInternalReferrers?: boolean | InternalReferrerCondition | { condition?: InternalReferrerCondition };
  /** First-touch value for a campaign key the first campaign didn't have. @default 'EMPTY' */
  initialEmptyValue?: string;
  /** Start a new session when a new campaign arrives. @default false */
  resetSessionOnNewCampaign?: boolean;
  /** With `'eventProperty'`: also track `[Amplitude] Attribution` on load and on each SPA navigation. @default false */
  fallbackAttributionEvent?: boolean;
  /**
   * The site's domain, for the default `excludeReferrers` and for internal referrers.
   * @default config.cookieOptions.domain, else the registrable domain of location.hostname
   */
  cookieDomain?: string;
  /**
   * Where the campaign is stored under `AMP_MKTG_<apiKey[0..10)>`.
   * @default config.cookieStorage (the browser client's consent-gated identity storage: cookie `AMP_MKTG_<10>`), else localStorage (memory if unavailable)
   */
  storage?: Storage<Campaign>;
}

/** The event `fallbackAttributionEvent` tracks. */
export const ATTRIBUTION_EVENT = '[Amplitude] Attribution';

const conditionOf = (v: AttributionOptions['excludeInternalReferrers']): InternalReferrerCondition | undefined | false => {
  if (!v) return undefined;
  if (v === true) return 'always';
  const c = typeof v === 'object' ? v.condition ?? 'always' : v;
  return c === 'always' || c === 'ifEmptyCampaign' ? c : false;
};

/**
 * Marketing attribution: UTM parameters, referrer and click IDs. As user properties, a new campaign (a
 * first visit, new UTM parameters or click IDs, a new referring domain at a session's start) is sent as
 * one `$identify` with `$setOnce initial_*`, `$set` and `$unset`, before that session's `session_start`,
 * and stored under `AMP_MKTG_<apiKey[0..10)>`; as event properties, every event carries the page's campaign.
 * @example
 * client.add(attributionPlugin({ trackingMethod: ['userProperty', 'eventProperty'] }));
 */
export const attributionPlugin = (options: AttributionOptions = {}): Plugin => {
  const given = ([] as unknown[]).concat(options.trackingMethod).filter((m) => m === 'userProperty' || m === 'eventProperty');
  const methods = given.length ? given : ['userProperty', 'eventProperty'];
  const asUser = methods.includes('userProperty');
  const asEvent = methods.includes('eventProperty');
  let host: Host | undefined;
  let config: Config;
  let client: PluginClient;
  let storage: Storage<Campaign>;
  let key = '';
  let rules: CampaignRules;
  // A new campaign whose $identify is not sent yet; `waitingForOptIn`: opted out at setup.
  let pending: Campaign | undefined;
  let waitingForOptIn = false;
  let pageCampaign: { href: string; campaign: Campaign } | undefined;
  const undo: Array<() => void> = [];

  const log = (msg: string) => config.loggerProvider.debug?.(`attribution: ${msg}`);
  const now = () => Date.now();
  const isStale = () => config.lastEventTime !== undefined && now() - config.lastEventTime > config.sessionTimeout;
  const current = () => {
    const { win, doc } = host!;
    if (pageCampaign?.href !== win.location.href) pageCampaign = { href: win.location.href, campaign: parseCampaign(win.location.search, doc.referrer) };
    return pageCampaign.campaign;
  };

  const send = () => {
    const campaign = pending;
    pending = undefined;
    if (campaign) client.track(campaignIdentify(campaign, options.initialEmptyValue ?? 'EMPTY'));
  };

  /** Sends the pending $identify now if it can go in the current session; else a session change sends it. */
  const sendWhenSessionKnown = () => {
    if (!pending || config.sessionId === undefined || isStale()) return;
    if (options.resetSessionOnNewCampaign) client.setSessionId(now());
    else send();
  };

  /** Reads the stored campaign and decides whether this page brings a new one (docs/autocapture.md "Attribution"). */
  const check = async () => {
    const originalKey = key.replace('MKTG', 'MKTG_ORIGINAL');
    const [original, previous] = await Promise.all([storage.get(originalKey), storage.get(key)]).catch(() => [undefined, undefined]);
    if (original) await storage.remove(originalKey).catch(() => undefined);
    const campaign = original ?? current();
    // A session with no event since it started is still at its start.
    const isNewSession = config.sessionId === undefined || !config.lastEventTime || isStale() || config.lastEventTime === config.sessionId;
    const why = notNewCampaignReason(campaign, previous, rules, isNewSession);
    if (why) return log(`not a new campaign: ${why}`);
    log('a new campaign; an $identify will be sent');
    pending = campaign;
    await storage.set(key, campaign).catch((e) => config.loggerProvider.warn(__DEV__ ? 'attribution: could not store the campaign:' : 'E70 attribution: campaign not stored', e));
    undo.push(later(host!.win, sendWhenSessionKnown, 0));
  };

  const trackFallback = () => client.track({ event_type: ATTRIBUTION_EVENT, event_properties: { ...current() } });

  return {
    name: '@footprint/plugin-attribution',
    type: 'enrichment',
    async setup(c: Config, cl: PluginClient) {
      config = c;
      client = cl;
      host = getHost();
      if (!host) return;
      if (asEvent && options.fallbackAttributionEvent) {
        let lastHref = host.win.location.href;
        undo.push(
          later(host.win, trackFallback, 0),
          watchNavigation(
            host.win,
            () => {
              if (host!.win.location.href === lastHref) return;
              lastHref = host!.win.location.href;
              trackFallback();
            },
            (e) => c.loggerProvider.warn(__DEV__ ? 'attribution: could not follow a navigation:' : 'E71 attribution: navigation not followed', e),
          ),
        );
      }
      if (!asUser) return;
      const condition = conditionOf(options.excludeInternalReferrers);
      if (condition === false) {
        c.loggerProvider.error(
          __DEV__
            ? `attribution: excludeInternalReferrers should be true, 'always', 'ifEmptyCampaign' or { condition: 'always' | 'ifEmptyCampaign' }, got ${JSON.stringify(options.excludeInternalReferrers)}; internal referrers are not excluded`
            : 'E72 attribution: excludeInternalReferrers invalid, not excluded',
        );
      }
      const domain = (options.cookieDomain ?? c.cookieOptions?.domain ?? registrableDomain(host.win.location.hostname)).replace(/^\./, '');
      rules = { excludeReferrers: options.excludeReferrers ?? defaultExcludedReferrers(domain), excludeInternalReferrers: condition || undefined, domain };
      storage = options.storage ?? (c.cookieStorage as Storage<unknown> as Storage<Campaign> | undefined) ?? localStore<Campaign>(host.win);
      key = `AMP_MKTG_${c.apiKey.slice(0, 10)}`;
      if (c.optOut) waitingForOptIn = true;
      else await check();
    },
    onSessionIdChanged() {
      // Called as the client starts a session, before its session_start: the campaign belongs to it.
      if (pending) send();
    },
    async onOptOutChanged(optOut) {
      if (optOut || !waitingForOptIn || !host) return;
      waitingForOptIn = false;
      await check();
    },
    execute(event) {
      if (!asEvent || !host || event.event_type === '$identify' || event.event_type === '$groupidentify') return event;
      return { ...event, event_properties: { ...current(), ...event.event_properties } };
    },
    teardown() {
      // The stored campaign stays: it is the user's attribution history, like the identity cookie.
      for (const fn of undo.splice(0)) fn();
      pending = undefined;
      waitingForOptIn = false;
      host = undefined;
    },
  };
};

/**
 * The anchor's name for {@link attributionPlugin} (`@amplitude/plugin-web-attribution-browser`).
 * @example
 * client.add(webAttributionPlugin({ resetSessionOnNewCampaign: true }));
 */
export const webAttributionPlugin = attributionPlugin;
