export { pageViewsPlugin, PAGE_VIEW_STORAGE_KEY, type PageViewsOptions } from './page-views-plugin';
export {
  pageUrlEnrichmentPlugin,
  previousPageType,
  nextUrlInfo,
  URL_INFO_STORAGE_KEY,
  type PageUrlEnrichmentOptions,
  type PreviousPageType,
  type UrlInfo,
} from './page-url-enrichment-plugin';
export {
  PAGE_VIEWED,
  CAMPAIGN_KEYS,
  campaignProperties,
  decodeUri,
  isCampaignEvent,
  pageKey,
  pageProperties,
  type Campaign,
  type CampaignKey,
  type HistoryChanges,
  type PageLocation,
} from './page';
export { watchNavigation } from './navigation';
export { webStore } from './globals';
