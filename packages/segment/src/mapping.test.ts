import { describe, expect, it } from 'vitest';
import { createMapping, parseRevenue, sentToAmplitude } from './mapping';
import { resolveSettings, type AmplitudeSettings } from './settings';

// One test per row of Segment's Amplitude destination mapping (docs/segment.md "Mapping"). Where the
// integration's own test suite states what it sent for a call, the expected values here are those.

const map = (settings: AmplitudeSettings = {}) => createMapping(resolveSettings(settings, () => {}));
const PAGE = { path: '/pricing', referrer: '', search: '?a=1', title: 'Pricing', url: 'https://example.com/pricing?a=1' };

describe('page', () => {
  it('Track Named Pages (default on): "Viewed {Name} Page", with the category first when there is one', () => {
    expect(map().page({ name: 'Name', properties: { ...PAGE } })).toEqual([
      ['track', { event_type: 'Viewed Name Page', event_properties: { ...PAGE, name: 'Name' } }],
    ]);
    const ops = map({ trackCategorizedPages: false }).page({ category: 'Category', name: 'Name', properties: { ...PAGE } });
    expect(ops.map((op) => op[1])).toEqual([
      { event_type: 'Viewed Category Name Page', event_properties: { ...PAGE, category: 'Category', name: 'Name' } },
    ]);
  });

  it('Track Categorized Pages (default on): "Viewed {Category} Page" first, then the named page', () => {
    const ops = map().page({ category: 'Category', name: 'Name', properties: {} });
    expect(ops.map((op) => (op[1] as any).event_type)).toEqual(['Viewed Category Page', 'Viewed Category Name Page']);
  });

  it('Track All Pages (default off): "Loaded a Page" for every call, before the others, with the page properties', () => {
    expect(map().page({ properties: { ...PAGE } })).toEqual([]);
    const ops = map({ trackAllPages: true }).page({ category: 'Merchant', name: 'Settings', properties: { ...PAGE } });
    expect(ops.map((op) => (op[1] as any).event_type)).toEqual(['Loaded a Page', 'Viewed Merchant Page', 'Viewed Merchant Settings Page']);
    expect(ops[0][1]).toEqual({ event_type: 'Loaded a Page', event_properties: { ...PAGE, category: 'Merchant', name: 'Settings' } });
  });

  it('sends nothing for a named, categorized page when both settings are off', () => {
    expect(map({ trackNamedPages: false, trackCategorizedPages: false }).page({ category: 'Category', name: 'Name', properties: {} })).toEqual([]);
  });
});

describe('identify', () => {
  it('sets the user id and sends traits as $set, the user id included as the trait "id"', () => {
    expect(map().identify({ userId: 'id', traits: { trait: true } })).toEqual([
      ['setUserId', 'id'],
      ['identify', { $set: { trait: true, id: 'id' } }],
    ]);
  });

  it('traits without a user id: $set only, no user id', () => {
    expect(map().identify({ traits: { email: 'derek@sivers.org' } })).toEqual([['identify', { $set: { email: 'derek@sivers.org' } }]]);
  });

  it('traitsToIncrement: those traits are sent with $add, the others with $set', () => {
    expect(map({ traitsToIncrement: ['hatTricks'] }).identify({ traits: { trait: true, hatTricks: 1 } })).toEqual([
      ['identify', { $set: { trait: true }, $add: { hatTricks: 1 } }],
    ]);
  });

  it('traitsToSetOnce: those traits are sent with $setOnce, the others with $set', () => {
    expect(map({ traitsToSetOnce: ['yolo'] }).identify({ traits: { trait: true, yolo: true } })).toEqual([
      ['identify', { $set: { trait: true }, $setOnce: { yolo: true } }],
    ]);
  });

  it('integrations.Amplitude.groups assigns the user to each group (legacy group assignment)', () => {
    const ops = map().identify({
      userId: 'user-id',
      traits: { email: 'bill@example.com' },
      options: { integrations: { Amplitude: { groups: { sports: ['basketball', 'tennis'], foo: 'bar' } } } },
    });
    expect(ops.slice(2)).toEqual([
      ['setGroup', 'sports', ['basketball', 'tennis']],
      ['setGroup', 'foo', 'bar'],
    ]);
  });
});

