export { localStore } from './local-store';
export { attributionPlugin, webAttributionPlugin, ATTRIBUTION_EVENT, type AttributionOptions, type TrackingMethod } from './attribution-plugin';
export {
  CAMPAIGN_KEYS,
  campaignIdentify,
  defaultExcludedReferrers,
  isEmptyCampaign,
  isExcludedReferrer,
  isSubdomainOf,
  notNewCampaignReason,
  parseCampaign,
  registrableDomain,
  type Campaign,
  type CampaignKey,
  type CampaignRules,
  type InternalReferrerCondition,
  type ReferrerRules,
} from './campaign';
