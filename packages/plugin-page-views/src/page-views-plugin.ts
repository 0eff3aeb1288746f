import { uuid, type Config, type Plugin, type PluginClient } from '@footprint/core';
import { pageTitle } from '@footprint/plugin-masking';
import { campaignProperties, getHost, isCampaignEvent, later, pageProperties, tabStore, watchNavigation, type Host, type PageLocation, type TabStore } from '@footprint/dom';
import { pageKey, type HistoryChanges } from './page-key';

/** The default page view event type. */
export const PAGE_VIEWED = '[Amplitude] Page Viewed';

/**
 * Options of {@link pageViewsPlugin} (the anchor's `autocapture.pageViews` object).
 * @example
 * pageViewsPlugin({ trackHistoryChanges: 'pathOnly', trackOn: () => location.pathname !== '/health' });
 */
export interface PageViewsOptions {
  /**
   * When to track: on load and on every navigation (omitted), only when the attribution plugin tracks a
   * new campaign (`'attribution'`: the campaign `$identify` becomes the page view), or when the function
   * returns true (asked at each page view).
   * @default undefined
   */
  trackOn?: 'attribution' | (() => boolean);
  /** Which single-page-app URL changes are a new page: any (`'all'`) or the path only (`'pathOnly'`). @default 'all' */
  trackHistoryChanges?: HistoryChanges;
  /** The page view's event type. @default '[Amplitude] Page Viewed' */
  eventType?: string;
}

/** sessionStorage key of the current page view's id, as the anchor names it (docs/protocol.md §A.6). */
export const PAGE_VIEW_STORAGE_KEY = 'AMP_PAGE_VIEW';
const COUNTER = '[Amplitude] Page Counter';

/**
 * Tracks `[Amplitude] Page Viewed` on load and on each single-page-app navigation (pushState,
 * replaceState, popstate, hashchange, Navigation API), one event per real URL change, with the page's
 * domain, location, path, title (`*****` under `<title data-amp-mask>`), URL, view id, campaign
 * parameters and the session's page counter.
 * @example
 * client.add(pageViewsPlugin({ trackHistoryChanges: 'pathOnly' }));
 */
export const pageViewsPlugin = (options: PageViewsOptions = {}): Plugin => {
  const { trackOn, eventType = PAGE_VIEWED } = options;
  const mode: HistoryChanges = options.trackHistoryChanges === 'pathOnly' ? 'pathOnly' : 'all';
  let host: Host | undefined;
  let config: Config;
  let client: PluginClient;
  let store: TabStore | undefined;
  let lastKey = '';
  // Before the first page view is sent: waiting for its timer, or for the client's first session.
  let phase: 'timer' | 'session' | 'started' = 'timer';
  const undo: Array<() => void> = [];
  const timers = new Set<() => void>();
  let flushPending: (() => void) | undefined;

  const warn = (msg: string, e?: unknown) => config.loggerProvider.warn(`page views: ${msg}`, e);

  const wanted = (): boolean => {
    if (trackOn === undefined) return true;
    if (typeof trackOn !== 'function') return false;
    try {
      return Boolean(trackOn());
    } catch (e) {
      warn(__DEV__ ? 'trackOn() threw, so this page view is not tracked:' : 'E83 trackOn threw', e);
      return false;
    }
  };

  /** The page view's properties for `loc`, title read now; a fresh view id is remembered in the tab's storage. */
  const properties = (loc: PageLocation = host!.win.location): Record<string, unknown> => {
    const { doc } = host!;
    const id = store && uuid();
    if (id) store!.set(PAGE_VIEW_STORAGE_KEY, { pageViewId: id }).catch(() => undefined);
    return {
      ...campaignProperties(loc.search, doc.referrer),
      ...pageProperties(loc, pageTitle(doc)),
      ...(id && { '[Amplitude] Page View ID': id }),
    };
  };

  const trackPage = (loc?: PageLocation) => {
    if (host && wanted()) client.track({ event_type: eventType, event_properties: properties(loc) });
  };

  // The first page view waits one task, and then for the client's first session, so it is stamped with
  // the session that init starts (plugins may be set up before init has chosen it).
  const start = () => {
    if (config.sessionId === undefined) {
      phase = 'session';
      return;
    }
    phase = 'started';
    lastKey = pageKey(host!.win.location.href, mode);
    trackPage();
  };

  const onNavigate = () => {
    // Before the first page view the URL it will report is simply the newest one.
    if (phase !== 'started') return;
    const href = host!.win.location.href;
    const key = pageKey(href, mode);
    if (key === lastKey) return;
    lastKey = key;
    // A page view still waiting for its title is due now: the router has rendered it, and this newer
    // navigation (notified before the router renders it) must not lend it its title.
    flushPending?.();
    // The URL is this navigation's; the title is read on the next task, once the router has set it
    // (a hash route renders on `hashchange`, which comes after `popstate` and `currententrychange`).
    const at = new URL(href);
    const run = () => {
      timers.delete(cancel);
      flushPending = undefined;
      trackPage(at);
    };
    const cancel = later(host!.win, run, 0);
    timers.add(cancel);
    flushPending = () => {
      cancel();
      run();
    };
  };

  return {
    name: '@footprint/plugin-page-views',
    type: 'enrichment',
    setup(c: Config, cl: PluginClient) {
      config = c;
      client = cl;
      host = getHost();
      if (!host) return;
      store = tabStore(c, host.win);
      undo.push(
        watchNavigation(host.win, onNavigate, (e) => warn(__DEV__ ? 'could not track a navigation:' : 'E84 navigation not tracked', e)),
        later(host.win, () => (phase === 'timer' ? start() : undefined), 0),
      );
    },
    onSessionIdChanged() {
      if (phase === 'session') void Promise.resolve().then(() => phase === 'session' && start());
    },
    execute(event) {
      if (!host) return event;
      let out = event;
      if (trackOn === 'attribution' && isCampaignEvent(event)) {
        out = { ...event, event_type: eventType, event_properties: { ...event.event_properties, ...properties() } };
      }
      // The client counts the page in its session and stores the count with the identity (PluginClient).
      if (out.event_type === eventType) out = { ...out, event_properties: { ...out.event_properties, [COUNTER]: client.countPage?.() } };
      return out;
    },
    teardown() {
      for (const fn of [...undo.splice(0), ...timers]) fn();
      timers.clear();
      flushPending = undefined;
      store?.remove(PAGE_VIEW_STORAGE_KEY).catch(() => undefined);
      host = undefined;
      phase = 'timer';
    },
  };
};