describe('track', () => {
  it('sends the event with its properties', () => {
    expect(map().track({ event: 'event', properties: { property: true } })).toEqual([['track', { event_type: 'event', event_properties: { property: true } }]]);
  });

  it('integrations.Amplitude.groups sets groups on that event only', () => {
    const options = { integrations: { Amplitude: { groups: { onboarding_cohort: 'Summer 2016' } } } };
    expect(map().track({ event: 'Clicked Benefits Dropdown', properties: { dropdownColor: 'blue' }, options })).toEqual([
      ['track', { event_type: 'Clicked Benefits Dropdown', event_properties: { dropdownColor: 'blue' }, groups: { onboarding_cohort: 'Summer 2016' } }],
    ]);
  });

  it('a call switched off for Amplitude (integrations.Amplitude false, or All false) is not sent', () => {
    expect(sentToAmplitude({ integrations: { Amplitude: false } })).toBe(false);
    expect(sentToAmplitude({ integrations: { All: false } })).toBe(false);
    expect(sentToAmplitude({ integrations: { All: false, Amplitude: true } })).toBe(true);
    expect(sentToAmplitude({ integrations: { Mixpanel: false } })).toBe(true);
    expect(sentToAmplitude(undefined)).toBe(true);
  });

  it('a price without revenue sends no revenue event', () => {
    for (const useLogRevenueV2 of [false, true]) {
      expect(map({ useLogRevenueV2 }).track({ event: 'event', properties: { price: 10, quantity: 2, productId: 'AMP1' } })).toHaveLength(1);
    }
  });
});

describe('revenue (Log Revenue V2)', () => {
  it('productId, quantity, price and revenueType become $productId, $quantity, $price, $revenueType; the properties ride along', () => {
    const props = { revenue: 20, quantity: 2, price: 10, productId: 'AMP1', revenueType: 'purchase' };
    expect(map({ useLogRevenueV2: true }).track({ event: 'event', properties: props })[1]).toEqual([
      'revenue',
      { price: 10, quantity: 2, productId: 'AMP1', revenueType: 'purchase', eventProperties: props },
    ]);
  });

  it('without a price the revenue is the price, with quantity 1', () => {
    const props = { revenue: 20, quantity: 2, productId: 'AMP1' };
    expect(map({ useLogRevenueV2: true }).track({ event: 'event', properties: props })[1]).toEqual([
      'revenue',
      { price: 20, quantity: 1, productId: 'AMP1', revenueType: undefined, eventProperties: props },
    ]);
  });

  it("a string revenue like '$32.50' is parsed; the event keeps the string", () => {
    const props = { plan: 'Basic', revenue: '$32.50' };
    expect(map({ useLogRevenueV2: true }).track({ event: 'Subscription Started', properties: props })).toEqual([
      ['track', { event_type: 'Subscription Started', event_properties: props }],
      ['revenue', { price: 32.5, quantity: 1, productId: undefined, revenueType: undefined, eventProperties: props }],
    ]);
    expect(parseRevenue('32')).toBe(32);
    expect(parseRevenue('abc')).toBeUndefined();
    expect(parseRevenue({})).toBeUndefined();
  });
});

describe('revenue (default, without Log Revenue V2)', () => {
  it('a revenue_amount event with the revenue as price, the quantity and the product id', () => {
    expect(map().track({ event: 'event', properties: { revenue: 19.99 } })[1]).toEqual(['track', { event_type: 'revenue_amount', price: 19.99, quantity: 1 }]);
    expect(map().track({ event: 'event', properties: { revenue: 19.99, quantity: 2, productId: 'AMP1' } })[1]).toEqual([
      'track',
      { event_type: 'revenue_amount', price: 19.99, quantity: 2, productId: 'AMP1' },
    ]);
  });
});

