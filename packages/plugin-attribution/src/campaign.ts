// Pure campaign logic (docs/autocapture.md "Attribution";
// docs/protocol.md §A.8): parsing, the new-campaign decision, referrer exclusion and the campaign $identify.
import type { Event } from '@footprint/core';
import { CAMPAIGN_KEYS, campaignProperties, type Campaign } from '@footprint/dom';

// The campaign keys and parsing are shared with the page views plugin, which sends the same values.
export { CAMPAIGN_KEYS, type Campaign, type CampaignKey } from '@footprint/dom';

/** When internal referrers are ignored: always, or only when the URL has no UTM parameter or click ID. */
export type InternalReferrerCondition = 'always' | 'ifEmptyCampaign';

/** A rule list for referring domains: strings match exactly, RegExps are tested. */
export type ReferrerRules = ReadonlyArray<string | RegExp>;

/**
 * The campaign on this page: UTM parameters and click IDs from the query (percent-decoded, `+` kept,
 * empty values skipped, as the anchor), the referrer and its host (with port) as `referring_domain`.
 * @example
 * parseCampaign('?utm_source=news&gclid=abc', 'https://t.co/x'); // { utm_source: 'news', referrer: 'https://t.co/x', referring_domain: 't.co', gclid: 'abc' }
 */
export const parseCampaign: (search: string, referrer: string) => Campaign = campaignProperties;

/** Whether the campaign has no UTM parameter and no click ID (the referrer doesn't count). */
export const isEmptyCampaign = (c: Campaign): boolean => CAMPAIGN_KEYS.every((k) => k === 'referrer' || k === 'referring_domain' || !c[k]);

// Public suffixes with two labels that the anchor knows (Public Suffix List), so `shop.co.uk` and
// `me.github.io` keep their own registrable domain.
const TWO_LEVEL =
  'ac.in ac.jp ac.kr ac.th ac.uk ac.za appspot.com asn.au azurewebsites.net cloudfront.net myshopify.com blogspot.com ' +
  'co.ca co.in co.jp co.kr co.nz co.th co.uk co.za com.ar com.au com.br com.cn com.hk com.in com.jp com.kr com.mx com.pl ' +
  'com.sg com.tr com.tw ed.jp edu.au edu.br edu.cn edu.hk edu.sg edu.th edu.tr edu.tw firebaseapp.com fly.dev gc.ca ' +
  'geek.nz github.io gitlab.io go.jp go.kr go.th gob.ar gob.mx gov.au gov.br gov.cn gov.hk gov.in gov.pl gov.sg gov.tr ' +
  'gov.tw gov.uk gov.za govt.nz gr.jp herokuapp.com id.au idv.hk iwi.nz lg.jp ltd.uk maori.nz me.uk mil.kr ne.jp ne.kr ' +
  'net.au net.br net.cn net.hk net.in net.nz net.pl net.sg net.tr net.tw net.za onrender.com or.jp or.kr or.th org.ar ' +
  'org.au org.br org.cn org.hk org.in org.mx org.nz org.pl org.sg org.tw org.uk org.za pages.dev pe.kr plc.uk re.kr ' +
  'res.in sch.uk vercel.app netlify.app workers.dev';

/**
 * The registrable domain of a host name (`www.shop.example.co.uk` → `example.co.uk`); an IP address or a
 * single-label host (`localhost`) is returned as it is.
 * @example
 * registrableDomain('docs.developers.amplitude.com'); // 'amplitude.com'
 */
export const registrableDomain = (hostname: string): string => {
  const host = hostname.replace(/^\.+|\.+$/g, '');
  if (!host.includes('.') || /^[\d.]+$|:/.test(host)) return host;
  const parts = host.split('.');
  const known = TWO_LEVEL.split(' ').some((suffix) => host.endsWith(`.${suffix}`));
  return parts.slice(known ? -3 : -2).join('.');
};

