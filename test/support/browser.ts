import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
 * Launches headless Chromium through playwright-core. Fails loudly when Chromium is missing:
 * end-to-end tests never skip silently.
 */
export const launchBrowser = async (): Promise<Browser> => {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install it with \`sudo apt-get install -y chromium\` ` +
        '(Debian) or set CHROME_PATH to a Chromium/Chrome binary.',
    );
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
};