describe('Order Completed', () => {
  const ORDER = {
    orderId: '50314b8e9bcf000000000000',
    total: 30,
    revenue: 25,
    shipping: 3,
    currency: 'USD',
    products: [
      { productId: '507f1f77bcf86cd799439011', sku: '45790-32', name: 'Monopoly: 3rd Edition', price: 19, quantity: 1, category: 'Games' },
      { productId: '505bd76785ebb509fc183733', sku: '46493-32', name: 'Uno Card Game', price: 3, quantity: 2, category: 'Games' },
    ],
  };
  const { products, ...orderProps } = ORDER;

  it('Track Revenue Per Product off: the order without products, one revenue for the order (type Purchase), one Product Purchased each', () => {
    const ops = map({ useLogRevenueV2: true }).track({ event: 'Order Completed', properties: ORDER });
    expect(ops).toEqual([
      ['track', { event_type: 'Order Completed', event_properties: orderProps }],
      ['revenue', { price: 25, quantity: 1, productId: undefined, revenueType: 'Purchase', eventProperties: orderProps }],
      ['track', { event_type: 'Product Purchased', event_properties: products[0] }],
      ['track', { event_type: 'Product Purchased', event_properties: products[1] }],
    ]);
  });

  it('Track Revenue Per Product on: a revenue per product before its Product Purchased, none for the order', () => {
    const ops = map({ useLogRevenueV2: true, trackRevenuePerProduct: true }).track({ event: 'Order Completed', properties: ORDER });
    expect(ops.map((op) => op[0] + ':' + ((op[1] as any).event_type ?? (op[1] as any).price))).toEqual([
      'track:Order Completed',
      'revenue:19',
      'track:Product Purchased',
      'revenue:3',
      'track:Product Purchased',
    ]);
    // The product's event carries the order's revenue (as the integration added it).
    expect(ops[2][1]).toEqual({ event_type: 'Product Purchased', event_properties: { ...products[0], revenue: 25 } });
    expect(ops[3][1]).toMatchObject({ quantity: 2, productId: '505bd76785ebb509fc183733', revenueType: 'Purchase' });
  });

  it("a custom revenueType on the order overrides Purchase (the integration's 'Completed Order' test)", () => {
    const props = { revenue: 20.0, revenueType: 'I am custom', products: [{ quantity: 2, price: 10.0, productId: 'AMP1' }] };
    const ops = map({ useLogRevenueV2: true, trackRevenuePerProduct: true }).track({ event: 'Completed Order', properties: props });
    expect(ops[1]).toEqual([
      'revenue',
      { price: 10, quantity: 2, productId: 'AMP1', revenueType: 'I am custom', eventProperties: { quantity: 2, price: 10, productId: 'AMP1', revenueType: 'I am custom', revenue: 20 } },
    ]);
  });

  it('without revenue the order total is the revenue', () => {
    const ops = map({ useLogRevenueV2: true }).track({ event: 'Order Completed', properties: { total: 30 } });
    expect(ops[1]).toMatchObject(['revenue', { price: 30, quantity: 1 }]);
  });

  it('trackProductsOnce: one event listing the products, no Product Purchased', () => {
    const ops = map({ trackProductsOnce: true }).track({ event: 'Order Completed', properties: ORDER });
    expect(ops[0]).toEqual(['track', { event_type: 'Order Completed', event_properties: ORDER }]);
    expect(ops.filter((op) => (op[1] as any).event_type === 'Product Purchased')).toEqual([]);
  });
});

describe('group', () => {
  it('groupTypeTrait and groupValueTrait: the user joins the group named by those traits', () => {
    const mapping = map({ groupTypeTrait: 'industry', groupValueTrait: 'name' });
    expect(mapping.group({ groupId: '082108c8', traits: { industry: 'Placeholding', name: 'ExampleCorp, LLC', employees: '20' } })).toEqual([
      ['setGroup', 'Placeholding', 'ExampleCorp, LLC'],
    ]);
  });

  it('legacy behaviour: without the settings, or a trait missing, the group is "[Segment] Group" = group id', () => {
    expect(map().group({ groupId: 'testGroupId', traits: {} })).toEqual([['setGroup', '[Segment] Group', 'testGroupId']]);
    expect(map({ groupTypeTrait: 'foo', groupValueTrait: 'bar' }).group({ groupId: 'testGroupId', traits: { notFoo: 'asdf', bar: 'fafa' } })).toEqual([
      ['setGroup', '[Segment] Group', 'testGroupId'],
    ]);
    expect(map().group({ groupId: '', traits: {} })).toEqual([]);
  });
});

describe('settings', () => {
  it("defaults are the integration's, and unknown or mistyped settings are warned about by name", () => {
    const warnings: string[] = [];
    const settings = resolveSettings({ versionName: '1.0', trackAllPages: 'yes', traitsToSetOnce: ['a'] }, (m) => warnings.push(m));
    expect(settings).toMatchObject({ trackAllPages: false, trackNamedPages: true, trackCategorizedPages: true, useLogRevenueV2: false, traitsToSetOnce: ['a'] });
    expect(warnings.join('\n')).toMatch(/unknown amplitude setting "versionName"/);
    expect(warnings.join('\n')).toMatch(/"trackAllPages" should be a boolean/);
    expect(() => resolveSettings('nonsense', () => {})).not.toThrow();
  });
});
