// One config builds every package: ESM + CJS + bundled types (.d.mts and .d.cts) for each library, the
// collector for Node, and the browser script-tag bundle (minified IIFE, global `footprint`).
import { readdirSync, readFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';
import { rollup } from 'rollup';
import { minify } from 'terser';
import { createHash } from 'node:crypto';
import tsc from 'typescript';

const root = fileURLToPath(new URL('.', import.meta.url));
const pkgDir = (name) => `${root}packages/${name}`;
const manifest = (name) => JSON.parse(readFileSync(`${pkgDir(name)}/package.json`, 'utf8'));

// Build order: dependencies first, so a package's types can resolve its dependencies' emitted .d.ts.
const order = ['core', 'dom', 'plugin-masking'];
const names = readdirSync(`${root}packages`)
  .filter((n) => existsSync(`${pkgDir(n)}/src/index.ts`))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
function rank(n) {
  const i = order.indexOf(n);
  if (i >= 0) return i;
  return n === 'browser' ? 90 : n === 'segment' ? 92 : n === 'collector' ? 95 : 50;
}

// A package's dist is emptied before it is built, so files from an earlier build (an old chunk hash, a renamed
// entry) never reach the npm tarball.
const clean = (name) => ({ name: 'clean-dist', buildStart: () => rmSync(`${pkgDir(name)}/dist`, { recursive: true, force: true }) });

const ts = (name, extra = {}) =>
  typescript({
    tsconfig: `${pkgDir(name)}/tsconfig.json`,
    compilerOptions: { paths: {}, ...extra },
    // Include patterns are read from the repository root, so the shared `globals.d.ts` (`__DEV__`) is in the program.
    filterRoot: root,
    outputToFilesystem: true,
    noEmitOnError: true,
  });

// TypeScript compiled file by file, without a type-checked program: for builds whose declarations come from
// elsewhere (the development builds, the script files). The sources are `isolatedModules`, so each file
// compiles alone to what the full program emits; `npm test` type-checks them all with `tsc` (and the
// production build with its declarations does too). The script files come out byte for byte the same,
// and the build takes ~13 s less. scripts/size-breakdown.mjs bundles from the sources with it too.
export const transpile = () => ({
  name: 'transpile-ts',
  resolveId(id, importer) {
    if (!importer || !id.startsWith('.')) return null;
    const base = resolvePath(dirname(importer), id);
    return [`${base}.ts`, `${base}/index.ts`].find(existsSync) ?? null;
  },
  transform(code, id) {
    if (!id.endsWith('.ts') || id.endsWith('.d.ts')) return null;
    const { outputText, sourceMapText } = tsc.transpileModule(code, {
      fileName: id,
      compilerOptions: { target: tsc.ScriptTarget.ES2020, module: tsc.ModuleKind.ESNext, importHelpers: true, esModuleInterop: true, isolatedModules: true, sourceMap: true },
    });
    return { code: outputText, map: sourceMapText };
  },
});

// Resolves `@footprint/<pkg>` to its sources, so the script-tag bundle is built in one pass.
const workspaceSources = () => ({
  name: 'workspace-sources',
  resolveId(id) {
    const m = /^@footprint\/([a-z-]+)$/.exec(id);
    return m ? `${pkgDir(m[1])}/src/index.ts` : null;
  },
});

// `__DEV__` becomes a literal after TypeScript has compiled a module, so rollup drops the branch not taken: the
// production build carries each message's short coded form, the development build its full text
// (docs/errors.md). Only our own sources are rewritten; declaration files keep the ambient name.
export const define = (dev) => ({
  name: 'define-dev',
  transform: (code, id) => (/\.d\.ts$/.test(id) || !/\/packages\/[^/]+\/src\//.test(id) || !code.includes('__DEV__') ? null : { code: code.replace(/\b__DEV__\b/g, String(dev)), map: null }),
});

// A package whose sources hold messages (`__DEV__ ? ... : ...`) also ships a development build, exported under
// the `development` condition (`dist/index.development.mjs` beside `dist/index.mjs`).
const sourcesOf = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourcesOf(`${dir}/${e.name}`) : /\.ts$/.test(e.name) && !/\.(test|d)\.ts$/.test(e.name) ? [`${dir}/${e.name}`] : []));
export const hasDevBuild = (name) => name !== 'collector' && sourcesOf(`${pkgDir(name)}/src`).some((f) => readFileSync(f, 'utf8').includes('__DEV__'));

