import { describe, expect, it } from 'vitest';
import {
  CAMPAIGN_KEYS,
  campaignIdentify,
  defaultExcludedReferrers,
  isEmptyCampaign,
  isExcludedReferrer,
  isSubdomainOf,
  notNewCampaignReason,
  parseCampaign,
  registrableDomain,
  type CampaignRules,
} from './campaign';

describe('parseCampaign', () => {
  it('reads the 5 standard UTM parameters, utm_id, the 11 click IDs and the referrer as the anchor does', () => {
    const ids = ['dclid', 'fbclid', 'gbraid', 'wbraid', 'gclid', 'ko_click_id', 'li_fat_id', 'msclkid', 'rdt_cid', 'ttclid', 'twclid'];
    const search = `?utm_source=news&utm_medium=email&utm_campaign=a%20b&utm_term=x+y&utm_content=c&utm_id=1&${ids.map((k) => `${k}=${k.toUpperCase()}`).join('&')}&other=1`;
    const c = parseCampaign(search, 'https://www.google.com:443/search?q=1');
    expect(c).toMatchObject({ utm_source: 'news', utm_medium: 'email', utm_campaign: 'a b', utm_term: 'x+y', utm_content: 'c', utm_id: '1', referrer: 'https://www.google.com:443/search?q=1', referring_domain: 'www.google.com:443' });
    for (const k of ids) expect(c[k as keyof typeof c]).toBe(k.toUpperCase());
    expect(Object.keys(c)).toEqual(CAMPAIGN_KEYS); // all 19, in the anchor's order
    expect(c).not.toHaveProperty('other');
  });

  it('is case-sensitive, skips empty values and undecodable ones, and treats an empty referrer as direct', () => {
    expect(parseCampaign('?UTM_SOURCE=x&utm_source=&gclid=%E0%A4%A&utm_medium=a=b', '')).toEqual({ utm_medium: 'a' });
    expect(parseCampaign('', '')).toEqual({});
  });
});

describe('domains', () => {
  it('registrableDomain knows two-label public suffixes and leaves IPs and single labels alone', () => {
    expect(registrableDomain('docs.developers.amplitude.com')).toBe('amplitude.com');
    expect(registrableDomain('www.shop.example.co.uk')).toBe('example.co.uk');
    expect(registrableDomain('me.github.io')).toBe('me.github.io');
    expect(registrableDomain('a.b.me.github.io')).toBe('me.github.io');
    expect(registrableDomain('example.com')).toBe('example.com');
    expect(registrableDomain('localhost')).toBe('localhost');
    expect(registrableDomain('127.0.0.1')).toBe('127.0.0.1');
    expect(registrableDomain('.example.com')).toBe('example.com');
  });

  it('defaultExcludedReferrers matches the domain and all its subdomains, and nothing when unknown', () => {
    const [rule] = defaultExcludedReferrers('.amplitude.com');
    expect(['amplitude.com', 'data.amplitude.com', 'a.b.amplitude.com'].every((d) => rule.test(d))).toBe(true);
    expect(rule.test('amplitudeXcom.org')).toBe(false);
    expect(defaultExcludedReferrers('')).toEqual([]);
  });

  it('isExcludedReferrer matches strings exactly and tests RegExps; isSubdomainOf respects label boundaries', () => {
    expect(isExcludedReferrer(['a.test.com'], 'a.test.com')).toBe(true);
    expect(isExcludedReferrer(['a.test.com'], 'b.a.test.com')).toBe(false);
    expect(isExcludedReferrer([/test\.com$/], 'b.a.test.com')).toBe(true);
    expect(isExcludedReferrer([], undefined)).toBe(false);
    expect(isSubdomainOf('a.test.com', 'test.com')).toBe(true);
    expect(isSubdomainOf('test.com', '.test.com')).toBe(true);
    expect(isSubdomainOf('mytest.com', 'test.com')).toBe(false);
  });

  it('isEmptyCampaign ignores the referrer', () => {
    expect(isEmptyCampaign({ referrer: 'https://x.com/', referring_domain: 'x.com' })).toBe(true);
    expect(isEmptyCampaign({ gbraid: 'g' })).toBe(false);
  });
});

describe('notNewCampaignReason (the decision table)', () => {
  const rules: CampaignRules = { excludeReferrers: [/test\.com$/], domain: 'test.com' };
  const cases: Array<[string, Parameters<typeof notNewCampaignReason>, boolean]> = [
    ['first visit, direct', [{}, undefined, rules, true], true],
    ['first visit mid-session (added later), direct', [{}, undefined, rules, false], true],
    ['new UTM mid-session', [{ utm_source: 'b' }, { utm_source: 'a' }, rules, false], true],
    ['a UTM dropped while another stays', [{ utm_source: 'a' }, { utm_source: 'a', utm_medium: 'm' }, rules, false], true],
    ['new click id', [{ gclid: 'x' }, {}, rules, false], true],
    ['new referring domain', [{ referring_domain: 'b.test-new.com' }, { referring_domain: 'a.other.com' }, rules, true], true],
    ['same base referring domain', [{ referring_domain: 'b.other.com' }, { referring_domain: 'a.other.com' }, rules, true], false],
    ['same campaign', [{ utm_source: 'a' }, { utm_source: 'a' }, rules, true], false],
    ['direct traffic in the same session', [{}, { utm_source: 'a' }, rules, false], false],
    ['direct traffic at a new session', [{}, { utm_source: 'a' }, rules, true], true],
    ['excluded referrer, even with UTM', [{ utm_source: 'x', referring_domain: 'b.test.com' }, undefined, rules, true], false],
    ['internal, always', [{ utm_source: 'x', referring_domain: 'b.test.com' }, undefined, { excludeReferrers: [], excludeInternalReferrers: 'always', domain: 'test.com' }, true], false],
    ['internal, ifEmptyCampaign with UTM', [{ utm_source: 'x', referring_domain: 'b.test.com' }, undefined, { excludeReferrers: [], excludeInternalReferrers: 'ifEmptyCampaign', domain: 'test.com' }, true], true],
    ['internal, ifEmptyCampaign without', [{ referring_domain: 'b.test.com' }, undefined, { excludeReferrers: [], excludeInternalReferrers: 'ifEmptyCampaign', domain: 'test.com' }, true], false],
  ];
  it.each(cases)('%s → new: %s', (_name, args, isNew) => {
    expect(notNewCampaignReason(...args) === '').toBe(isNew);
  });
});

describe('campaignIdentify', () => {
  it('names every campaign key under $set or $unset (the page views trackOn signal) and sets initial_* once', () => {
    const event = campaignIdentify({ utm_source: 'news', gclid: 'G' }, 'EMPTY');
    const { $set, $unset, $setOnce } = event.user_properties!;
    expect(event.event_type).toBe('$identify');
    expect(Object.keys({ ...$set, ...$unset }).sort()).toEqual([...CAMPAIGN_KEYS].sort());
    expect($set).toEqual({ utm_source: 'news', gclid: 'G' });
    expect(Object.values($unset).every((v) => v === '-')).toBe(true);
    expect($setOnce).toMatchObject({ initial_utm_source: 'news', initial_gclid: 'G', initial_referrer: 'EMPTY' });
    expect(Object.keys($setOnce)).toHaveLength(19);
    expect(campaignIdentify(Object.fromEntries(CAMPAIGN_KEYS.map((k) => [k, 'v']))).user_properties).not.toHaveProperty('$unset');
  });
});
