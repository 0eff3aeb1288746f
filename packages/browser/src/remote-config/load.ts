// How the browser layer gets the remote-config code: with import(), so npm builds split it into a chunk
// that is fetched only when remote config is configured. The script-tag bundle is one file anyway: it
// is built with ./load-inline.ts in place of this module (rollup.config.mjs), the same call without
// the chunk wrapper.

/** Loads the remote-config code (see above). */
export const loadRemoteConfig = async () => (await import('./remote-config')).startRemoteConfig;
