export { getHost, isObject, type Host } from './host';
export { onPage } from './plugin';
export { later, listen } from './zone';
export { idleScheduler, observerCtor } from './idle';
export { storageArea, tabStore, webStore, type TabStore } from './web-store';
export { watchNavigation } from './navigation';
export {
  CAMPAIGN_KEYS,
  campaignProperties,
  decodeUri,
  isCampaignEvent,
  pageProperties,
  type Campaign,
  type CampaignKey,
  type PageLocation,
} from './page';
