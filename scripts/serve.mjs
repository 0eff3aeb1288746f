// Shared by `npm start` and `npm run example`: builds the SDK, starts the local collector with the given
// static mounts, prints where to go, and stops cleanly on Ctrl-C.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** Runs `npm run build`; exits the process with its status when it fails. */
export const buildSdk = () => {
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
};

/**
 * Starts the collector on `PORT` (default 8787) serving `mounts`, then prints `title` and `links(url)`.
 * `options` go to startCollector as they are (e.g. `{ fresh: true }`).
 */
export const serve = async ({ mounts, title, links, options = {} }) => {
  const { startCollector } = await import('../packages/collector/dist/index.mjs');
  let collector;
  try {
    collector = await startCollector({ port: Number(process.env.PORT ?? 8787), static: mounts, ...options });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  const rows = [...links(collector.url), ['Live inspector', `${collector.url}/`], ['Upload endpoint', `${collector.url}/2/httpapi`], ['Stored events', `${process.cwd()}/.footprint/events.ndjson`]];
  console.log(`\n  ${title}\n\n${rows.map(([label, url]) => `  ${label.padEnd(15)} ${url}`).join('\n')}\n\n  Press Ctrl-C to stop.\n`);
  const stop = async () => {
    await collector.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};
