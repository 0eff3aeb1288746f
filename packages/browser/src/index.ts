import { autocapturePlugins } from './autocapture';
import { createBrowserClient, type BrowserClient } from './browser-client';

/**
 * Creates an independent Footprint client: its own identity, storage key, queue and plugins. Its `init`
 * wires the autocapture set like the anchor's (`autocapture` option); `@footprint/browser/lite` does not.
 * @example
 * const eu = createInstance();
 * eu.init('API_KEY', { serverZone: 'EU', instanceName: 'eu' });
 */
export const createInstance = () => createBrowserClient(autocapturePlugins);

// The default instance. Creating it touches no browser global, so importing this module is SSR-safe.
const client = createInstance();

/**
 * Initializes the default instance; calls made before it are queued and replayed after it.
 * A second call is ignored with a warning that names what differed.
 * @example
 * init('API_KEY');                       // or init('API_KEY', 'user@example.com', { serverZone: 'EU' })
 * await init('API_KEY', { flushQueueSize: 10 }).promise;
 */
export const init = client.init;
/**
 * Tracks an event: a name with optional properties and event options, or a whole event object.
 * @example
 * track('Button Clicked', { color: 'blue' });
 * const { code, message } = await track({ event_type: 'Signed Up', groups: { org: 'acme' } }).promise;
 */
export const track = client.track;
/**
 * Alias of {@link track}.
 * @example
 * logEvent('Button Clicked');
 */
export const logEvent = client.logEvent;
/**
 * Sends the user-property operations of an {@link Identify} as one `$identify` event.
 * @example
 * identify(new Identify().set('plan', 'pro').add('logins', 1));
 */
export const identify = client.identify;
/**
 * Sets group properties with a `$groupidentify` event.
 * @example
 * groupIdentify('org', 'acme', new Identify().set('seats', 40));
 */
export const groupIdentify = client.groupIdentify;
/**
 * Puts the user in a group (or several), as a user property and on the `$identify` event's `groups`.
 * @example
 * setGroup('sport', ['tennis', 'soccer']);
 */
export const setGroup = client.setGroup;
/**
 * Tracks a purchase as a `revenue_amount` event; a {@link Revenue} without a valid price is refused.
 * @example
 * revenue(new Revenue().setProductId('sku-1').setPrice(3.99).setQuantity(2));
 */
export const revenue = client.revenue;
/**
 * Sends every queued event now.
 * @example
 * await flush().promise;
 */
export const flush = client.flush;
/**
 * Adds a plugin; it is set up at init, or at once if init has run. Duplicate names are refused.
 * @example
 * add({ name: 'stamp', execute: async (e) => ({ ...e, app_version: '1.2.3' }) });
 */
export const add = client.add;
/**
 * Removes a plugin by name, calling its `teardown`.
 * @example
 * remove('stamp');
 */
export const remove = client.remove;
/**
 * The current user id.
 * @example
 * const id = getUserId(); // 'user@example.com' or undefined
 */
export const getUserId = client.getUserId;
/**
 * Sets the user id for events tracked from now on; `undefined` clears it. Ids shorter than `minIdLength` are refused.
 * @example
 * setUserId('user@example.com');
 */
export const setUserId = client.setUserId;
/**
 * The current device id (a UUID unless you set one).
 * @example
 * const id = getDeviceId();
 */
export const getDeviceId = client.getDeviceId;
/**
 * Sets the device id for events tracked from now on.
 * @example
 * setDeviceId(crypto.randomUUID());
 */
export const setDeviceId = client.setDeviceId;
/**
 * The current session id (the session's start time in ms since epoch).
 * @example
 * const sessionId = getSessionId();
 */
export const getSessionId = client.getSessionId;
/**
 * Starts a session with this id (ms since epoch); ends the previous one with `session_end` when sessions are tracked.
 * @example
 * setSessionId(Date.now());
 */
export const setSessionId = client.setSessionId;
/**
 * Counts now as activity, so the session does not time out.
 * @example
 * extendSession();
 */
export const extendSession = client.extendSession;
/**
 * Forgets the user: a new device id and no user id; the session continues.
 * @example
 * reset(); // on logout
 */
export const reset = client.reset;
/**
 * Whether the user is opted out.
 * @example
 * if (getOptOut()) showConsentBanner();
 */
export const getOptOut = client.getOptOut;
/**
 * Opts the user out (nothing stored or sent) or back in; remembered in identity storage.
 * @example
 * setOptOut(true);
 */
export const setOptOut = client.setOptOut;
/**
 * Switches the upload transport.
 * @example
 * setTransport('fetch');
 */
export const setTransport = client.setTransport;
/**
 * The current user id, device id and known user properties.
 * @example
 * const { userId, deviceId, userProperties } = getIdentity();
 */
export const getIdentity = client.getIdentity;
/**
 * Sets user id, device id and/or user properties at once (user properties are sent with `identify`).
 * @example
 * setIdentity({ userId: 'user@example.com', userProperties: { plan: 'pro' } });
 */
export const setIdentity = client.setIdentity;

/**
 * Records the visitor's consent decision for the default instance. Start with `init(key, { consent: 'pending' })`
 * to store nothing and hold events in memory; `'granted'` then stores identity (same device id) and sends
 * them; `'denied'` drops them and deletes what was stored.
 * @example
 * init('API_KEY', { consent: 'pending' });
 * banner.onAccept(() => setConsent('granted'));
 * @default 'granted'
 */
export const setConsent = client.setConsent;
/**
 * The default instance's consent state.
 * @example
 * if (getConsent() === 'pending') showBanner();
 */
export const getConsent = client.getConsent;
/**
 * Adds this visitor's `ampDeviceId`, `ampSessionId` and an expiring `ampTimestamp` to a link, so the
 * site it opens (another domain running Footprint or Amplitude) continues the same device and session.
 * @example
 * link.href = decorateUrl('https://shop.example.org/cart'); // valid 5 minutes
 * decorateUrl(url, { ttl: 60_000 });
 * @default ttl 300000 ms
 */
export const decorateUrl = client.decorateUrl;
/**
 * The parameters {@link decorateUrl} adds: `{ ampDeviceId, ampSessionId, ampTimestamp }`.
 * @example
 * const { ampDeviceId, ampSessionId, ampTimestamp } = getCrossDomainParams();
 */
export const getCrossDomainParams = client.getCrossDomainParams;

/**
 * The anchor's client class: `new AmplitudeBrowser()` is an independent instance, as {@link createInstance}
 * gives (it is not an `instanceof` target).
 * @example
 * const client = new AmplitudeBrowser();
 * client.init('API_KEY', { instanceName: 'second' });
 */
export const AmplitudeBrowser = function AmplitudeBrowser() {
  return createInstance();
} as unknown as { new (): BrowserClient };

export * from './exports';
