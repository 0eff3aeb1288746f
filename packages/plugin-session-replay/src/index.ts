export { sessionReplayPlugin, PLUGIN_NAME, type SessionReplayPlugin } from './session-replay-plugin';
export { TRACK_URL_EU, TRACK_URL_US, trackUrl, type ReplaySendRequest, type SessionReplayOptions } from './options';
export { REPLAY_PROPERTY, SKIPPED_HEADER, replayId, uploadUrl } from './wire';
export { inSample } from './sampling';
export type { ReplayMaskLevel, ReplayPrivacyConfig } from '@footprint/plugin-masking';
