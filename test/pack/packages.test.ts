import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths';

// What a stranger installs from npm: every published package is packed once (`npm pack`, as `npm publish`
// would), then checked as a tarball by arethetypeswrong and publint, and installed into a scratch app that
// compiles strict TypeScript against it under each moduleResolution, with `skipLibCheck: false`.
// Packages are discovered from the workspace (every package.json that is not private), so a new package is
// covered without touching this file. Needs `npm run build` first.

const run = promisify(execFile);

/** The npm workspace's packages that get published: `{ dir, name, manifest }`. */
const published = (() => {
  const globs: string[] = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).workspaces;
  return globs
    .flatMap((glob) => {
      if (!glob.endsWith('/*')) return [join(repoRoot, glob)];
      const parent = join(repoRoot, glob.slice(0, -2));
      return readdirSync(parent).map((d) => join(parent, d));
    })
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => ({ dir, name: manifest.name as string, manifest }));
})();

/** Every import specifier a package offers (`@footprint/browser`, `@footprint/browser/lite`), not `./package.json`. */
const specifiers = published.flatMap(({ name, manifest }) =>
  Object.keys(manifest.exports ?? { '.': '' })
    .filter((key) => !key.endsWith('.json'))
    .map((key) => (key === '.' ? name : `${name}/${key.slice(2)}`)),
);

// Child npm runs must not inherit the workspace settings `npm test` puts into the environment.
const childEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) || /^npm_config_(cache|userconfig)$/i.test(k)));

interface Packed {
  name: string;
  filename: string;
  size: number;
  files: { path: string }[];
}

