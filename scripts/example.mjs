// `npm run example -- <name>`: builds the SDK (and, for Vite examples, the example), starts the local
// collector serving it, and prints where to go. `--no-build` skips both builds (they must exist).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Each example and what it needs: `vite` examples are served from their `dist/`. */
const EXAMPLES = {
  'script-tag': { about: 'plain HTML with footprint.min.js' },
  spa: { about: 'single-page app, import map to the ESM builds', packages: true },
  'vite-spa': { about: 'Vite + npm import, history routing', vite: true },
  'custom-plugin': { about: 'an enrichment and a destination plugin in TypeScript (Vite)', vite: true },
  'feature-flags': { about: '$exposure events from a ConfigCat-style flagEvaluated hook' },
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

const exampleDir = `${root}examples/${name}`;
if (!skipBuild) {
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  if (example.vite) {
    const { build: viteBuild } = await import('vite');
    await viteBuild({ root: exampleDir, logLevel: 'warn' });
  }
}
if (example.vite && !existsSync(`${exampleDir}/dist/index.html`)) {
  console.error(`examples/${name}/dist is missing: run without --no-build.`);
  process.exit(1);
}

const { startCollector } = await import('../packages/collector/dist/index.mjs');
const port = Number(process.env.PORT ?? 8787);
const mounts = { '/examples/': `${root}examples`, '/sdk/': `${root}packages/browser/dist` };
if (example.vite) mounts[`/examples/${name}/`] = `${exampleDir}/dist`;
if (example.packages) Object.assign(mounts, { '/packages/': `${root}packages`, '/node_modules/': `${root}node_modules` });
let collector;
try {
  collector = await startCollector({ port, static: mounts });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

console.log(`
  Footprint example "${name}" is running.

  Example         ${collector.url}/examples/${name}/
  Live inspector  ${collector.url}/
  Upload endpoint ${collector.url}/2/httpapi

  Press Ctrl-C to stop.
`);

const stop = async () => {
  await collector.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
