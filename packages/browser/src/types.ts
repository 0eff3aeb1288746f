// The `Types` namespace, as Amplitude's `Types` export: enums at run time, every public type for TypeScript.
export {
  LogLevel,
  ServerZone,
  TransportType,
  IdentifyOperation,
  SpecialEventType,
  RevenueProperty,
  OfflineDisabled,
  type AmplitudeReturn,
  type AnalyticsIdentity,
  type AsyncResult,
  type AutocaptureOptions,
  type BaseEvent,
  type BeforePlugin,
  type BrowserConfig,
  type BrowserOptions,
  type Config,
  type CookieOptions,
  type DestinationPlugin,
  type EnrichmentPlugin,
  type Event,
  type EventOptions,
  type GroupIdentifyEvent,
  type IdentifyEvent,
  type IdentityStorageType,
  type IIdentify,
  type ILogger,
  type IngestionMetadata,
  type IRevenue,
  type Logger,
  type Options,
  type Plan,
  type Plugin,
  type PluginType,
  type Properties,
  type Result,
  type ServerZoneType,
  type Storage,
  type TrackingOptions,
  type Transport,
  type TransportResponse,
  type TransportTypeOrOptions,
  type UploadPayload,
  type UserSession,
  type ValidPropertyType,
} from '@footprint/core';
export type { BrowserClient } from './browser-client';
export type { Config as IConfig } from '@footprint/core';
export type { AttributionOptions } from '@footprint/plugin-attribution';
export { DEFAULT_ACTION_CLICK_ALLOWLIST, DEFAULT_CSS_SELECTOR_ALLOWLIST, type ActionType, type ElementInteractionsOptions } from '@footprint/plugin-element-interactions';
export { DEFAULT_DATA_ATTRIBUTE_PREFIX } from '@footprint/plugin-masking';

/** The anchor's visual-tagging messenger; Footprint has no visual tagging, so nothing calls it. */
export interface Messenger {
  logger?: import('@footprint/core').Logger;
  setup: () => void;
}

/** The `utm_*` parameters of a campaign. */
export interface UTMParameters {
  utm_campaign: string | undefined;
  utm_content: string | undefined;
  utm_id: string | undefined;
  utm_medium: string | undefined;
  utm_source: string | undefined;
  utm_term: string | undefined;
}
/** The referrer of a campaign. */
export interface ReferrerParameters {
  referrer: string | undefined;
  referring_domain: string | undefined;
}
/** The ad click ids of a campaign. */
export interface ClickIdParameters {
  dclid: string | undefined;
  fbclid: string | undefined;
  gbraid: string | undefined;
  gclid: string | undefined;
  ko_click_id: string | undefined;
  li_fat_id: string | undefined;
  msclkid: string | undefined;
  rdt_cid: string | undefined;
  ttclid: string | undefined;
  twclid: string | undefined;
  wbraid: string | undefined;
}
/** A campaign as attribution reads it from the page URL and referrer. */
export interface Campaign extends Record<string, string | undefined>, UTMParameters, ReferrerParameters, ClickIdParameters {}

/**
 * When attribution ignores a referrer on the site's own domain (`excludeInternalReferrers`).
 * @example
 * init('API_KEY', { autocapture: { attribution: { excludeInternalReferrers: { condition: EXCLUDE_INTERNAL_REFERRERS_CONDITIONS.ifEmptyCampaign } } } });
 */
export const EXCLUDE_INTERNAL_REFERRERS_CONDITIONS = { always: 'always', ifEmptyCampaign: 'ifEmptyCampaign' } as const;
/** The `excludeInternalReferrers` object form. */
export interface ExcludeInternalReferrersOptions {
  condition?: (typeof EXCLUDE_INTERNAL_REFERRERS_CONDITIONS)[keyof typeof EXCLUDE_INTERNAL_REFERRERS_CONDITIONS];
}
