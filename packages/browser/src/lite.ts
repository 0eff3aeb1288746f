// `@footprint/browser/lite`: the same client with no plugin wired. `init` installs nothing but the
// context and the delivery engine; `add()` the plugins you import, and pay only for their bytes.
import { createBrowserClient } from './browser-client';

/**
 * Creates an independent client with no built-in plugins.
 * @example
 * const client = createInstance();
 * client.init('API_KEY');
 * client.add(pageViewsPlugin());
 */
export const createInstance = () => createBrowserClient();

const client = createInstance();

/** The default instance's methods; each is documented on the drop-in entry `@footprint/browser`. */
export const {
  init,
  track,
  logEvent,
  identify,
  groupIdentify,
  setGroup,
  revenue,
  flush,
  add,
  remove,
  getUserId,
  setUserId,
  getDeviceId,
  setDeviceId,
  getSessionId,
  setSessionId,
  extendSession,
  reset,
  getOptOut,
  setOptOut,
  setTransport,
  getIdentity,
  setIdentity,
  setConsent,
  getConsent,
  decorateUrl,
  getCrossDomainParams,
} = client;

export * from './exports';
