// What `npm start` needs before it serves: its arguments, whether the build is up to date, and a build that
// says what it is doing (rollup runs for half a minute on a first run).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const START_USAGE = `Usage: npm start [-- --fresh] [-- --build]

  --fresh   start with no stored events (deletes .footprint/events.ndjson from earlier runs)
  --build   build even when the packages' builds look up to date
  --help    show this help

  PORT=N npm start   listen on port N instead of 8787`;

/**
 * Reads `npm start` arguments.
 * @example
 * parseStartArgs(['--fresh']); // { ok: true, fresh: true, build: false, help: false }
 */
export function parseStartArgs(argv) {
  const flags = { fresh: false, build: false, help: false };
  for (const arg of argv) {
    if (arg === '--fresh') flags.fresh = true;
    else if (arg === '--build') flags.build = true;
    else if (arg === '--help' || arg === '-h') flags.help = true;
    else return { ok: false, error: `unknown argument ${arg}` };
  }
  return { ok: true, ...flags };
}

const SKIP = new Set(['node_modules', 'dist', '.footprint']);

/** Newest modification time of the files under `dir`, skipping build outputs and dependencies. */
function newest(dir, skip = SKIP) {
  let result;
  const walk = (path) => {
    for (const name of readdirSync(path)) {
      if (skip.has(name)) continue;
      const full = join(path, name);
      const stat = statSync(full);
      if (stat.isDirectory()) walk(full);
      else result = Math.max(result ?? 0, stat.mtimeMs);
    }
  };
  walk(dir);
  return result;
}

/**
 * Why the packages need a build, or undefined when every package's `dist/` is newer than its sources, its
 * package.json and the build configuration.
 * @example
 * needsBuild('/repo/'); // 'packages/core has no build yet' | undefined
 */
export function needsBuild(root) {
  const config = ['rollup.config.mjs', 'tsconfig.base.json'].map((f) => join(root, f)).filter(existsSync).map((f) => statSync(f).mtimeMs);
  const packagesDir = join(root, 'packages');
  for (const name of readdirSync(packagesDir)) {
    const dir = join(packagesDir, name);
    if (!existsSync(join(dir, 'src', 'index.ts'))) continue;
    const dist = join(dir, 'dist');
    if (!existsSync(dist) || readdirSync(dist).length === 0) return `packages/${name} has no build yet`;
    // The newest output stands for the last build: older leftovers (renamed chunks) must not force a rebuild.
    const built = newest(dist, new Set());
    const sources = Math.max(newest(join(dir, 'src')) ?? 0, statSync(join(dir, 'package.json')).mtimeMs, ...config);
    if (built === undefined || sources > built) return `packages/${name} changed since its last build`;
  }
  return undefined;
}

/** The number of bundles rollup.config.mjs makes, read from the config itself (rollup prints one "created" line per entry). */
export async function bundleCount(root) {
  const configs = (await import(pathToFileURL(join(root, 'rollup.config.mjs')).href)).default;
  return Array.isArray(configs) ? configs.length : 1;
}

/**
 * Turns rollup's output into one progress line per finished bundle.
 * @example
 * const progress = createProgress(11, console.log);
 * progress('created packages/core/dist in 2.1s'); // prints "  [ 1/11] core                        2.1 s"
 */
export function createProgress(total, print) {
  let done = 0;
  let pending = '';
  return (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const created = /^created (\S+?)(?:,.*)? in ([\d.]+m?s)$/.exec(line.trim());
      if (!created) continue;
      done += 1;
      const [, output, took] = created;
      const what = /packages\/([^/]+)\/dist\/(cdn\/)?footprint/.test(output) ? 'script tag (footprint.min.js)' : (/packages\/([^/,]+)/.exec(output)?.[1] ?? output);
      print(`  [${String(done).padStart(String(total).length)}/${total}] ${what.padEnd(30)} ${took.replace(/(\d)(m?s)$/, '$1 $2')}`);
    }
    return done;
  };
}

/**
 * Runs rollup with a progress line per bundle and a note every 10 s of silence; resolves with rollup's exit code.
 * On failure rollup's own output is printed whole.
 * @example
 * const code = await buildWithProgress('/repo/', console.log);
 */
export async function buildWithProgress(root, print) {
  const total = await bundleCount(root);
  const started = Date.now();
  print(`  Building ${total} bundles (about half a minute the first time)…`);
  const child = spawn(process.execPath, [join(root, 'node_modules', 'rollup', 'dist', 'bin', 'rollup'), '-c'], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let last = Date.now();
  const progress = createProgress(total, (line) => {
    last = Date.now();
    print(line);
  });
  const onData = (chunk) => {
    output += chunk;
    progress(String(chunk));
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const ticker = setInterval(() => {
    if (Date.now() - last < 10_000) return;
    last = Date.now();
    print(`  … still building (${Math.round((Date.now() - started) / 1000)} s)`);
  }, 1000);
  return new Promise((done) => {
    child.on('close', (code) => {
      clearInterval(ticker);
      if (code === 0) print(`  Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      else print(`\n  The build failed (rollup exit code ${code}):\n\n${output}`);
      done(code ?? 1);
    });
  });
}
