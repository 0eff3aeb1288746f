// Global setup of the e2e project: one headless Chromium for the whole run. Each test file connects to it
// (launchBrowser in browser.ts) instead of starting its own: a launch costs ~1.5 s of CPU here, and the
// e2e files are CPU-bound. Files that need other flags (the back-forward cache on, host rules) still
// launch their own.
import type { TestProject } from 'vitest/node';
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { CHROMIUM_ARGS, chromiumPath } from './browser';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared Chromium's WebSocket endpoint (empty when it could not start: each file then launches its own and says why). */
    chromiumWs: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync(chromiumPath())) {
    project.provide('chromiumWs', '');
    return;
  }
  const server = await chromium.launchServer({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  project.provide('chromiumWs', server.wsEndpoint());
  return async () => {
    await server.close();
  };
}
