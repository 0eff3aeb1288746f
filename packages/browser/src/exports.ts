// What both entries (the drop-in `@footprint/browser` and `@footprint/browser/lite`) export besides
// their default instance's methods: types, enums, Identify and Revenue.
export type { BrowserClient } from './browser-client';
export type { ConsentState } from './consent';
export type { CrossDomainOptions, CrossDomainParams } from './cross-domain';
export { VERSION } from './version';
export { runQueuedFunctions, type QueuedCall } from './queue';
export { trackVideo, type EmbeddedVideoPlayer, type TrackVideoResult, type VideoCaptureOptions, type VideoVendor } from './video';
export * as Types from './types';
export {
  Identify,
  Revenue,
  LogLevel,
  ServerZone,
  TransportType,
  IdentifyOperation,
  SpecialEventType,
  RevenueProperty,
  OfflineDisabled,
  memoryStorage,
} from '@footprint/core';
export type {
  AsyncResult,
  AnalyticsIdentity,
  BaseEvent,
  BeforePlugin,
  Config,
  DestinationPlugin,
  EnrichmentPlugin,
  Event,
  EventOptions,
  Logger,
  Options,
  BrowserOptions,
  Plugin,
  Result,
  Storage,
  Transport,
  TransportResponse,
  UserSession,
} from '@footprint/core';

/**
 * Accepted for compatibility and does nothing: Footprint sends no diagnostics (docs/differences.md).
 * @example
 * _setDiagnosticsSampleRate(0.1); // no effect
 */
export const _setDiagnosticsSampleRate = (sampleRate: number): void => void sampleRate;
