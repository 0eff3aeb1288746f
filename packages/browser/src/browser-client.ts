import { createClient } from '@footprint/core';
import { fetchTransport } from './transport-fetch';
import { VERSION } from './version';

/** The browser context stamped on every event (PROTOCOL §A.3). Read at event time, never at import time. */
const browserContext = () => {
  const nav = typeof navigator === 'undefined' ? undefined : navigator;
  return {
    platform: 'Web',
    ip: '$remote',
    ...(nav ? { language: nav.languages?.[0] ?? nav.language, user_agent: nav.userAgent } : {}),
  };
};

/**
 * Creates an independent Footprint client for the browser.
 * @example
 * const eu = createInstance();
 * eu.init('API_KEY', { serverZone: 'EU' });
 */
export const createInstance = () =>
  createClient({
    library: `footprint-browser/${VERSION}`,
    defaults: { transportProvider: fetchTransport() },
    context: browserContext,
  });

export type BrowserClient = ReturnType<typeof createInstance>;
