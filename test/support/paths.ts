import { fileURLToPath } from 'node:url';

/** Absolute paths of the folders the collector serves in tests and in the demo. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const sdkDist = `${repoRoot}packages/browser/dist`;
export const examplesDir = `${repoRoot}examples`;
export const fixturesDir = `${repoRoot}test/fixtures`;
