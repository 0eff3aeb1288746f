import { createInstance } from './browser-client';

const client = createInstance();

/** Initializes the default instance. */
export const init = client.init;
/** Tracks an event on the default instance. */
export const track = client.track;
/** Alias of `track`. */
export const logEvent = client.logEvent;
/** Sends every queued event now. */
export const flush = client.flush;
/** Adds a plugin to the default instance. */
export const add = client.add;
export const getDeviceId = client.getDeviceId;
export const getUserId = client.getUserId;
export const getSessionId = client.getSessionId;
export const setUserId = client.setUserId;

export { createInstance, type BrowserClient } from './browser-client';
export { VERSION } from './version';
export * from '@footprint/core';
