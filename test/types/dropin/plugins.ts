import * as amplitude from '@amplitude/analytics-browser';
import { Types } from '@amplitude/analytics-browser';

// A typed enrichment plugin, as the docs write one.
const pageProperties = (): Types.EnrichmentPlugin => ({
  name: 'page-properties',
  type: 'enrichment',
  setup: async (_config: Types.BrowserConfig, _client: Types.BrowserClient) => undefined,
  execute: async (event: Types.Event) => {
    event.event_properties = { ...event.event_properties, path: location.pathname };
    return event;
  },
});
amplitude.add(pageProperties());

// A before plugin that drops events.
const filter: Types.BeforePlugin = {
  name: 'filter',
  type: 'before',
  execute: async (event) => (event.event_type === 'noise' ? null : event),
};
amplitude.add(filter);

// A destination plugin.
class Forward implements Types.DestinationPlugin {
  name = 'forward';
  type = 'destination' as const;
  async setup(_config: Types.BrowserConfig, _client: Types.BrowserClient): Promise<void> {}
  async execute(event: Types.Event): Promise<Types.Result> {
    return { event, code: 200, message: 'forwarded' };
  }
}
amplitude.add(new Forward());

// Instances typed with the client type.
const instances: Types.BrowserClient[] = [amplitude.createInstance()];
instances[0].init('KEY', { instanceName: 'second' });
const browser = new amplitude.AmplitudeBrowser();
browser.init('KEY');

const level: Types.LogLevel = Types.LogLevel.Warn;
const zone: Types.ServerZoneType = 'EU';
const storage: Types.IdentityStorageType = 'cookie';
const special: string = Types.SpecialEventType.IDENTIFY;
const op: string = Types.IdentifyOperation.SET;
const rev: string = Types.RevenueProperty.REVENUE_PRICE;
const campaign: Partial<Types.Campaign> = { utm_source: 'news' };
const condition: Types.ExcludeInternalReferrersOptions = { condition: Types.EXCLUDE_INTERNAL_REFERRERS_CONDITIONS.ifEmptyCampaign };
const attribution: Types.AttributionOptions = { excludeInternalReferrers: condition };
const clicks: Types.ElementInteractionsOptions = { cssSelectorAllowlist: ['a'] };
const action: Types.ActionType = 'click';
console.log(level, zone, storage, special, op, rev, campaign, attribution, clicks, action);

amplitude._setDiagnosticsSampleRate(0);
amplitude.runQueuedFunctions(amplitude, []);
const video = document.querySelector('video');
if (video) {
  const stop = amplitude.trackVideo(amplitude.createInstance(), video, { extraEventProperties: { page: 'home' } });
  if (typeof stop === 'function') stop();
}
