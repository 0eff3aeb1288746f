// What one Segment call becomes in Amplitude terms, as Segment's analytics.js integration for Amplitude
// sent it (docs/segment.md "Mapping"). Pure: it returns the Footprint calls to make, in order, and the
// facade (facade.ts) makes them. Nothing here touches the page.
import type { Dict } from './arguments';
import type { Settings } from './settings';

/** A revenue event (`useLogRevenueV2`): the fields of a Footprint `Revenue`. */
export interface RevenueFields {
  price: number;
  quantity: number;
  productId?: string;
  revenueType?: string;
  eventProperties: Dict;
}

/** One Footprint call. `event` is a whole event object for `track` (event type, properties, groups, revenue fields). */
export type Operation =
  | ['track', Dict]
  | ['setUserId', string]
  | ['identify', Dict]
  | ['setGroup', string, unknown]
  | ['revenue', RevenueFields];

/** A Segment call after argument shuffling, in the shape analytics.js hands to its integrations. */
export interface Message {
  event?: string;
  name?: string;
  category?: string;
  properties?: Dict;
  traits?: Dict;
  userId?: string;
  groupId?: string;
  options?: Dict;
}

// Segment's pattern for its "Order Completed" (and "Completed Order") e-commerce event.
const ORDER_COMPLETED = /^[ _]?completed[ _]?order[ _]?|^[ _]?order[ _]?completed[ _]?$/i;
const PURCHASE_EVENTS = ['order completed', 'completed order', 'product purchased'];

/** Whether the call goes to Amplitude at all: `integrations: { Amplitude: false }`, or `All: false` without `Amplitude`. */
export const sentToAmplitude = (options?: Dict): boolean => {
  const integrations = options?.integrations;
  if (!integrations || typeof integrations !== 'object') return true;
  const own = integrations.Amplitude;
  return own === undefined ? integrations.All !== false : own !== false;
};

/** The destination's own options: `integrations.Amplitude` (or `Amplitude` at the top of the options) when an object. */
const amplitudeOptions = (options?: Dict): Dict => {
  const own = options?.integrations?.Amplitude ?? options?.Amplitude;
  return own && typeof own === 'object' ? own : {};
};

/** A revenue amount: a number, or a string like `'$32.50'` with its dollar signs removed; else `undefined`. */
export const parseRevenue = (value: unknown): number | undefined => {
  if (!value) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const n = parseFloat(value.replace(/\$/g, ''));
  return Number.isNaN(n) ? undefined : n;
};

const revenueOf = (event: string, props: Dict) =>
  parseRevenue(props.revenue || (ORDER_COMPLETED.test(event) ? props.total : undefined));
const productIdOf = (props: Dict) => props.product_id || props.productId;
const quantityOf = (props: Dict) => props.quantity || 1;

