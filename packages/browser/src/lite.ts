// `@footprint/browser/lite`: the same client with no plugin wired. `init` installs nothing but the
// context and the delivery engine; `add()` the plugins you import, and pay only for their bytes.
import { createBrowserClient, createBrowserParts, crossDomainMethods, type BrowserClient } from './browser-client';
import { serverSafe } from './server-safe';

/**
 * Creates an independent client with no built-in plugins.
 * @example
 * const client = createInstance();
 * client.init('API_KEY');
 * client.add(pageViewsPlugin());
 */
export const createInstance = () => createBrowserClient();

// The default instance. Its cross-domain link helpers are built on first call, so an app that does not
// import them does not bundle them.
const parts = createBrowserParts();
const client = serverSafe(parts.client);
let crossDomain: ReturnType<typeof crossDomainMethods> | undefined;
const links = () => (crossDomain ??= serverSafe(crossDomainMethods(parts)));

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
} = client;

/** `url` with `ampDeviceId`, `ampSessionId` and an expiring `ampTimestamp`, so another domain continues this visitor. */
export const decorateUrl: BrowserClient['decorateUrl'] = (url, options) => links().decorateUrl(url, options);
/** The cross-domain parameters {@link decorateUrl} adds, for building links yourself. */
export const getCrossDomainParams: BrowserClient['getCrossDomainParams'] = (options) => links().getCrossDomainParams(options);

/**
 * The anchor's client class: `new AmplitudeBrowser()` is an independent instance with no plugin wired,
 * as {@link createInstance} gives (it is not an `instanceof` target).
 * @example
 * const client = new AmplitudeBrowser();
 */
export const AmplitudeBrowser = function AmplitudeBrowser() {
  return createInstance();
} as unknown as { new (): BrowserClient };

export * from './exports';
