import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { URL_INFO_STORAGE_KEY, nextUrlInfo, pageUrlEnrichmentPlugin, previousPageType } from './page-url-enrichment-plugin';
import { pageViewsPlugin } from './page-views-plugin';
import { testClient } from './test-utils';

const browserMoveTo = (url: string) => History.prototype.replaceState.call(history, null, '', url);
const setReferrer = (value: string) => Object.defineProperty(document, 'referrer', { value, configurable: true });
const PREV = '[Amplitude] Previous Page Location';
const TYPE = '[Amplitude] Previous Page Type';

let cleanup: Array<() => unknown> = [];
beforeEach(() => {
  browserMoveTo('/');
  sessionStorage.clear();
  document.head.innerHTML = '<title>Home</title>';
  setReferrer('');
});
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
  delete (history as Partial<History>).pushState;
  delete (history as Partial<History>).replaceState;
});

const started = async (...plugins: ReturnType<typeof pageUrlEnrichmentPlugin>[]) => {
  const t = testClient();
  const list = plugins.length ? plugins : [pageUrlEnrichmentPlugin()];
  await t.start(list);
  cleanup.push(async () => {
    for (const p of list) await t.client.remove(p.name!).promise;
  });
  await t.settle();
  return t;
};

describe('page URL enrichment', () => {
  it('adds the page properties and a direct previous page to every tracked event', async () => {
    browserMoveTo('/shop?sku=1');
    document.title = 'Shop';
    const { client, settle, of } = await started();
    client.track('Button Clicked', { button_name: 'Sign Up' });
    await settle();
    expect(of('Button Clicked')[0].event_properties).toEqual({
      button_name: 'Sign Up',
      '[Amplitude] Page Domain': 'localhost',
      '[Amplitude] Page Location': `${location.origin}/shop?sku=1`,
      '[Amplitude] Page Path': '/shop',
      '[Amplitude] Page Title': 'Shop',
      '[Amplitude] Page URL': `${location.origin}/shop`,
      [PREV]: '',
      [TYPE]: 'direct',
    });
  });

  it('keeps values the event already has, masks a data-amp-mask title, and leaves identify, group identify and revenue events alone', async () => {
    document.head.innerHTML = '<title data-amp-mask>Jane Doe</title>';
    const { client, settle, events } = await started();
    client.track('Custom', { '[Amplitude] Page Path': '/virtual' });
    client.track({ event_type: '$identify', user_properties: { $set: { a: 1 } } });
    client.track({ event_type: '$groupidentify', groups: { org: 'x' }, group_properties: { $set: { a: 1 } } });
    client.track({ event_type: 'revenue_amount', event_properties: { $price: 1 } });
    await settle();
    const custom = events.find((e) => e.event_type === 'Custom')!;
    expect(custom.event_properties!['[Amplitude] Page Path']).toBe('/virtual');
    expect(custom.event_properties!['[Amplitude] Page Title']).toBe('*****');
    for (const type of ['$identify', '$groupidentify', 'revenue_amount']) {
      expect(events.find((e) => e.event_type === type)!.event_properties?.[TYPE]).toBeUndefined();
    }
  });

  it('follows single-page-app navigation: the previous page is internal, a same-URL push changes nothing, state is in sessionStorage', async () => {
    const { client, settle, of } = await started();
    history.pushState({}, '', '/a');
    history.pushState({}, '', '/a');
    client.track('On A');
    await settle();
    browserMoveTo('/b');
    window.dispatchEvent(new PopStateEvent('popstate'));
    client.track('On B');
    await settle();
    expect(of('On A')[0].event_properties).toMatchObject({ [PREV]: `${location.origin}/`, [TYPE]: 'internal', '[Amplitude] Page Path': '/a' });
    expect(of('On B')[0].event_properties).toMatchObject({ [PREV]: `${location.origin}/a`, [TYPE]: 'internal' });
    expect(JSON.parse(sessionStorage.getItem(URL_INFO_STORAGE_KEY)!)).toEqual({
      AMP_CURRENT_PAGE: `${location.origin}/b`,
      AMP_PREVIOUS_PAGE: `${location.origin}/a`,
    });
  });

  it('an external referrer is the previous page of the landing page; a reload keeps the previous page', async () => {
    setReferrer('https://news.example.org/story');
    const first = await started();
    first.client.track('Landed');
    await first.settle();
    expect(first.of('Landed')[0].event_properties).toMatchObject({ [PREV]: 'https://news.example.org/story', [TYPE]: 'external' });
    history.pushState({}, '', '/next');
    // A reload: a new page load in the same tab, with the same referrer and sessionStorage.
    const reloaded = await started(pageUrlEnrichmentPlugin());
    reloaded.client.track('After reload');
    await reloaded.settle();
    expect(reloaded.of('After reload')[0].event_properties).toMatchObject({ [PREV]: `${location.origin}/`, [TYPE]: 'internal' });
  });

  it('coming back from another site in the same tab takes the referrer as the previous page', async () => {
    sessionStorage.setItem(URL_INFO_STORAGE_KEY, JSON.stringify({ AMP_CURRENT_PAGE: `${location.origin}/checkout`, AMP_PREVIOUS_PAGE: '' }));
    browserMoveTo('/thanks');
    setReferrer('https://pay.example.net/done');
    const { client, settle, of } = await started();
    client.track('Thanks');
    await settle();
    expect(of('Thanks')[0].event_properties).toMatchObject({ [PREV]: 'https://pay.example.net/done', [TYPE]: 'external' });
  });

  it('counts hosts sharing an internalDomains entry as internal', async () => {
    setReferrer('https://checkout.localhost-shop.com/cart');
    const { client, settle, of } = await started(pageUrlEnrichmentPlugin({ internalDomains: ['localhost'] }));
    client.track('X');
    await settle();
    expect(of('X')[0].event_properties![TYPE]).toBe('internal');
  });

  it('works beside page views: the page view keeps its properties and gains the previous page', async () => {
    const { settle, of } = await started(pageViewsPlugin(), pageUrlEnrichmentPlugin());
    history.pushState({}, '', '/pricing');
    await settle();
    const views = of('[Amplitude] Page Viewed');
    expect(views.map((e) => [e.event_properties!['[Amplitude] Page Path'], e.event_properties![TYPE]])).toEqual([['/', 'direct'], ['/pricing', 'internal']]);
    expect(views[1].event_properties![PREV]).toBe(`${location.origin}/`);
  });

  it('teardown restores history, stops following navigation and removes its sessionStorage record', async () => {
    const original = history.pushState;
    const t = testClient();
    const plugin = pageUrlEnrichmentPlugin();
    await t.start([plugin]);
    expect(history.pushState).not.toBe(original);
    expect(sessionStorage.getItem(URL_INFO_STORAGE_KEY)).not.toBeNull();
    await t.client.remove(plugin.name!).promise;
    expect(history.pushState).toBe(original);
    expect(history.replaceState).toBe(History.prototype.replaceState);
    expect(sessionStorage.getItem(URL_INFO_STORAGE_KEY)).toBeNull();
    history.pushState({}, '', '/later');
    expect(sessionStorage.getItem(URL_INFO_STORAGE_KEY)).toBeNull();
    t.client.track('After');
    await t.settle();
    expect(t.of('After')[0].event_properties?.[TYPE]).toBeUndefined();
  });
});

