import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The folder of vendor documentation the vendor suite reads, from `FOOTPRINT_VENDOR_SPEC`. The suite runs
 * third-party samples verbatim, so without that folder it cannot run at all: it fails loudly rather than
 * passing with nothing checked (see docs/testing.md).
 */
export const vendorSpecDir = (): string => {
  const dir = process.env.FOOTPRINT_VENDOR_SPEC;
  if (!dir) throw new Error('FOOTPRINT_VENDOR_SPEC is not set: point it at the folder of vendor docs (see docs/testing.md).');
  const abs = resolve(dir);
  if (!existsSync(abs)) throw new Error(`FOOTPRINT_VENDOR_SPEC is set to ${abs}, which does not exist.`);
  return abs;
};

/** One vendor page's text, by its path inside the vendor folder; fails naming the file when it is missing. */
export const vendorPage = (path: string): string => {
  const file = join(vendorSpecDir(), path);
  if (!existsSync(file)) throw new Error(`vendor page missing: ${file}`);
  return readFileSync(file, 'utf8');
};
