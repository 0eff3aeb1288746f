import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The repository stands alone (docs/testing.md): every page a comment or README cites is a file of this
// repository, every cited section exists, and nothing points at the team's reference folder beside it.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SKIP = new Set(['node_modules', 'dist', '.git', '.footprint', 'coverage']);
const TEXT = /\.(ts|mts|cts|mjs|cjs|js|md|html|json)$/;

const walk = (dir: string, out: string[] = []): string[] => {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (TEXT.test(name) && name !== 'package-lock.json') out.push(path);
  }
  return out;
};
const files = ['packages', 'test', 'scripts', 'examples', 'docs']
  .filter((d) => existsSync(join(root, d)))
  .flatMap((d) => walk(join(root, d)))
  // (and the root files that run things: CI's script and the build and test configs)
  .concat(['README.md', 'CHANGELOG.md', '.ci/run', 'package.json', 'rollup.config.mjs', 'vitest.config.ts', 'vitest.vendor.config.ts'].map((f) => join(root, f)).filter(existsSync));
const rel = (file: string) => relative(root, file);

const headings = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => /^#{1,6} /.test(line))
    .map((line) => line.replace(/^#+ /, '').trim());

/** `docs/protocol.md §A.6`, `docs/autocapture.md "Page views"`, `packages/browser/IDENTITY.md "Consent"`: root-relative. */
const CITATION = /(?<![\w.-])((?:docs|packages|test|examples)\/[\w./-]+\.md)(?: (§[A-C]\.\d+)| "([^"\n]+)")?/g;
/** A relative Markdown link target. */
const MD_LINK = /\]\(([^)\s]+)\)/g;
/** What must never be cited: the reference folder beside the repository and its pages (either path separator). */
const OUTSIDE = /\.\.[\/\\]shared|shared[\/\\]spec|PROTOCOL §|PROTOCOL\.md|USER-PAIN|browser-sdk\.md|\bDESIGN\.md|\bSTYLE\.md/;

describe('references stay inside the repository', () => {
  it('finds the files to check', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('every docs/… or package page a file cites exists, with the cited section', () => {
    const broken: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const [, target, section, heading] of text.matchAll(CITATION)) {
        const path = join(root, target);
        if (!existsSync(path)) {
          broken.push(`${rel(file)}: ${target} does not exist`);
          continue;
        }
        if (section) {
          const id = section.slice(1);
          if (!headings(path).some((h) => h === id || h.startsWith(`${id} `))) broken.push(`${rel(file)}: ${target} has no section ${section}`);
        }
        if (heading && !headings(path).some((h) => h.startsWith(heading))) broken.push(`${rel(file)}: ${target} has no heading "${heading}"`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('every relative Markdown link points at a file of the repository', () => {
    const broken: string[] = [];
    for (const file of files.filter((f) => f.endsWith('.md'))) {
      for (const [, link] of readFileSync(file, 'utf8').matchAll(MD_LINK)) {
        if (/^(https?:|mailto:|#|data:)/.test(link)) continue;
        const path = resolve(dirname(file), decodeURIComponent(link.split('#')[0]));
        if (!path.startsWith(root)) broken.push(`${rel(file)}: ${link} leaves the repository`);
        else if (!existsSync(path)) broken.push(`${rel(file)}: ${link} does not exist`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('nothing cites the reference folder beside the repository (only the vendor suite reads it, by variable)', () => {
    const outside = files
      .filter((f) => !rel(f).startsWith('test/vendor/') && rel(f) !== 'scripts/docs-links.test.ts')
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').map((line, i) => [rel(f), i + 1, line] as const))
      .filter(([, , line]) => OUTSIDE.test(line))
      .map(([f, n, line]) => `${f}:${n}: ${line.trim().slice(0, 120)}`);
    expect(outside).toEqual([]);
  });
});