export const createMapping = (settings: Settings) => {
  /** The revenue call for a tracked event that carries revenue (docs/segment.md "Revenue"). */
  const revenue = (event: string, props: Dict): Operation => {
    let price = props.price;
    let quantity = quantityOf(props);
    const productId = productIdOf(props);
    const amount = revenueOf(event, props);
    if (settings.useLogRevenueV2) {
      // Without a price, the revenue amount is the price of one item.
      if (!price) (price = amount), (quantity = 1);
      const revenueType = props.revenueType || props.revenue_type || (PURCHASE_EVENTS.includes(event.toLowerCase()) ? 'Purchase' : undefined);
      return ['revenue', { price, quantity, productId: productId || undefined, revenueType, eventProperties: props }];
    }
    // The older revenue call: a `revenue_amount` event with the price (the revenue, else price × quantity).
    return ['track', { event_type: 'revenue_amount', price: amount || price * quantity, quantity, ...(productId && { productId }) }];
  };

  const logEvent = (event: string, props: Dict, options: Dict | undefined, skipRevenue: boolean): Operation[] => {
    const groups = amplitudeOptions(options).groups;
    const ops: Operation[] = [['track', { event_type: event, event_properties: props, ...(groups && { groups }) }]];
    if (!skipRevenue && revenueOf(event, props)) ops.push(revenue(event, props));
    return ops;
  };

  const orderCompleted = (event: string, props: Dict, options: Dict | undefined): Operation[] => {
    const perProduct = settings.trackRevenuePerProduct;
    const products: Dict[] = Array.isArray(props.products) ? props.products.filter((p: unknown) => p !== null && typeof p === 'object') : [];
    if (settings.trackProductsOnce) {
      const listed = products.map((p) => ({ productId: productIdOf(p), sku: p.sku, name: p.name, price: p.price, quantity: quantityOf(p), category: p.category }));
      return logEvent(event, { ...props, products: listed }, options, perProduct);
    }
    const { products: _, ...order } = props;
    const ops = logEvent(event, order, options, perProduct);
    const revenueType = order.revenueType || order.revenue_type;
    const amount = revenueOf(event, order);
    for (const product of products) {
      const item: Dict = { ...product };
      // Price may be 0; a quantity is required.
      if (perProduct && item.price != null && item.quantity) {
        if (revenueType) item.revenueType = revenueType;
        if (amount) item.revenue = amount;
        ops.push(revenue('Product Purchased', item));
      }
      ops.push(...logEvent('Product Purchased', item, options, perProduct));
    }
    return ops;
  };

  return {
    track(m: Message): Operation[] {
      const event = String(m.event);
      const props = { ...m.properties };
      return ORDER_COMPLETED.test(event) ? orderCompleted(event, props, m.options) : logEvent(event, props, m.options, false);
    },

    /** `m.properties` already holds the page defaults (path, referrer, search, title, url). */
    page(m: Message): Operation[] {
      const props: Dict = { ...m.properties };
      if (m.category) props.category = m.category;
      if (m.name) props.name = m.name;
      const fullName = m.name && m.category ? `${m.category} ${m.name}` : m.name;
      const names: string[] = [];
      if (settings.trackAllPages) names.push('Loaded a Page');
      if (m.category && settings.trackCategorizedPages) names.push(`Viewed ${m.category} Page`);
      if (fullName && settings.trackNamedPages) names.push(`Viewed ${fullName} Page`);
      return names.flatMap((name) => logEvent(name, { ...props }, m.options, false));
    },

    /** `m.traits` are the user's traits after this call (analytics.js keeps and merges them). */
    identify(m: Message): Operation[] {
      const ops: Operation[] = [];
      if (m.userId) ops.push(['setUserId', m.userId]);
      const traits: Dict = { ...m.traits };
      if (m.userId) traits.id = m.userId;
      const operations: Dict = {};
      const put = (op: string, key: string) => ((operations[op] ??= {})[key] = traits[key]);
      for (const key of Object.keys(traits)) {
        const increment = settings.traitsToIncrement.includes(key);
        const setOnce = settings.traitsToSetOnce.includes(key);
        if (increment) put('$add', key);
        if (setOnce) put('$setOnce', key);
        if (!increment && !setOnce) put('$set', key);
      }
      if (Object.keys(operations).length) ops.push(['identify', operations]);
      const groups = amplitudeOptions(m.options).groups;
      if (groups && typeof groups === 'object') for (const type of Object.keys(groups)) ops.push(['setGroup', type, groups[type]]);
      return ops;
    },

    /** `m.traits` are the group's traits after this call. */
    group(m: Message): Operation[] {
      const traits = m.traits ?? {};
      const type = settings.groupTypeTrait === undefined ? undefined : traits[settings.groupTypeTrait];
      const value = settings.groupValueTrait === undefined ? undefined : traits[settings.groupValueTrait];
      if (type && value) return [['setGroup', String(type), value]];
      return m.groupId ? [['setGroup', '[Segment] Group', m.groupId]] : [];
    },
  };
};

export type Mapping = ReturnType<typeof createMapping>;
