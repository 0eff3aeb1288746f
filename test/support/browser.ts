import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { inject } from 'vitest';

/** Flags for headless Debian Chromium as root on a machine with no outside network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Where Chromium is: `CHROME_PATH`, else Debian's `/usr/bin/chromium`. */
export const chromiumPath = () => process.env.CHROME_PATH ?? '/usr/bin/chromium';

/**
 * Headless Chromium through playwright-core: the run's shared one (test/support/chromium-server.ts) when
 * there is one, else launched here. `close()` then ends this file's connection and its pages, not the
 * shared browser. Fails loudly when Chromium is missing: end-to-end tests never skip silently.
 */
export const launchBrowser = async (): Promise<Browser> => {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install it with \`sudo apt-get install -y chromium\` ` +
        '(Debian) or set CHROME_PATH to a Chromium/Chrome binary.',
    );
  }
  const ws = inject('chromiumWs');
  return ws ? chromium.connect(ws) : chromium.launch({ executablePath, args: CHROMIUM_ARGS });
};
