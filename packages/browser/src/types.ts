// The `Types` namespace, as Amplitude's `Types` export: enums at run time, every public type for TypeScript.
export { LogLevel, ServerZone, TransportType, IdentifyOperation, SpecialEventType, RevenueProperty, OfflineDisabled } from '@footprint/core';
export type { AmplitudeReturn, AnalyticsIdentity, AsyncResult, AutocaptureOptions, BaseEvent, BeforePlugin, BrowserConfig, BrowserOptions, Config, CookieOptions, DestinationPlugin, EnrichmentPlugin, Event, EventOptions, GroupIdentifyEvent, IdentifyEvent, IdentityStorageType, IIdentify, ILogger, IngestionMetadata, IRevenue, Logger, Options, Plan, Plugin, PluginType, Properties, Result, ServerZoneType, Storage, TrackingOptions, Transport, TransportResponse, TransportTypeOrOptions, UploadPayload, UserSession, ValidPropertyType } from '@footprint/core';
// Types is built from other packages only (the .d.ts bundler cannot build a namespace of local types):
// core's client type stands for BrowserClient here; the top-level `BrowserClient` export is the full one.
export type { Client as BrowserClient } from '@footprint/core';
export type { Config as IConfig } from '@footprint/core';
export type { AttributionOptions } from '@footprint/plugin-attribution';
export type { ActionType, ElementInteractionsOptions } from '@footprint/plugin-element-interactions';
export { DEFAULT_ACTION_CLICK_ALLOWLIST, DEFAULT_CSS_SELECTOR_ALLOWLIST, DEFAULT_DATA_ATTRIBUTE_PREFIX, EXCLUDE_INTERNAL_REFERRERS_CONDITIONS } from '@footprint/core';
export type { Campaign, ClickIdParameters, ExcludeInternalReferrersOptions, Messenger, ReferrerParameters, UTMParameters } from '@footprint/core';
