// Pure helpers: page properties and campaign parameters, from values passed in.

/** The location fields the page properties are read from (a `Location` or a `URL` fits). */
export interface PageLocation {
  href: string;
  hostname: string;
  pathname: string;
  search: string;
}

/** `decodeURI`, keeping the input when it is malformed. */
export const decodeUri = (uri: string): string => {
  try {
    return decodeURI(uri);
  } catch {
    return uri;
  }
};

/**
 * The page properties the anchor sends (docs/autocapture.md "Page views"): decoded location and path,
 * and the URL without its query.
 * @example
 * pageProperties(location, 'Pricing')['[Amplitude] Page URL']; // 'https://example.com/pricing'
 */
export const pageProperties = (loc: PageLocation, title: string): Record<string, string> => {
  const href = decodeUri(loc.href);
  return {
    '[Amplitude] Page Domain': loc.hostname,
    '[Amplitude] Page Location': href,
    '[Amplitude] Page Path': decodeUri(loc.pathname),
    '[Amplitude] Page Title': title,
    '[Amplitude] Page URL': href.split('?')[0],
  };
};

/** The 19 campaign keys in the anchor's order: UTM parameters, referrer, click IDs (docs/protocol.md §A.6). */
export const CAMPAIGN_KEYS = [
  'utm_campaign', 'utm_content', 'utm_id', 'utm_medium', 'utm_source', 'utm_term', 'referrer', 'referring_domain',
  'dclid', 'gbraid', 'gclid', 'fbclid', 'ko_click_id', 'li_fat_id', 'msclkid', 'rdt_cid', 'ttclid', 'twclid', 'wbraid',
] as const;

/** One of {@link CAMPAIGN_KEYS}. */
export type CampaignKey = (typeof CAMPAIGN_KEYS)[number];

/** A campaign: the values present (the attribution plugin stores it under `AMP_MKTG_<apiKey[0..10)>`). */
export type Campaign = Partial<Record<CampaignKey, string>>;

const decode = (s = '') => {
  try {
    return decodeURIComponent(s);
  } catch {
    return '';
  }
};

/**
 * The campaign parameters present on this page, as the anchor sends them on page views and as the
 * attribution plugin reads them: UTM parameters and click IDs from the query (percent-decoded, `+` kept,
 * empty values skipped) and the referrer with its host (with port) as `referring_domain`.
 * @example
 * campaignProperties('?utm_source=news', 'https://t.co/x'); // { utm_source: 'news', referrer: 'https://t.co/x', referring_domain: 't.co' }
 */
export const campaignProperties = (search: string, referrer: string): Campaign => {
  const params: Record<string, string> = {};
  for (const pair of search.slice(1).split('&')) {
    const [k, v] = pair.split('=', 2);
    const value = decode(v);
    if (value) params[decode(k)] = value;
  }
  if (referrer) {
    params.referrer = referrer;
    params.referring_domain = referrer.split('/')[2];
  }
  const out: Campaign = {};
  for (const key of CAMPAIGN_KEYS) if (params[key]) out[key] = params[key];
  return out;
};

/**
 * Whether `event` is the attribution plugin's campaign `$identify`: the shared signal for
 * `trackOn: 'attribution'` — it names every campaign key under `$set` or `$unset`.
 * @example
 * isCampaignEvent({ event_type: '$identify', user_properties: { $set: { utm_source: 'news' }, $unset: { … } } });
 */
export const isCampaignEvent = (event: { event_type: string; user_properties?: Record<string, any> }): boolean => {
  const ops = event.user_properties;
  if (event.event_type !== '$identify' || !ops) return false;
  const named = { ...ops.$set, ...ops.$unset };
  return CAMPAIGN_KEYS.every((key) => key in named);
};
