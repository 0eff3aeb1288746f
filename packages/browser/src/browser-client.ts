import { createClient, DELIVERY_OPTION_KINDS, type Event } from '@footprint/core';
import { browserDeliveryDefaults, browserTransport } from './delivery';
import { VERSION } from './version';

/** The browser context stamped on every event (PROTOCOL §A.3). Read at event time, never at import time. */
const browserContext = (): Partial<Event> => {
  const nav = typeof navigator === 'undefined' ? undefined : navigator;
  return {
    platform: 'Web',
    ...(nav && { language: nav.languages?.[0] ?? nav.language, user_agent: nav.userAgent }),
  };
};

/**
 * Creates an independent Footprint client: its own identity, storage key, queue and plugins.
 * @example
 * const eu = createInstance();
 * eu.init('API_KEY', { serverZone: 'EU', instanceName: 'eu' });
 */
export const createInstance = () =>
  createClient({
    library: `footprint-browser/${VERSION}`,
    defaults: { ...browserDeliveryDefaults() },
    context: browserContext,
    transport: (t) => browserTransport(t),
    options: DELIVERY_OPTION_KINDS,
  });

/** One browser client instance (what `createInstance()` returns). */
export type BrowserClient = ReturnType<typeof createInstance>;
