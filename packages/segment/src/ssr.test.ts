// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { AnalyticsBrowser, createAnalytics } from './index';

// Server-side rendering imports the package and may call it: nothing touches a page global or throws.
describe('@footprint/segment outside a page', () => {
  it('imports and accepts every call without a window or document', () => {
    expect(typeof (globalThis as any).document).toBe('undefined');
    const analytics = createAnalytics();
    expect(() => {
      analytics.page('Docs');
      analytics.identify('user-12345', { plan: 'pro' });
      analytics.track('Rendered');
      analytics.group('org-1');
      analytics.reset();
      analytics.user().traits();
      analytics.user().anonymousId();
      AnalyticsBrowser.load({ writeKey: 'ssr-api-key-0001' }, { amplitude: { preferAnonymousIdForDeviceId: true } }).track('Server');
    }).not.toThrow();
  });
});
