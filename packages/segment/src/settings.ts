// The Amplitude destination settings the facade reads, in camelCase, with the defaults Segment's
// analytics.js integration for Amplitude had (docs/segment.md "Settings").

/** Settings of Segment's Amplitude destination that change what is sent (see the package README). */
export interface AmplitudeSettings {
  /** Sends "Loaded a Page" for every `page()` call. @default false */
  trackAllPages?: boolean;
  /** Sends "Viewed {Category} {Name} Page" for a `page()` call with a name. @default true */
  trackNamedPages?: boolean;
  /** Sends "Viewed {Category} Page" for a `page()` call with a category. @default true */
  trackCategorizedPages?: boolean;
  /** Uses Segment's anonymous id (`ajs_anonymous_id`) as the device id. @default false */
  preferAnonymousIdForDeviceId?: boolean;
  /** Revenue as a `revenue_amount` event with `$price`, `$quantity`, `$productId`, `$revenueType`. @default false */
  useLogRevenueV2?: boolean;
  /** On "Order Completed", one revenue event per product instead of one for the order. @default false */
  trackRevenuePerProduct?: boolean;
  /** On "Order Completed", one event listing every product instead of one "Product Purchased" each. @default false */
  trackProductsOnce?: boolean;
  /** The `group()` trait holding the Amplitude group type. */
  groupTypeTrait?: string;
  /** The `group()` trait holding the Amplitude group value. */
  groupValueTrait?: string;
  /** Traits sent with `$add` instead of `$set`. @default [] */
  traitsToIncrement?: string[];
  /** Traits sent with `$setOnce` instead of `$set`. @default [] */
  traitsToSetOnce?: string[];
}

export type Settings = Required<Omit<AmplitudeSettings, 'groupTypeTrait' | 'groupValueTrait'>> &
  Pick<AmplitudeSettings, 'groupTypeTrait' | 'groupValueTrait'>;

const DEFAULTS: Settings = {
  trackAllPages: false,
  trackNamedPages: true,
  trackCategorizedPages: true,
  preferAnonymousIdForDeviceId: false,
  useLogRevenueV2: false,
  trackRevenuePerProduct: false,
  trackProductsOnce: false,
  groupTypeTrait: undefined,
  groupValueTrait: undefined,
  traitsToIncrement: [],
  traitsToSetOnce: [],
};

const KIND: Record<keyof Settings, 'boolean' | 'string' | 'list'> = {
  trackAllPages: 'boolean',
  trackNamedPages: 'boolean',
  trackCategorizedPages: 'boolean',
  preferAnonymousIdForDeviceId: 'boolean',
  useLogRevenueV2: 'boolean',
  trackRevenuePerProduct: 'boolean',
  trackProductsOnce: 'boolean',
  groupTypeTrait: 'string',
  groupValueTrait: 'string',
  traitsToIncrement: 'list',
  traitsToSetOnce: 'list',
};

const fits = (kind: 'boolean' | 'string' | 'list', value: unknown) =>
  kind === 'list' ? Array.isArray(value) && value.every((v) => typeof v === 'string') : typeof value === kind;

/**
 * The settings to use: the defaults overridden by `raw`. A setting this facade does not know, or one of the
 * wrong type, is reported through `warn` by name and ignored; nothing throws.
 */
export const resolveSettings = (raw: unknown, warn: (message: string) => void): Settings => {
  const settings: Settings = { ...DEFAULTS };
  if (raw === undefined || raw === null) return settings;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    warn(__DEV__ ? 'the amplitude settings should be an object; the defaults are used' : 'E98 settings not an object');
    return settings;
  }
  for (const [name, value] of Object.entries(raw)) {
    const kind = KIND[name as keyof Settings];
    if (!kind) warn(__DEV__ ? `unknown amplitude setting "${name}" ignored (the README lists the settings and the Footprint options that replace the others)` : `E99 unknown setting "${name}"`);
    else if (value === undefined) continue;
    else if (!fits(kind, value)) warn(__DEV__ ? `amplitude setting "${name}" should be a ${kind === 'list' ? 'list of strings' : kind}; the default is used` : `E100 setting "${name}" invalid`);
    else (settings as unknown as Record<string, unknown>)[name] = value;
  }
  return settings;
};
