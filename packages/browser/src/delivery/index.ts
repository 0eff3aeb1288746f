// Browser defaults for the delivery engine: transports, localStorage queue, page lifecycle, connectivity,
// tab locks. `browser-client.ts` passes them to the core client (docs/protocol.md §A.5–A.7, docs/differences.md §C.1, docs/differences.md §C.5).
import type { Options, TransportTypeOrOptions } from '@footprint/core';
import { localStorageProvider } from './local-storage';
import { browserConnectivity, browserTabLocks, localStorageArea, pageLifecycle, transportPlatform } from './page';
import { createTransport } from './transport';

/**
 * A browser transport for `transport` / `setTransport` (`'fetch'`, `'xhr'`, `'beacon'` or `{ type, headers }`).
 * @example
 * init('API_KEY', { transportProvider: browserTransport('xhr') });
 */
export const browserTransport = (transport?: TransportTypeOrOptions) => createTransport(transport, transportPlatform);

/**
 * The delivery defaults for one browser client. Creating them touches no global.
 * @example
 * createClient({ library, defaults: { ...browserDeliveryDefaults() } });
 */
export const browserDeliveryDefaults = (): Options => ({
  transportProvider: browserTransport(),
  storageProvider: localStorageProvider(localStorageArea),
  lifecycle: pageLifecycle(),
  connectivity: browserConnectivity(),
  tabLocks: browserTabLocks(),
});

export { createTransport } from './transport';
export { localStorageProvider } from './local-storage';
