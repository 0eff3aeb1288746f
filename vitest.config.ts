import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const src = (name: string) => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

// Unit tests run on sources (no build needed); e2e, compat and fault tests drive the built bundles in Chromium.
const alias = [{ find: /^@footprint\/([a-z-]+)$/, replacement: src('$1') }];
// Unit tests run the development build's messages (docs/errors.md); e2e tests load the built files.
const define = { __DEV__: 'true' };
const browser = { testTimeout: 60_000, hookTimeout: 60_000, environment: 'node' } as const;

// Two workers for the unit tests (the default on a 2-core machine is one). Then each project runs in a group
// of its own: the Chromium tests one file at a time (two at once only make each about twice as slow), and
// last the fault suite, alone, in a fresh worker with a Chromium of its own, so nothing an earlier file
// left running takes CPU from it.
export default defineConfig({
  test: {
    maxWorkers: 2,
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
          ...browser,
          name: 'e2e',
          globalSetup: ['test/support/chromium-server.ts'],
          include: ['test/e2e/**/*.test.ts', 'test/compat/**/*.test.ts', 'test/pack/**/*.test.ts'],
          fileParallelism: false,
          maxConcurrency: 2,
          // The files run one after another in one worker that keeps its modules: each file no longer loads
          // playwright-core and the harness afresh (about a second each). The harness keeps no state
          // between files: each file makes its own collector and browser connection. Vitest runs such a
          // project in a group of its own (a project of one worker cannot share a group with two-worker
          // unit tests): after the unit tests, which then no longer take CPU from the first Chromium tests.
          isolate: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        resolve: { alias },
        define,
        test: {
          ...browser,
          // It runs its scenarios side by side, two at a time: more at once starves Chromium of CPU, which
          // then cuts a hiding page short (docs/delivery.md "The trade-off").
          name: 'faults',
          globalSetup: ['test/support/chromium-server.ts'],
          include: ['test/faults/**/*.test.ts'],
          maxConcurrency: 2,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
