// Where an entry's bytes go: bundles an entry from the sources (production build, as an app's bundler would
// tree-shake it), minifies each module on its own and prints each module's share of the whole, largest first.
// A guide for cutting bytes (docs/size.md), not a budget: `npm run size` measures what ships.
//   npm run size:breakdown                      # lite: init + track
//   npm run size:breakdown -- "import { init } from '@footprint/browser'; init('k');" 30
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { minify } from 'terser';
import { define, transpile } from '../rollup.config.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const code = process.argv[2] ?? "import { init, track } from '@footprint/browser/lite'; init('k'); track('e');";
const top = Number(process.argv[3] ?? 25);

// The entry, and `@footprint/<pkg>[/<entry>]` as its sources; the build's own plugins compile them as the
// production build does (messages in their coded form).
const sources = {
  name: 'sources',
  resolveId(id) {
    if (id === '\0entry') return id;
    const pkg = /^@footprint\/([a-z-]+)(?:\/(.+))?$/.exec(id);
    return pkg ? `${root}packages/${pkg[1]}/src/${pkg[2] ?? 'index'}.ts` : null;
  },
  load: (id) => (id === '\0entry' ? code : null),
};

const build = await rollup({ input: '\0entry', plugins: [sources, transpile(), define(false)], external: (id) => !id.startsWith('@footprint/') && !id.startsWith('.') && !id.startsWith('\0') && !id.startsWith('/'), onwarn: () => {} });
const { output } = await build.generate({ format: 'es' });
await build.close();
const rows = [];
for (const chunk of output.filter((c) => c.type === 'chunk' && c.isEntry)) {
  for (const [id, m] of Object.entries(chunk.modules)) {
    if (!m.code) continue;
    const min = (await minify(m.code, { module: true, compress: false, mangle: true })).code ?? '';
    rows.push({ module: id.replace(`${root}packages/`, '').replace('/src/', ': '), min: min.length, gzip: gzipSync(min, { level: 9 }).length });
  }
}
const total = rows.reduce((n, r) => n + r.min, 0);
rows.sort((a, b) => b.min - a.min);
console.log(`${code}\n${rows.length} modules, ${(total / 1024).toFixed(1)} KB minified module by module (the bundle shares more, so its gzip is smaller than the sum)\n`);
console.log('| module | minified | share | gzip alone |\n| --- | ---: | ---: | ---: |');
for (const r of rows.slice(0, top)) console.log(`| ${r.module} | ${r.min} | ${((100 * r.min) / total).toFixed(1)}% | ${r.gzip} |`);
const byPackage = new Map();
for (const r of rows) byPackage.set(r.module.split(':')[0], (byPackage.get(r.module.split(':')[0]) ?? 0) + r.min);
console.log(`\nby package: ${[...byPackage].map(([p, n]) => `${p} ${((100 * n) / total).toFixed(0)}%`).join(', ')}`);