describe('previousPageType / nextUrlInfo', () => {
  it('classifies direct, internal and external', () => {
    expect(previousPageType('', 'a.com')).toBe('direct');
    expect(previousPageType('not a url', 'a.com')).toBe('direct');
    expect(previousPageType('https://a.com/x', 'a.com')).toBe('internal');
    expect(previousPageType('https://b.a.com/x', 'a.com')).toBe('external');
    expect(previousPageType('https://b.a.com/x', 'c.a.com', ['a.com'])).toBe('internal');
    expect(previousPageType('https://b.a.com/x', 'other.org', ['a.com'])).toBe('external');
  });

  it('moves current to previous on a new URL, keeps both on the same URL, and starts from the referrer', () => {
    expect(nextUrlInfo(undefined, 'https://a.com/1', 'https://g.com/')).toEqual({ AMP_CURRENT_PAGE: 'https://a.com/1', AMP_PREVIOUS_PAGE: 'https://g.com/' });
    const info = { AMP_CURRENT_PAGE: 'https://a.com/1', AMP_PREVIOUS_PAGE: 'https://g.com/' };
    expect(nextUrlInfo(info, 'https://a.com/1', '')).toEqual(info);
    expect(nextUrlInfo(info, 'https://a.com/2', '')).toEqual({ AMP_CURRENT_PAGE: 'https://a.com/2', AMP_PREVIOUS_PAGE: 'https://a.com/1' });
  });
});