/**
 * The default `excludeReferrers`: the site's own domain and all its subdomains (docs/autocapture.md
 * "Attribution"); none when the domain is unknown.
 * @example
 * defaultExcludedReferrers(".amplitude.com"); // [/amplitude\.com$/]
 */
export const defaultExcludedReferrers = (domain: string): RegExp[] => {
  const d = domain.replace(/^\./, '');
  return d ? [new RegExp(`${d.replace(/\./g, '\\.')}$`)] : [];
};

/** Whether the referring domain matches a rule (strings exactly, RegExps by test). */
export const isExcludedReferrer = (rules: ReferrerRules, referringDomain = ''): boolean =>
  rules.some((rule) => (rule instanceof RegExp ? rule.test(referringDomain) : rule === referringDomain));

/** Whether `host` is `domain` or one of its subdomains. */
export const isSubdomainOf = (host: string, domain: string): boolean =>
  `.${host.replace(/^\./, '')}`.endsWith(`.${domain.replace(/^\./, '')}`);

/** Second-level domain, as the anchor compares referring domains (`a.test.com` and `b.test.com` are one). */
const baseDomain = (domain = '') => domain.split('.').slice(-2).join('.');

/** What decides whether a campaign is new (the plugin's options, resolved). */
export interface CampaignRules {
  excludeReferrers: ReferrerRules;
  /** `undefined`: internal referrers are treated like any other. */
  excludeInternalReferrers?: InternalReferrerCondition;
  /** The site's domain: a referrer on it or a subdomain of it is internal. */
  domain: string;
}

/**
 * Why `current` is not a new campaign, or `''` when it is (docs/autocapture.md "Attribution"): an
 * excluded internal or listed referrer never is; direct traffic in the same session keeps the previous
 * campaign; otherwise a first visit, a changed UTM parameter or click ID, or a new referring domain is.
 * @example
 * notNewCampaignReason({ utm_source: 'ads' }, undefined, rules, true); // '' (first visit)
 */
export const notNewCampaignReason = (current: Campaign, previous: Campaign | undefined, rules: CampaignRules, isNewSession: boolean): string => {
  const ref = current.referring_domain;
  const condition = rules.excludeInternalReferrers;
  if (condition && ref && isSubdomainOf(ref, rules.domain) && (condition === 'always' || isEmptyCampaign(current))) {
    return `the referrer ${ref} is internal and excludeInternalReferrers is '${condition}'`;
  }
  if (isExcludedReferrer(rules.excludeReferrers, ref)) return `the referrer ${ref} is in excludeReferrers`;
  const direct = CAMPAIGN_KEYS.every((k) => !current[k]);
  if (!isNewSession && direct && previous) return 'it is direct traffic within the same session';
  if (!previous) return '';
  const changed = CAMPAIGN_KEYS.some((k) => k !== 'referrer' && k !== 'referring_domain' && (current[k] || undefined) !== (previous[k] || undefined));
  if (changed || baseDomain(ref) !== baseDomain(previous.referring_domain)) return '';
  return 'it is the same as the stored campaign';
};

/**
 * The campaign `$identify`: first touch as `$setOnce initial_<key>` (a missing value becomes
 * `emptyValue`), multi touch as `$set <key>` for present values and `$unset <key>` for the others — all 19
 * keys in one event (docs/protocol.md §A.8). The page views plugin recognizes it by naming every key.
 * @example
 * client.track(campaignIdentify({ utm_source: 'news' }));
 */
export const campaignIdentify = (campaign: Campaign, emptyValue = 'EMPTY'): Event => {
  const $setOnce: Record<string, string> = {};
  const $set: Record<string, string> = {};
  const $unset: Record<string, string> = {};
  for (const key of CAMPAIGN_KEYS) {
    const value = campaign[key];
    $setOnce[`initial_${key}`] = value ?? emptyValue;
    if (value) $set[key] = value;
    else $unset[key] = '-';
  }
  return {
    event_type: '$identify',
    user_properties: { $setOnce, ...(Object.keys($set).length && { $set }), ...(Object.keys($unset).length && { $unset }) },
  };
};
