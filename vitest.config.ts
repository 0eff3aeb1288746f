import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const src = (name: string) => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

// Unit tests run on sources (no build needed); e2e, compat and fault tests drive the built bundles in Chromium.
const alias = [{ find: /^@footprint\/([a-z-]+)$/, replacement: src('$1') }];
// Unit tests run the development build's messages (docs/errors.md); e2e tests load the built files.
const define = { __DEV__: 'true' };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        define,
        test: {
          name: 'unit',
          environment: 'happy-dom',
          include: ['packages/*/src/**/*.test.ts', 'scripts/**/*.test.ts', 'test/types/**/*.test.ts'],
        },
      },
      {
        resolve: { alias },
        define,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts', 'test/compat/**/*.test.ts', 'test/faults/**/*.test.ts', 'test/pack/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          // test/faults runs its scenarios side by side. More at once starves Chromium of CPU on a 2-core
          // machine: a page is then cut short while it hides (docs/delivery.md "The trade-off").
          maxConcurrency: 3,
        },
      },
    ],
  },
});