let work: string;
let packed: Packed[] = [];
const tarball = (name: string) => join(work, 'tarballs', packed.find((p) => p.name === name)!.filename);

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'footprint-pack-'));
  await mkdir(join(work, 'tarballs'));
  const { stdout } = await run(
    'npm',
    ['pack', '--json', '--pack-destination', join(work, 'tarballs'), ...published.flatMap((p) => ['-w', p.dir])],
    { cwd: repoRoot, env: childEnv, maxBuffer: 16 * 1024 * 1024 },
  );
  packed = JSON.parse(stdout);
}, 120_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('npm tarballs', () => {
  it('packs every published package of the workspace', () => {
    expect(published.map((p) => p.name)).toContain('@footprint/browser');
    expect(packed.map((p) => p.name).sort()).toEqual(published.map((p) => p.name).sort());
  });

  it('carry the LICENSE, the README and the built files, and nothing only a CDN or a debugger needs', () => {
    const license = readFileSync(join(repoRoot, 'LICENSE'), 'utf8');
    for (const p of published) {
      expect(readFileSync(join(p.dir, 'LICENSE'), 'utf8'), `${p.name}: LICENSE is a copy of the root's`).toBe(license);
    }
    for (const p of packed) {
      const files = p.files.map((f) => f.path);
      expect(files, p.name).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/index.mjs', 'dist/index.cjs', 'dist/index.d.mts', 'dist/index.d.cts']));
      // Source maps, the CDN's versioned copies of script bundles, leftovers of the declaration build, tests.
      expect(files.filter((f) => /\.map$|^dist\/cdn\/|-\d+\.\d+\.\d+[^/]*\.min\.js$|\.types\/|\.test\.|(^|\/)src\//.test(f)), p.name).toEqual([]);
    }
    const browser = packed.find((p) => p.name === '@footprint/browser')!;
    expect(browser.files.filter((f) => f.path.endsWith('.min.js')).map((f) => f.path).sort()).toEqual(['dist/footprint.debug.min.js', 'dist/footprint.min.js', 'dist/snippet.min.js']);
  });

  it('have no problems for arethetypeswrong under node10, node16 (ESM and CJS) and bundler', async () => {
    const report: string[] = [];
    for (const p of packed) {
      const result = await checkPackage(createPackageFromTarballData(new Uint8Array(await readFile(tarball(p.name)))));
      if (!result.types) {
        report.push(`${p.name}: no types`);
        continue;
      }
      expect(Object.keys(result.entrypoints).length, p.name).toBeGreaterThan(0);
      for (const problem of result.problems) report.push(`${p.name}: ${JSON.stringify(problem)}`);
    }
    expect(report).toEqual([]);
  }, 120_000);

  it('are clean for publint, suggestions included', async () => {
    const report: string[] = [];
    for (const p of published) {
      const data = await readFile(tarball(p.name));
      const { messages, pkg } = await publint({
        pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer },
        level: 'suggestion',
        strict: true,
      });
      for (const m of messages) report.push(`${p.name}: ${m.type}: ${formatMessage(m, pkg, { color: false })}`);
    }
    expect(report).toEqual([]);
  }, 60_000);
});

// The consumer's checks. Each `@ts-expect-error` fails the compile when the line it guards compiles, which it
// would if the types had silently become `any` (for example a declaration file that does not resolve).
const esmChecks = `
import * as footprint from '@footprint/browser';
import { createInstance, type BrowserClient } from '@footprint/browser/lite';
import { Identify, Revenue, type Result } from '@footprint/core';
import { pageViewsPlugin } from '@footprint/plugin-page-views';

footprint.init('API_KEY', { flushQueueSize: 10, serverZone: 'EU' });
// @ts-expect-error an unknown init option is refused
footprint.init('API_KEY', { bogusOption: 1 });
// @ts-expect-error an event is a name or an event object, not a number
footprint.track(42);
// @ts-expect-error VERSION is a string
export const version: number = footprint.VERSION;
export const result: Promise<Result> = footprint.track('Button Clicked', { color: 'blue' }).promise;
footprint.identify(new Identify().set('plan', 'pro').add('logins', 1));
footprint.revenue(new Revenue().setProductId('sku-1').setPrice(3.99));
const client: BrowserClient = createInstance();
client.init('API_KEY');
client.add(pageViewsPlugin({ trackHistoryChanges: 'pathOnly' }));
`;

const cjsChecks = `
import fp = require('@footprint/browser');
import lite = require('@footprint/browser/lite');
import core = require('@footprint/core');

fp.init('API_KEY', { flushQueueSize: 10 });
// @ts-expect-error an unknown init option is refused
fp.init('API_KEY', { bogusOption: 1 });
// @ts-expect-error an event is a name or an event object, not a number
fp.track(42);
export const result: Promise<core.Result> = fp.track('Button Clicked').promise;
lite.createInstance().identify(new core.Identify().set('plan', 'pro'));
`;

// Every entry of every package, so a new package's declarations are compiled too.
const everyEntry = (style: 'esm' | 'cjs') =>
  specifiers
    .map((s, i) => (style === 'esm' ? `import * as entry${i} from '${s}';` : `import entry${i} = require('${s}');`))
    .concat(`export const entries = [${specifiers.map((_, i) => `entry${i}`).join(', ')}];`)
    .join('\n');

const tsconfig = (options: Record<string, unknown>, files: string[]) => ({
  compilerOptions: {
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    target: 'ES2020',
    lib: ['ES2020', 'DOM', 'DOM.Iterable'],
    types: [],
    ...options,
  },
  files,
});

describe('a scratch app that installs the tarballs', () => {
  let app: string;

  beforeAll(async () => {
    app = join(work, 'app');
    await mkdir(join(app, 'src'), { recursive: true });
    // Third-party dependencies come from the repo's node_modules, so the install needs no registry.
    const external = [...new Set(published.flatMap((p) => Object.keys(p.manifest.dependencies ?? {})))].filter((d) => !packed.some((p) => p.name === d));
    const dependencies = Object.fromEntries([
      ...packed.map((p) => [p.name, `file:${tarball(p.name)}`]),
      ...external.map((d) => [d, `file:${join(repoRoot, 'node_modules', d)}`]),
    ]);
    await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'footprint-consumer', private: true, type: 'module', dependencies }, null, 2));
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock'], { cwd: app, env: childEnv });

    const sources: Record<string, string> = {
      'src/esm.ts': esmChecks,
      'src/every-entry.ts': everyEntry('esm'),
      'src/cjs.cts': cjsChecks,
      'src/every-entry.cts': everyEntry('cjs'),
      'tsconfig.bundler.json': JSON.stringify(tsconfig({ module: 'ESNext', moduleResolution: 'Bundler' }, ['src/esm.ts', 'src/every-entry.ts'])),
      'tsconfig.node16.json': JSON.stringify(tsconfig({ module: 'Node16', moduleResolution: 'Node16' }, ['src/esm.ts', 'src/every-entry.ts', 'src/cjs.cts', 'src/every-entry.cts'])),
      'tsconfig.nodenext.json': JSON.stringify(tsconfig({ module: 'NodeNext', moduleResolution: 'NodeNext' }, ['src/esm.ts', 'src/every-entry.ts', 'src/cjs.cts', 'src/every-entry.cts'])),
    };
    await Promise.all(Object.entries(sources).map(([file, text]) => writeFile(join(app, file), text)));
  }, 120_000);

  it('installs each package with its LICENSE', async () => {
    const license = await readFile(join(repoRoot, 'LICENSE'), 'utf8');
    for (const p of packed) expect(await readFile(join(app, 'node_modules', p.name, 'LICENSE'), 'utf8'), p.name).toBe(license);
  });

  // The three compiles start together (the machine has cores to spare while this file waits on them).
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const compiles = new Map<string, Promise<string>>();
  const compile = (mode: string) => {
    if (!compiles.has(mode)) {
      const out = run(process.execPath, [tsc, '-p', `tsconfig.${mode}.json`, '--pretty', 'false'], { cwd: app }).then(
        () => '',
        (e: { stdout?: string; message: string }) => e.stdout || e.message,
      );
      compiles.set(mode, out);
    }
    return compiles.get(mode)!;
  };
  const modes = ['bundler', 'node16', 'nodenext'];
  it.each(modes)('compiles strict code with skipLibCheck: false under moduleResolution %s', async (mode) => {
    modes.forEach(compile);
    expect(await compile(mode)).toBe('');
  }, 120_000);

  it("ships the script bundle once, with the bytes the snippet's SRI hash pins; the CDN file and its map stay out", async () => {
    const dist = join(app, 'node_modules', '@footprint', 'browser', 'dist');
    const meta = JSON.parse(await readFile(join(dist, 'snippet.json'), 'utf8')) as { version: string; file: string; integrity: string };
    const bundle = await readFile(join(dist, 'footprint.min.js'));
    expect(`sha384-${createHash('sha384').update(bundle).digest('base64')}`).toBe(meta.integrity);
    expect(existsSync(join(dist, meta.file))).toBe(false);
    // The CDN folder of the build holds the same bytes under the versioned name, and the map they name.
    const cdn = join(repoRoot, 'packages', 'browser', 'dist', 'cdn');
    expect(readFileSync(join(cdn, meta.file)).equals(bundle)).toBe(true);
    expect(bundle.toString('utf8')).toMatch(new RegExp(`//# sourceMappingURL=${meta.file.replace(/\./g, '\\.')}\\.map\\s*$`));
    expect(JSON.parse(readFileSync(join(cdn, `${meta.file}.map`), 'utf8')).sourcesContent.length).toBeGreaterThan(0);
  });

  // docs/errors.md: the default build gives coded messages with their link, the `development` condition the
  // full texts, from ESM and CommonJS alike. (Node runs the server-safe no-op client, so core is driven here;
  // the browser builds are checked in Chromium by test/e2e/messages.test.ts.)
  it('gives coded messages by default and full texts under the development condition', async () => {
    const script = `
      import { createRequire } from 'node:module';
      const require = createRequire(import.meta.url);
      const said = [];
      const loggerProvider = { enable() {}, log() {}, debug() {}, error() {}, warn: (...a) => said.push(String(a[1])) };
      for (const core of [await import('@footprint/core'), require('@footprint/core')]) {
        core.validateOptions({ flushQueueSize: 'ten' }, core.createLogger(2, loggerProvider).warn);
      }
      console.log(JSON.stringify(said));
    `;
    const say = async (conditions: string[]) =>
      JSON.parse((await run(process.execPath, [...conditions, '--input-type=module', '-e', script], { cwd: app })).stdout) as string[];
    const production = await say([]);
    expect(production).toHaveLength(2);
    for (const line of production) expect(line).toMatch(/^E11 init: option "flushQueueSize" invalid \("ten"\), default used \(https:\/\/github\.com\/.*\/docs\/errors\.md#e11\)$/);
    const development = await say(['--conditions=development']);
    expect(development).toEqual(Array(2).fill('init(): option "flushQueueSize" should be a positive number, got "ten"; the default is used'));
    // Every package whose sources give messages exports its development build, and the file is in the tarball.
    for (const p of published) {
      const sources = JSON.stringify(p.manifest.exports);
      const dev = (p.manifest.exports['.'].import as Record<string, string>).development;
      if (!dev) continue;
      expect(sources, p.name).toContain('.development.cjs');
      expect(packed.find((x) => x.name === p.name)!.files.map((f) => f.path), p.name).toContain(dev.slice(2));
    }
    expect(published.filter((p) => p.manifest.exports['.'].import.development).length).toBeGreaterThanOrEqual(10);
  }, 60_000);

  it('loads every entry at run time from ESM and from CommonJS', async () => {
    const script = `
      import { createRequire } from 'node:module';
      const require = createRequire(import.meta.url);
      const specifiers = ${JSON.stringify(specifiers)};
      const loaded = [];
      for (const s of specifiers) loaded.push([s, Object.keys(await import(s)).length, Object.keys(require(s)).length]);
      console.log(JSON.stringify(loaded));
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: app });
    const loaded: [string, number, number][] = JSON.parse(stdout);
    expect(loaded.map(([s]) => s)).toEqual(specifiers);
    for (const [s, esm, cjs] of loaded) {
      expect(esm, `${s} (import)`).toBeGreaterThan(0);
      expect(cjs, `${s} (require)`).toBe(esm);
    }
  }, 60_000);
});
