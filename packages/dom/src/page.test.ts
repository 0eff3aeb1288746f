import { describe, expect, it } from 'vitest';
import { CAMPAIGN_KEYS, campaignProperties, decodeUri, isCampaignEvent, pageProperties } from './page';

describe('pageProperties', () => {
  it('decodes location and path, strips the query from the URL, and keeps a malformed URI as it is', () => {
    const loc = { href: 'https://a.com/caf%C3%A9?q=%E2%9C%93#h', hostname: 'a.com', pathname: '/caf%C3%A9', search: '?q=%E2%9C%93' };
    expect(pageProperties(loc, 'T')).toEqual({
      '[Amplitude] Page Domain': 'a.com',
      '[Amplitude] Page Location': 'https://a.com/café?q=✓#h',
      '[Amplitude] Page Path': '/café',
      '[Amplitude] Page Title': 'T',
      '[Amplitude] Page URL': 'https://a.com/café',
    });
    expect(decodeUri('/%E0%A4%A')).toBe('/%E0%A4%A');
    expect(pageProperties({ ...loc, href: 'https://a.com/x#frag', search: '' }, '')['[Amplitude] Page URL']).toBe('https://a.com/x#frag');
  });
});

describe('campaignProperties', () => {
  it('reads UTM parameters, click IDs and the referrer as the anchor does', () => {
    expect(campaignProperties('?utm_source=a%20b&utm_term=x+y&fbclid=F&utm_medium=&empty&other=1&gclid=G=H', 'http://ref.com:8080/p')).toEqual({
      utm_source: 'a b',
      utm_term: 'x+y',
      referrer: 'http://ref.com:8080/p',
      referring_domain: 'ref.com:8080',
      gclid: 'G',
      fbclid: 'F',
    });
    expect(campaignProperties('', '')).toEqual({});
    expect(campaignProperties('?utm_source=%E0%A4%A', '')).toEqual({});
  });
});

describe('isCampaignEvent', () => {
  const all = Object.fromEntries(CAMPAIGN_KEYS.map((k) => [k, '-']));
  it('recognizes an $identify naming every campaign key under $set or $unset', () => {
    const { utm_source, ...rest } = all;
    expect(isCampaignEvent({ event_type: '$identify', user_properties: { $set: { utm_source: 'x' }, $unset: rest } })).toBe(true);
    expect(isCampaignEvent({ event_type: '$identify', user_properties: { $unset: rest } })).toBe(false);
    expect(isCampaignEvent({ event_type: 'Page', user_properties: { $unset: all } })).toBe(false);
    expect(isCampaignEvent({ event_type: '$identify' })).toBe(false);
  });
});
