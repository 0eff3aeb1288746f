// `npm start`: builds every package, starts the local collector with its live inspector,
// serves examples/ and the SDK build beside it, and prints where to go.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const { startCollector } = await import('../packages/collector/dist/index.mjs');
const port = Number(process.env.PORT ?? 8787);
let collector;
try {
  collector = await startCollector({
    port,
    static: { '/examples/': `${root}examples`, '/sdk/': `${root}packages/browser/dist` },
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

console.log(`
  Footprint demo is running.

  Demo page       ${collector.url}/examples/script-tag/
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
