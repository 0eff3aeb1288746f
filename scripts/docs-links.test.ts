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
/** Every Markdown page of the repository, by file name: a page named anywhere must be one of them. */
const pages = new Set(files.concat(walk(root).filter((f) => f.endsWith('.md'))).filter((f) => f.endsWith('.md')).map((f) => f.split(/[\/\\]/).pop()!));
/**
 * Why `line` of `file` points outside the repository, or undefined: a relative path (`../…`) that climbs
 * above the root or names no file of it, a page name (`NAME.md`) that is not a page here, or an item of a document named in capitals
 * (`NAME #3`) that is not a page here. (Sections of public standards, `HTML §3.2.6`, are fine.) Nothing
 * outside is named here: the rule is general.
 */
const outsideRef = (file: string, line: string): string | undefined => {
  for (const [path] of line.matchAll(/(?<![\w/.-])(?:\.\.[\/\\])+[\w./\\-]+/g)) {
    const target = resolve(dirname(file), path.replace(/[.,;:]+$/, ''));
    if (!target.startsWith(root)) return `${path} leaves the repository`;
    if (!['', '.ts', '.js', '.mjs'].some((ext) => existsSync(target + ext))) return `${path} is not a file of the repository`; // (a module path may omit its extension)
  }
  for (const [, page] of line.matchAll(/(?<![\w.-])([\w-]+\.md)\b/g)) if (!pages.has(page)) return `${page} is not a page of the repository`;
  for (const [, name] of line.matchAll(/\b([A-Z][A-Z-]{3,}) #\d/g)) if (!pages.has(`${name}.md`)) return `${name} is not a page of the repository`;
  return undefined;
};

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

  it('tells a reference outside the repository from one inside', () => {
    const here = join(root, 'docs', 'x.md');
    expect(outsideRef(here, 'see ../../elsewhere/notes.md')).toBe('../../elsewhere/notes.md leaves the repository');
    expect(outsideRef(here, 'see ../notes/plan')).toBe('../notes/plan is not a file of the repository');
    expect(outsideRef(here, 'as NOTES.md says')).toBe('NOTES.md is not a page of the repository');
    expect(outsideRef(here, 'HANDBOOK #3 says')).toBe('HANDBOOK is not a page of the repository');
    expect(outsideRef(here, 'see ../packages/browser/DELIVERY.md, README.md, DELIVERY #2, HTML §3.2.6 and /sdk/../../etc')).toBeUndefined();
  });

  it('nothing cites a page outside the repository (only the vendor suite reads one, by variable)', () => {
    const outside = files
      // (this file's own examples, above, are checked by the test before this one)
      .filter((f) => !rel(f).startsWith('test/vendor/') && rel(f) !== 'scripts/docs-links.test.ts')
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').map((line, i) => [f, i + 1, line] as const))
      .map(([f, n, line]) => [f, n, line, outsideRef(f, line)] as const)
      .filter(([, , , why]) => why)
      .map(([f, n, line, why]) => `${rel(f)}:${n}: ${why}: ${line.trim().slice(0, 120)}`);
    expect(outside).toEqual([]);
  });
});
