import { createAnalytics, type Analytics, type LoadOptions } from './facade';

/**
 * Creates an analytics.js-compatible object that does nothing until its `load` is called.
 * @example
 * const analytics = createAnalytics();
 * analytics.load('AMPLITUDE_API_KEY', { amplitude: { trackAllPages: true } });
 * analytics.track('Signed Up', { plan: 'pro' });
 */
export { createAnalytics };

/**
 * The `@segment/analytics-next` entry point: `AnalyticsBrowser.load(...)` returns an object with
 * `page`, `identify`, `track`, `group`, `reset`, `ready` and `user`, whose calls return promises.
 * @example
 * const analytics = AnalyticsBrowser.load({ writeKey: 'AMPLITUDE_API_KEY' }, { amplitude: { useLogRevenueV2: true } });
 * await analytics.track('Order Completed', { revenue: 25, products: [{ productId: 'p1', price: 25, quantity: 1 }] });
 */
export const AnalyticsBrowser = {
  load(settings: { writeKey: string }, options?: LoadOptions): Analytics {
    const analytics = createAnalytics();
    analytics.load(settings, options);
    return analytics;
  },
};

export type { Analytics, Context, LoadOptions, User } from './facade';
export type { AmplitudeSettings } from './settings';
