import type { Plugin } from '@footprint/core';
import { pageTitle } from '@footprint/plugin-masking';
import { decodeUri, getHost, pageProperties, tabStore, watchNavigation, type Host, type TabStore } from '@footprint/dom';

/**
 * Options of {@link pageUrlEnrichmentPlugin}.
 * @example
 * pageUrlEnrichmentPlugin({ internalDomains: ['example.com', 'example-checkout.com'] });
 */
export interface PageUrlEnrichmentOptions {
  /**
   * Domains that count as one site: a previous page whose host contains one of them is `internal` when
   * the current host does too (substring match, as the anchor).
   * @default []
   */
  internalDomains?: string[];
}

/** How the previous page relates to this one. */
export type PreviousPageType = 'direct' | 'internal' | 'external';

/** The sessionStorage record `{ AMP_CURRENT_PAGE, AMP_PREVIOUS_PAGE }` (docs/storage.md "sessionStorage"). */
export interface UrlInfo {
  AMP_CURRENT_PAGE?: string;
  AMP_PREVIOUS_PAGE?: string;
}

/** sessionStorage key of the current and previous page URLs (docs/storage.md "sessionStorage"). */
export const URL_INFO_STORAGE_KEY = 'AMP_URL_INFO';

const SKIPPED = ['$identify', '$groupidentify', 'revenue_amount'];

const hostOf = (url: string): string | undefined => {
  try {
    return new URL(decodeUri(url)).hostname || undefined;
  } catch {
    return undefined;
  }
};

/**
 * Classifies the previous page: `direct` (none), `internal` (same host, or both hosts in
 * `internalDomains`), else `external`.
 * @example
 * previousPageType('https://google.com/', 'shop.example.com', []); // 'external'
 */
export const previousPageType = (previous: string, currentHost: string, internalDomains: string[] = []): PreviousPageType => {
  const prevHost = previous ? hostOf(previous) : undefined;
  if (!prevHost) return 'direct';
  const inList = (h: string) => internalDomains.some((d) => h.includes(d));
  return prevHost === currentHost || (inList(prevHost) && inList(currentHost)) ? 'internal' : 'external';
};

/**
 * The URL record after arriving at `current`: unchanged for the same URL (a reload or a repeated
 * navigation), the stored current page becomes the previous one, and with nothing stored the referrer is.
 * @example
 * nextUrlInfo({ AMP_CURRENT_PAGE: 'https://a.com/1' }, 'https://a.com/2', ''); // previous 'https://a.com/1'
 */
export const nextUrlInfo = (stored: UrlInfo | undefined, current: string, referrer: string): UrlInfo => {
  const known = stored?.AMP_CURRENT_PAGE || '';
  const previous = current === known ? stored?.AMP_PREVIOUS_PAGE || '' : known || referrer;
  return { AMP_CURRENT_PAGE: current, AMP_PREVIOUS_PAGE: previous };
};

/**
 * Adds the page's domain, location, path, title and URL (keeping values the event already has) and
 * `[Amplitude] Previous Page Location` / `Previous Page Type` to every event except identify, group
 * identify and revenue events. The current/previous URLs follow single-page-app navigation and live in
 * the tab's storage (`config.tabStorage`, else sessionStorage: `AMP_URL_INFO`) so a reload keeps them;
 * without either they live in memory.
 * @example
 * client.add(pageUrlEnrichmentPlugin());
 */
export const pageUrlEnrichmentPlugin = (options: PageUrlEnrichmentOptions = {}): Plugin => {
  const internalDomains = options.internalDomains ?? [];
  let host: Host | undefined;
  let store: TabStore | undefined;
  let info: UrlInfo = {};
  let stop: (() => void) | undefined;

  const href = () => decodeUri(host!.win.location.href);
  const save = (next: UrlInfo) => {
    info = next;
    store?.set(URL_INFO_STORAGE_KEY, next).catch(() => undefined);
  };

  return {
    name: '@footprint/plugin-page-url-enrichment',
    type: 'enrichment',
    async setup(config) {
      host = getHost();
      if (!host) return;
      store = tabStore(config, host.win);
      const referrer = host.doc.referrer;
      const stored = (await store?.get(URL_INFO_STORAGE_KEY).catch(() => undefined)) as UrlInfo | undefined;
      if (!host) return; // removed while reading
      const refHost = referrer ? hostOf(referrer) : undefined;
      // sessionStorage survives a same-tab trip to another site and back; then the referrer is the truth.
      const cameBack = !!refHost && refHost !== host.win.location.hostname && stored?.AMP_CURRENT_PAGE !== href();
      save(cameBack ? { AMP_CURRENT_PAGE: href(), AMP_PREVIOUS_PAGE: referrer } : nextUrlInfo(stored, href(), referrer));
      stop = watchNavigation(
        host.win,
        () => save(nextUrlInfo(info, href(), referrer)),
        (e) => config.loggerProvider.warn(__DEV__ ? 'page URL enrichment: could not follow a navigation:' : 'E85 page URL: navigation not followed', e),
      );
    },
    execute(event) {
      if (!host || SKIPPED.includes(event.event_type)) return event;
      const { win, doc } = host;
      const props = { ...event.event_properties };
      for (const [key, value] of Object.entries(pageProperties(win.location, pageTitle(doc)))) props[key] ??= value;
      const previous = info.AMP_PREVIOUS_PAGE || '';
      props['[Amplitude] Previous Page Location'] = previous;
      props['[Amplitude] Previous Page Type'] = previousPageType(previous, win.location.hostname, internalDomains);
      return { ...event, event_properties: props };
    },
    teardown() {
      stop?.();
      stop = undefined;
      store?.remove(URL_INFO_STORAGE_KEY).catch(() => undefined);
      host = undefined;
    },
  };
};
