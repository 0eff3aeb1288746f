import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const src = (name: string) => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

// The vendor suite (`npm run test:vendor`): third-party samples run verbatim from the vendor docs folder
// named by FOOTPRINT_VENDOR_SPEC. Kept apart from `npm test`, which never reads outside the repository.
export default defineConfig({
  resolve: { alias: [{ find: /^@footprint\/([a-z-]+)$/, replacement: src('$1') }] },
  test: {
    name: 'vendor',
    environment: 'node',
    include: ['test/vendor/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
