export { pageViewsPlugin, PAGE_VIEWED, PAGE_VIEW_STORAGE_KEY, type PageViewsOptions } from './page-views-plugin';
export {
  pageUrlEnrichmentPlugin,
  previousPageType,
  nextUrlInfo,
  URL_INFO_STORAGE_KEY,
  type PageUrlEnrichmentOptions,
  type PreviousPageType,
  type UrlInfo,
} from './page-url-enrichment-plugin';
export { pageKey, type HistoryChanges } from './page-key';
