// Endpoint choice (docs/protocol.md §A.3): serverUrl wins; else zone host + /2/httpapi or /batch. The one host table:
// the client resolves `serverUrl` with it at init (config.ts `resolveServerUrl`), and the engine reads that.

const HOSTS = { US: 'https://api2.amplitude.com', EU: 'https://api.eu.amplitude.com' } as const;

/**
 * The URL uploads go to.
 * @example
 * serverUrlFor({ serverZone: 'EU', useBatch: true }); // 'https://api.eu.amplitude.com/batch'
 */
export const serverUrlFor = (o: { serverUrl?: string; serverZone?: string; useBatch?: boolean }): string =>
  o.serverUrl || `${HOSTS[o.serverZone === 'EU' ? 'EU' : 'US']}${o.useBatch ? '/batch' : '/2/httpapi'}`;

/** True for the four vendor endpoints, where gzip is on by default (docs/protocol.md §A.5). */
export const isVendorUrl = (url: string): boolean => /^https:\/\/api(2|\.eu)\.amplitude\.com\/(2\/httpapi|batch)$/.test(url);