const library = (name) => {
  const pkg = manifest(name);
  const external = (id) => Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }).some((d) => id === d || id.startsWith(`${d}/`)) || id.startsWith('node:');
  if (name === 'collector') {
    return {
      input: { index: `${pkgDir(name)}/src/index.ts`, cli: `${pkgDir(name)}/src/cli.ts` },
      external,
      plugins: [clean(name), ts(name, { declaration: true, declarationDir: `${pkgDir(name)}/dist` })],
      output: { dir: `${pkgDir(name)}/dist`, format: 'es', entryFileNames: '[name].mjs', banner: (c) => (c.name === 'cli' ? '#!/usr/bin/env node' : '') },
    };
  }
  return {
    input: entries(name, (entry) => `${pkgDir(name)}/src/${entry}.ts`),
    external,
    // tsc writes one .d.ts per source file into dist/.types; `bundleTypes` then bundles them per entry.
    plugins: [clean(name), ts(name, { declaration: true, declarationDir: `${pkgDir(name)}/dist/.types` }), define(false), bundleTypes(name)],
    // No source maps in npm builds: this output is not minified (tsc's ES2020 with the sources' names and
    // structure), an app's bundler maps its own bundle from it, and maps with their sources would more than
    // double the install size. The minified script-tag bundle has its map (beside the CDN file, below).
    // @footprint/dom keeps one file per module: an app's bundler then puts each helper in the chunk of the
    // plugins that use it (the idle scheduler with element interactions, loaded on demand), not all of
    // them in the first chunk.
    output: [out(name, 'es', 'mjs'), out(name, 'cjs', 'cjs')].map((o) => ({ ...o, preserveModules: name === 'dom' })),
  };
};

// The same package with full messages: its JavaScript only (the declarations are the production build's).
const developmentLibrary = (name) => {
  const production = library(name);
  return {
    ...production,
    plugins: [transpile(), define(true)],
    output: production.output.map((o) => ({ ...o, entryFileNames: o.entryFileNames.replace('[name]', '[name].development'), chunkFileNames: o.chunkFileNames.replace('[hash]', '[hash].development') })),
  };
};

// Every `exports` entry of a package that points at code (`.` → index, `./lite` → lite), not `./package.json`.
const entries = (name, file) =>
  Object.fromEntries(
    Object.keys(manifest(name).exports ?? { '.': {} })
      .filter((key) => key === '.' || !/\.json$/.test(key))
      .map((key) => {
        const entry = key === '.' ? 'index' : key.slice(2);
        return [entry, file(entry)];
      }),
  );

const out = (name, format, ext) => ({
  dir: `${pkgDir(name)}/dist`,
  format,
  entryFileNames: `[name].${ext}`,
  chunkFileNames: `[name]-[hash].${ext}`,
  ...(format === 'cjs' && { exports: 'named' }),
});

// One declaration file per entry and module format: `index.d.mts` beside `index.mjs` and `index.d.cts` beside
// `index.cjs`, so every moduleResolution (node10, node16/nodenext from ESM or CJS, bundler) finds types that
// match the JavaScript it loads, with no extensionless relative import left inside (TS2834 under node16).
// Types shared by several entries go to one chunk per format (`types-<hash>.d.mts`).
// It runs when the package's own build closes (one build per package, as `npm start` counts them), and
// before the next package builds against these declarations.
const bundleTypes = (name) => ({
  name: 'bundle-types',
  async closeBundle() {
    const { input, plugins, output } = types(name);
    const bundle = await rollup({ input, plugins, onwarn: (warning, warn) => warn(warning) });
    for (const options of output) await bundle.write(options);
    await bundle.close();
    rmSync(`${pkgDir(name)}/dist/.types`, { recursive: true, force: true });
  },
});

