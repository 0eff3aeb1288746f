// Size budgets: measures each published entry (minified, tree-shaken as an app bundler would) in gzip
// and brotli, prints a table, and with --check fails when a budget is exceeded. Without --check it also
// lists what `npm pack --dry-run` would publish per package (tarball and unpacked size). --write-readme
// rewrites the README's size tables between their markers from the same numbers; --check also fails when the
// README's size table is not the measured one.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { rollup } from 'rollup';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const root = fileURLToPath(new URL('..', import.meta.url));
// SIZE_BUDGETS names another budgets file (used by the script's own test).
const budgets = JSON.parse(readFileSync(process.env.SIZE_BUDGETS ?? `${root}size-budgets.json`, 'utf8')).entries;

const virtual = (code) => ({
  name: 'virtual-entry',
  resolveId: (id) => (id === '\0entry' ? id : null),
  load: (id) => (id === '\0entry' ? code : null),
});

// Memoized: the plugins' marginal costs all share one baseline bundle.
const built = new Map();
const bundle = (code) => {
  if (!built.has(code)) built.set(code, bundleOnce(code));
  return built.get(code);
};

/** Bundles `code` (an ES module importing our packages) the way an app's bundler would, minified. */
const bundleOnce = async (code) => {
  const build = await rollup({
    input: '\0entry',
    plugins: [virtual(code), resolve({ browser: true, rootDir: root })],
    onwarn: () => {},
  });
  const { output } = await build.generate({ format: 'es', plugins: [terser({ ecma: 2020, module: true, compress: { passes: 2 } })] });
  await build.close();
  // What a page downloads up front: the entry chunk and the chunks it imports statically. Chunks reached
  // only through import() (plugins switched off by default) load when enabled and are not counted here.
  const chunks = new Map(output.map((c) => [c.fileName, c]));
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name) || !chunks.has(name)) return;
    seen.add(name);
    chunks.get(name).imports?.forEach(visit);
  };
  output.filter((c) => c.isEntry).forEach((c) => visit(c.fileName));
  return [...seen].map((name) => chunks.get(name).code ?? '').join('\n');
};

const measure = (text) => ({
  raw: Buffer.byteLength(text),
  gzip: gzipSync(text, { level: 9 }).length,
  brotli: brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

// All entries at once: the minifier runs in worker threads, so bundles made side by side use every core.
const rows = await Promise.all(
  budgets.map(async (entry) => {
    if ([entry.file, entry.baselineFile].some((f) => f && !existsSync(`${root}${f}`))) return { ...entry, missing: true };
    const code = entry.file ? readFileSync(`${root}${entry.file}`, 'utf8') : await bundle(entry.code);
    let size = measure(code);
    if (entry.baseline || entry.baselineFile) {
      // Marginal cost: what adding this entry costs on top of the baseline bundle (or built file).
      const base = measure(entry.baselineFile ? readFileSync(`${root}${entry.baselineFile}`, 'utf8') : await bundle(entry.baseline));
      size = { raw: size.raw - base.raw, gzip: size.gzip - base.gzip, brotli: size.brotli - base.brotli };
    }
    return { ...entry, ...size };
  }),
);

const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
// `gzipBudget` is enforced; `target` (where set) is the goal a budget tightens towards.
const table = [
  '| entry | minified | gzip | brotli | gzip budget | gzip target |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => {
    const target = r.target ? kb(r.target) : '';
    return r.missing
      ? `| ${r.name} | not built | | | ${kb(r.gzipBudget)} | ${target} |`
      : `| ${r.name} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} | ${kb(r.gzipBudget)} | ${target} |`;
  }),
].join('\n');

// What installing each published package downloads and puts in node_modules (its own files, without
// dependencies). Skipped by --check, which `npm test` runs: packing takes a few seconds and has no budget.
const tarballTable = () => {
  const dirs = readdirSync(`${root}packages`)
    .map((d) => `packages/${d}`)
    .filter((d) => existsSync(`${root}${d}/package.json`) && !JSON.parse(readFileSync(`${root}${d}/package.json`, 'utf8')).private);
  const unbuilt = dirs.filter((d) => !existsSync(`${root}${d}/dist`));
  if (unbuilt.length) {
    console.error(`size: npm packages not measured, ${unbuilt.join(', ')} not built; run npm run build`);
    return '';
  }
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) || /^npm_config_(cache|userconfig)$/i.test(k)));
  const packs = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', ...dirs.flatMap((d) => ['-w', d])], { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  return [
    '| npm package | tarball | unpacked | files |',
    '| --- | ---: | ---: | ---: |',
    ...packs.map((p) => `| ${p.name} | ${kb(p.size)} | ${kb(p.unpackedSize)} | ${p.entryCount} |`),
  ].join('\n');
};
const tarballs = process.argv.includes('--check') ? '' : tarballTable();
console.log(tarballs ? `${table}\n\n${tarballs}` : table);

const over = rows.filter((r) => r.missing || r.gzip > r.gzipBudget || (r.brotliBudget && r.brotli > r.brotliBudget));
const start = '<!-- size-table:start -->';
const end = '<!-- size-table:end -->';
// The README's table is checked with the budgets it shows (SIZE_README names another README, for the script's
// own test; with another budgets file and no README named, there is nothing to compare).
const readmeFile = process.env.SIZE_README ?? (process.env.SIZE_BUDGETS ? undefined : `${root}README.md`);
const staleReadme = () => {
  if (!readmeFile) return false;
  const shown = new RegExp(`${start}\\n([\\s\\S]*?)\\n${end}`).exec(readFileSync(readmeFile, 'utf8'))?.[1];
  return shown !== table;
};
if (process.argv.includes('--write-readme')) {
  const readme = readFileSync(`${root}README.md`, 'utf8');
  const tarballStart = '<!-- tarball-table:start -->';
  const tarballEnd = '<!-- tarball-table:end -->';
  const next = readme
    .replace(new RegExp(`${start}[\\s\\S]*?${end}`), `${start}\n${table}\n${end}`)
    .replace(new RegExp(`${tarballStart}[\\s\\S]*?${tarballEnd}`), (block) => (tarballs ? `${tarballStart}\n${tarballs}\n${tarballEnd}` : block));
  writeFileSync(`${root}README.md`, next);
}
if (process.argv.includes('--check')) {
  if (staleReadme()) {
    console.error(`size: the size table in ${readmeFile.slice(root.length) || readmeFile} is not the measured one; run npm run build && npm run size -- --write-readme`);
    process.exit(1);
  }
  if (over.length) {
    for (const r of over) {
      console.error(
        r.missing
          ? `size: ${r.name}: ${r.file} is missing; run npm run build`
          : `size: ${r.name} is ${kb(r.gzip)} gzip (${kb(r.brotli)} brotli), over its budget of ${kb(r.gzipBudget)}${r.brotliBudget ? ` / ${kb(r.brotliBudget)}` : ''}`,
      );
    }
    process.exit(1);
  }
  console.log(`size: ${rows.length} entries within budget`);
}
