// The script-tag bundle's ./load.ts (rollup.config.mjs): the remote-config code is inside the one file,
// so it is imported directly; still resolved asynchronously, as from the chunk npm builds load.
import { startRemoteConfig } from './remote-config';

/** Resolves to the remote-config code, already in the bundle. */
export const loadRemoteConfig = async () => startRemoteConfig;