const types = (name) => {
  const dir = `${pkgDir(name)}/dist`;
  const tree = `${dir}/.types`;
  const declarations = (ext) => ({
    dir,
    format: 'es',
    entryFileNames: `[name].d.${ext}`,
    chunkFileNames: (chunk) => `${chunk.name.replace(/\.d$/, '')}-[hash].d.${ext}`,
    // A kept re-export module (below) is imported under the name of its file for this format.
    paths: (id) => (id.startsWith(`${tree}/`) ? `./${relative(tree, id).replace(/\.d\.ts$/, `.${ext[0]}js`)}` : id),
  });
  return {
    input: entries(name, (entry) => `${tree}/${entry}.d.ts`),
    plugins: [keepReexportModules(tree), dts()],
    output: [declarations('mts'), declarations('cts')],
  };
};

// A module that only re-exports other packages' names and is imported as a namespace (`export * as Types
// from './types'`) is kept as its own declaration file instead of being bundled: bundling turns each
// re-exported type into `declare const X: typeof X`, which does not compile. It imports no file of ours,
// so it is copied as is, once per format.
const keepReexportModules = (tree) => {
  const kept = new Set();
  const onlyReexports = (file) =>
    existsSync(file) &&
    readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
      .split(';')
      .map((statement) => statement.trim())
      .filter(Boolean)
      .every((statement) => /^export (type )?(\*|\{[^}]*\}) from ['"][^.'"][^'"]*['"]$/.test(statement));
  return {
    name: 'keep-reexport-modules',
    resolveId(source, importer) {
      if (!importer || !source.startsWith('.')) return null;
      const file = [`${source}.d.ts`, `${source}/index.d.ts`].map((f) => resolvePath(dirname(importer), f)).find(existsSync);
      if (!file || !onlyReexports(file)) return null;
      kept.add(file);
      return { id: file, external: true };
    },
    generateBundle(options) {
      const ext = /\.d\.(mts|cts)$/.exec(options.entryFileNames)[1];
      for (const file of kept) this.emitFile({ type: 'asset', fileName: relative(tree, file).replace(/\.d\.ts$/, `.d.${ext}`), source: readFileSync(file, 'utf8') });
    },
  };
};

// A script bundle is written for the CDN as `dist/cdn/<base>-<version>.min.js` with its source map beside
// it (the map is fetched only by open DevTools, so it costs page visitors nothing), then copied byte for
// byte to `dist/<base>.min.js` for npm (unpkg, jsDelivr, or copied from node_modules; an SRI hash holds for
// both). `dist/cdn/` is not in the npm package (its `files`): the tarball carries the bundle once and not
// its map of several hundred KB. For the browser package the copy is made by `snippet` below, which also
// hashes it and writes the minified snippet that loads the versioned file.
const cdnName = (name, base) => `${base}-${manifest(name).version}.min.js`;
const cdnFile = () => cdnName('browser', 'footprint');
const npmCopy = (name, base) => ({
  name: 'npm-copy',
  writeBundle: () => writeFileSync(`${pkgDir(name)}/dist/${base}.min.js`, readFileSync(`${pkgDir(name)}/dist/cdn/${cdnName(name, base)}`)),
});
const snippet = () => ({
  name: 'snippet',
  async writeBundle() {
    const dist = `${pkgDir('browser')}/dist`;
    const { version } = manifest('browser');
    const file = cdnFile();
    const bundle = readFileSync(`${dist}/cdn/${file}`);
    writeFileSync(`${dist}/footprint.min.js`, bundle);
    const integrity = `sha384-${createHash('sha384').update(bundle).digest('base64')}`;
    const source = readFileSync(`${pkgDir('browser')}/snippet/snippet.js`, 'utf8')
      .replace('__SRC__', `/${file}`)
      .replace('__INTEGRITY__', integrity);
    const { code } = await minify(source, { ecma: 5, compress: { passes: 2 }, mangle: true, format: { comments: false } });
    writeFileSync(`${dist}/snippet.min.js`, `${code}\n`);
    writeFileSync(`${dist}/snippet.json`, `${JSON.stringify({ version, file, integrity }, null, 2)}\n`);
  },
});

// Code that npm builds load with `import()` only when needed is inside the script bundle anyway (one
// file, one SRI hash): there it is imported directly, which the minifier can inline, instead of through
// the chunk wrapper `inlineDynamicImports` would add. Maps `<dir>/load.ts` to `<dir>/load-inline.ts`.
const inlineLoaders = () => ({
  name: 'inline-loaders',
  async resolveId(id, importer, options) {
    if (!id.endsWith('/load') || !importer) return null;
    const resolved = await this.resolve(id, importer, { ...options, skipSelf: true });
    const inline = resolved && resolved.id.replace(/\/load\.ts$/, '/load-inline.ts');
    return inline && inline !== resolved.id && existsSync(inline) ? inline : resolved;
  },
});

const scriptTagFor = (dev) => ({
  input: `${pkgDir('browser')}/src/script-tag.ts`,
  plugins: [
    inlineLoaders(),
    workspaceSources(),
    resolve({ browser: true }),
    transpile(),
    define(dev),
    dev ? npmCopy('browser', 'footprint.debug') : snippet(),
  ],
  output: {
    file: `${pkgDir('browser')}/dist/cdn/${dev ? cdnName('browser', 'footprint.debug') : cdnFile()}`,
    format: 'iife',
    // One file: the default-off plugins that npm builds load by import() ride inside the script bundle.
    inlineDynamicImports: true,
    sourcemap: true,
    // `_q` and `_iq` are the snippet's queue fields, and `_setDiagnosticsSampleRate` a public call of the
    // anchor's: shared with code outside the bundle, never mangled.
    plugins: [terser({ ecma: 2020, compress: { passes: 2 }, mangle: { properties: { regex: /^_(?!q$|iq$|setDiagnosticsSampleRate$)/ } } })],
  },
});
const scriptTag = scriptTagFor(false);
// footprint.debug.min.js: the same bundle with the development build's full messages.
const debugScriptTag = scriptTagFor(true);

// @footprint/segment's script file: the facade with Footprint inside, one file. `_writeKey`, `_loadOptions`
// and the page context's `__t` are written by Segment's snippet, outside the bundle: never mangled.
const segmentScriptTag = {
  ...scriptTag,
  input: `${pkgDir('segment')}/src/script-tag.ts`,
  plugins: [
    inlineLoaders(),
    workspaceSources(),
    resolve({ browser: true }),
    transpile(),
    define(false),
    npmCopy('segment', 'footprint-segment'),
  ],
  output: {
    ...scriptTag.output,
    file: `${pkgDir('segment')}/dist/cdn/${cdnName('segment', 'footprint-segment')}`,
    plugins: [terser({ ecma: 2020, compress: { passes: 2 }, mangle: { properties: { regex: /^_(?!q$|iq$|writeKey$|loadOptions$|_t$|setDiagnosticsSampleRate$)/ } } })],
  },
};

// The session replay script file (window.sessionReplay.plugin, as the anchor's): its own file, so pages
// that never add replay pay nothing; rrweb's recorder rides inside it (one file, one SRI hash).
const replayScript = {
  input: `${pkgDir('plugin-session-replay')}/src/script.ts`,
  plugins: [
    workspaceSources(),
    resolve({ browser: true }),
    transpile(),
    define(false),
    npmCopy('plugin-session-replay', 'footprint-session-replay'),
  ],
  output: {
    file: `${pkgDir('plugin-session-replay')}/dist/cdn/${cdnName('plugin-session-replay', 'footprint-session-replay')}`,
    format: 'iife',
    inlineDynamicImports: true,
    sourcemap: true,
    // No property mangling: rrweb reads properties other code sets on nodes and globals.
    plugins: [terser({ ecma: 2020, compress: { passes: 2 } })],
  },
};

export default [...names.flatMap((name) => (hasDevBuild(name) ? [library(name), developmentLibrary(name)] : [library(name)])), scriptTag, debugScriptTag, segmentScriptTag, replayScript];
