// Written as Amplitude's Browser SDK 2 docs and apps use it; compiled against the anchor and against
// Footprint (test/types/dropin.test.ts swaps the import with a path mapping).
import * as amplitude from '@amplitude/analytics-browser';
import { Identify, Revenue, Types, createInstance, init, track, logEvent, flush, add, remove } from '@amplitude/analytics-browser';

init('API_KEY');
init('API_KEY', 'user@example.com');
init('API_KEY', undefined, { serverZone: 'EU' });
init('API_KEY', {
  serverZone: Types.ServerZone.EU,
  serverUrl: 'https://proxy.example.com/2/httpapi',
  useBatch: false,
  flushQueueSize: 30,
  flushIntervalMillis: 1000,
  flushMaxRetries: 5,
  logLevel: Types.LogLevel.Debug,
  loggerProvider: { disable() {}, enable() {}, log() {}, warn() {}, error() {}, debug() {} },
  minIdLength: 3,
  optOut: false,
  userId: 'user@example.com',
  deviceId: 'device-12345',
  sessionId: Date.now(),
  sessionTimeout: 30 * 60 * 1000,
  appVersion: '1.2.3',
  partnerId: 'partner',
  plan: { branch: 'main', source: 'web', version: '1', versionId: 'v1' },
  ingestionMetadata: { sourceName: 'app', sourceVersion: '1' },
  trackingOptions: { ipAddress: false, language: true, platform: true },
  identityStorage: 'localStorage',
  cookieOptions: { domain: '.example.com', expiration: 365, sameSite: 'Lax', secure: true, upgrade: true },
  transport: 'beacon',
  offline: Types.OfflineDisabled,
  enableRequestBodyCompression: true,
  fetchRemoteConfig: false,
  pageCounter: 0,
  networkTrackingOptions: { captureRules: [{ hosts: ['*.example.com'], statusCodeRange: '500-599' }] },
  autocapture: {
    attribution: { excludeReferrers: [/example\.com$/], initialEmptyValue: 'EMPTY', resetSessionOnNewCampaign: true },
    pageViews: { trackOn: 'attribution', trackHistoryChanges: 'pathOnly' },
    sessions: true,
    formInteractions: true,
    fileDownloads: true,
    elementInteractions: { cssSelectorAllowlist: Types.DEFAULT_CSS_SELECTOR_ALLOWLIST, actionClickAllowlist: Types.DEFAULT_ACTION_CLICK_ALLOWLIST, dataAttributePrefix: Types.DEFAULT_DATA_ATTRIBUTE_PREFIX },
    networkTracking: true,
    webVitals: true,
    frustrationInteractions: true,
    pageUrlEnrichment: true,
  },
});

const promise: Promise<Types.Result> = track('Button Clicked', { color: 'blue' }).promise;
void promise.then((r) => r.code === 200 && r.event.event_type && r.message);
track('Signed Up', undefined, { user_id: 'user@example.com', device_id: 'device-12345', time: Date.now(), insert_id: 'abc', groups: { org: 'acme' } });
track({ event_type: 'Purchased', event_properties: { sku: 1 }, user_properties: { plan: 'pro' }, groups: { org: ['a', 'b'] } });
logEvent('Legacy');
track('Revenue-ish', {}, { price: 3.99, quantity: 2, revenue: 7.98, productId: 'sku', revenueType: 'purchase', currency: 'EUR', receipt: 'r', receiptSig: 's' });
async function main() {
  await init('API_KEY').promise;
  const result = await amplitude.track('x').promise;
  console.log(result.code);
  await flush().promise;
  await remove('my-plugin').promise;
  await add({ name: 'noop', execute: async (event) => event }).promise;
  const other = createInstance();
  other.init('OTHER_KEY', { instanceName: 'other' });
  other.track('from other');
  const identify = new Identify().set('plan', 'pro');
  other.identify(identify);
  other.revenue(new Revenue().setPrice(1));
}
void main;
