// How the plugin gets the recorder: with import(), so npm builds split rrweb into a chunk fetched only
// when a session is recorded. The script file builds this module in (one file, one SRI hash).

/** Loads rrweb's recorder. */
export const loadRecord = async () => (await import('@rrweb/record')).record;
