// One config builds every package: ESM + CJS + .d.ts for each library, the collector for Node,
// and the browser script-tag bundle (minified IIFE, global `footprint`).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { minify } from 'terser';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';

const root = fileURLToPath(new URL('.', import.meta.url));
const pkgDir = (name) => `${root}packages/${name}`;
const manifest = (name) => JSON.parse(readFileSync(`${pkgDir(name)}/package.json`, 'utf8'));

// Build order: dependencies first, so a package's types can resolve its dependencies' emitted .d.ts.
const order = ['core', 'plugin-masking', 'plugin-page-views'];
const names = readdirSync(`${root}packages`)
  .filter((n) => existsSync(`${pkgDir(n)}/src/index.ts`))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
function rank(n) {
  const i = order.indexOf(n);
  if (i >= 0) return i;
  return n === 'browser' ? 90 : n === 'segment' ? 92 : n === 'collector' ? 95 : 50;
}

const ts = (name, extra = {}) =>
  typescript({
    tsconfig: `${pkgDir(name)}/tsconfig.json`,
    compilerOptions: { paths: {}, ...extra },
    outputToFilesystem: true,
    noEmitOnError: true,
  });

// Resolves `@footprint/<pkg>` to its sources, so the script-tag bundle is built in one pass.
const workspaceSources = () => ({
  name: 'workspace-sources',
  resolveId(id) {
    const m = /^@footprint\/([a-z-]+)$/.exec(id);
    return m ? `${pkgDir(m[1])}/src/index.ts` : null;
  },
});

const library = (name) => {
  const pkg = manifest(name);
  const external = (id) => Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }).some((d) => id === d || id.startsWith(`${d}/`)) || id.startsWith('node:');
  if (name === 'collector') {
    return {
      input: { index: `${pkgDir(name)}/src/index.ts`, cli: `${pkgDir(name)}/src/cli.ts` },
      external,
      plugins: [ts(name, { declaration: true, declarationDir: `${pkgDir(name)}/dist` })],
      output: { dir: `${pkgDir(name)}/dist`, format: 'es', entryFileNames: '[name].mjs', banner: (c) => (c.name === 'cli' ? '#!/usr/bin/env node' : '') },
    };
  }
  // Every `exports` entry of the package (`.` → src/index.ts, `./lite` → src/lite.ts) is an input.
  const input = Object.fromEntries(
    Object.keys(pkg.exports ?? { '.': {} }).map((key) => {
      const entry = key === '.' ? 'index' : key.slice(2);
      return [entry, `${pkgDir(name)}/src/${entry}.ts`];
    }),
  );
  const out = (format, ext) => ({
    dir: `${pkgDir(name)}/dist`,
    format,
    sourcemap: true,
    entryFileNames: `[name].${ext}`,
    chunkFileNames: `[name]-[hash].${ext}`,
    ...(format === 'cjs' && { exports: 'named' }),
  });
  return {
    input,
    external,
    plugins: [ts(name, { declaration: true, declarationDir: `${pkgDir(name)}/dist` })],
    output: [out('es', 'mjs'), out('cjs', 'cjs')],
  };
};

// After the script bundle is written: a versioned copy, its SRI hash, and the minified snippet that loads it.
const snippet = () => ({
  name: 'snippet',
  async writeBundle() {
    const dist = `${pkgDir('browser')}/dist`;
    const { version } = manifest('browser');
    const bundle = readFileSync(`${dist}/footprint.min.js`);
    const file = `footprint-${version}.min.js`;
    writeFileSync(`${dist}/${file}`, bundle);
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

const scriptTag = {
  input: `${pkgDir('browser')}/src/script-tag.ts`,
  plugins: [
    inlineLoaders(),
    workspaceSources(),
    resolve({ browser: true }),
    typescript({
      tsconfig: `${pkgDir('browser')}/tsconfig.bundle.json`,
      include: [`${root}packages/*/src/**/*.ts`],
      noEmitOnError: true,
    }),
    snippet(),
  ],
  output: {
    file: `${pkgDir('browser')}/dist/footprint.min.js`,
    format: 'iife',
    // One file: the default-off plugins that npm builds load by import() ride inside the script bundle.
    inlineDynamicImports: true,
    sourcemap: true,
    // `_q` and `_iq` are the snippet's queue fields: shared with code outside the bundle, never mangled.
    plugins: [terser({ ecma: 2020, compress: { passes: 2 }, mangle: { properties: { regex: /^_(?!q$|iq$)/ } } })],
  },
};

// @footprint/segment's script file: the facade with Footprint inside, one file. `_writeKey`, `_loadOptions`
// and the page context's `__t` are written by Segment's snippet, outside the bundle: never mangled.
const segmentScriptTag = {
  ...scriptTag,
  input: `${pkgDir('segment')}/src/script-tag.ts`,
  plugins: [
    inlineLoaders(),
    workspaceSources(),
    resolve({ browser: true }),
    typescript({ tsconfig: `${pkgDir('segment')}/tsconfig.bundle.json`, include: [`${root}packages/*/src/**/*.ts`], noEmitOnError: true }),
  ],
  output: {
    ...scriptTag.output,
    file: `${pkgDir('segment')}/dist/footprint-segment.min.js`,
    plugins: [terser({ ecma: 2020, compress: { passes: 2 }, mangle: { properties: { regex: /^_(?!q$|iq$|writeKey$|loadOptions$|_t$)/ } } })],
  },
};

export default [...names.map(library), scriptTag, segmentScriptTag];
