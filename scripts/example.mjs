// `npm run example -- <name>`: builds the SDK (and, for Vite examples, the example), starts the local
// collector serving it, and prints where to go. `--no-build` skips both builds (they must exist).
import { existsSync } from 'node:fs';
import { buildSdk, root, serve } from './serve.mjs';

/** Each example and what it needs: `vite` examples are served from their `dist/`. */
const EXAMPLES = {
  'script-tag': { about: 'plain HTML with footprint.min.js' },
  spa: { about: 'single-page app, import map to the ESM builds', packages: true },
  'vite-spa': { about: 'Vite + npm import, history routing', vite: true },
  'custom-plugin': { about: 'an enrichment and a destination plugin in TypeScript (Vite)', vite: true },
  'feature-flags': { about: '$exposure events from a ConfigCat-style flagEvaluated hook' },
  'feature-flags-split': { about: 'Split (Harness FME) treatments as user properties (Vite)', vite: true, dir: 'feature-flags/split' },
  consent: { about: 'start without storage, upgrade on consent' },
};

const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith('-'));
const example = name ? EXAMPLES[name] : undefined;
if (!example) {
  console.error(`Usage: npm run example -- <name> [--no-build]\n\nExamples:`);
  for (const [key, { about }] of Object.entries(EXAMPLES)) console.error(`  ${key.padEnd(14)} ${about}`);
  process.exit(name ? 1 : 2);
}
const skipBuild = args.includes('--no-build');

// `dir`: an example that lives inside another example's folder.
const dir = example.dir ?? name;
const exampleDir = `${root}examples/${dir}`;
if (!skipBuild) {
  buildSdk();
  if (example.vite) {
    const { build: viteBuild } = await import('vite');
    await viteBuild({ root: exampleDir, logLevel: 'warn' });
  }
}
if (example.vite && !existsSync(`${exampleDir}/dist/index.html`)) {
  console.error(`examples/${dir}/dist is missing: run without --no-build.`);
  process.exit(1);
}

const mounts = { '/examples/': `${root}examples`, '/sdk/': `${root}packages/browser/dist` };
if (example.vite) mounts[`/examples/${dir}/`] = `${exampleDir}/dist`;
if (example.packages) Object.assign(mounts, { '/packages/': `${root}packages`, '/node_modules/': `${root}node_modules` });
await serve({
  mounts,
  title: `Footprint example "${name}" is running.`,
  links: (url) => [['Example', `${url}/examples/${dir}/`]],
});
