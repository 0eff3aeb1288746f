// @vitest-environment node
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { bundleCount, createProgress, needsBuild, parseStartArgs } from './first-run.mjs';

describe('npm start arguments', () => {
  it('reads --fresh, --build and --help, and names an unknown argument', () => {
    expect(parseStartArgs([])).toEqual({ ok: true, fresh: false, build: false, help: false });
    expect(parseStartArgs(['--fresh', '--build'])).toEqual({ ok: true, fresh: true, build: true, help: false });
    expect(parseStartArgs(['-h'])).toMatchObject({ ok: true, help: true });
    expect(parseStartArgs(['--frsh'])).toEqual({ ok: false, error: 'unknown argument --frsh' });
  });
});

describe('build progress', () => {
  it("prints one numbered line per bundle rollup reports as created, even when a line arrives in pieces", () => {
    const lines: string[] = [];
    const progress = createProgress(3, (line: string) => lines.push(line));
    progress('\n/repo/packages/core/src/index.ts → packages/core/dist, packages/core/dist...\ncreated packages/core/dist, packages/core/d');
    progress('ist in 35.5s\n\n/repo/packages/collector/src/index.ts, /repo/packages/collector/src/cli.ts → packages/collector/dist...\n');
    progress('created packages/collector/dist in 812ms\ncreated packages/browser/dist/footprint.min.js in 4.1s\n');
    expect(lines).toEqual([
      '  [1/3] core                           35.5 s',
      '  [2/3] collector                      812 ms',
      '  [3/3] script tag (footprint.min.js)  4.1 s',
    ]);
  });
});

describe('needsBuild', () => {
  const dirs: string[] = [];
  afterEach(async () => Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true }))));

  const repo = async () => {
    const root = await mkdtemp(join(tmpdir(), 'footprint-start-'));
    dirs.push(root);
    await mkdir(join(root, 'packages', 'core', 'src'), { recursive: true });
    await writeFile(join(root, 'packages', 'core', 'package.json'), '{}');
    await writeFile(join(root, 'packages', 'core', 'src', 'index.ts'), 'export {};');
    await mkdir(join(root, 'packages', 'notes'));
    return root;
  };
  const age = (path: string, secondsAgo: number) => utimes(path, new Date(Date.now() - secondsAgo * 1000), new Date(Date.now() - secondsAgo * 1000));

  it('counts the bundles the build config makes, so progress matches rollup\'s lines', async () => {
    const root = await repo();
    await writeFile(join(root, 'rollup.config.mjs'), 'export default [{ input: "a" }, { input: "b" }, { input: "c" }];');
    expect(await bundleCount(root)).toBe(3);
  });

  it('asks for a build when a package has none, or its sources are newer, and not when its build is newer', async () => {
    const root = await repo();
    expect(needsBuild(root)).toBe('packages/core has no build yet');
    await mkdir(join(root, 'packages', 'core', 'dist'));
    await writeFile(join(root, 'packages', 'core', 'dist', 'index.mjs'), '');
    await age(join(root, 'packages', 'core', 'src', 'index.ts'), 60);
    await age(join(root, 'packages', 'core', 'package.json'), 60);
    expect(needsBuild(root)).toBeUndefined();
    await writeFile(join(root, 'packages', 'core', 'src', 'index.ts'), 'export const changed = 1;');
    await age(join(root, 'packages', 'core', 'dist', 'index.mjs'), 30);
    expect(needsBuild(root)).toBe('packages/core changed since its last build');
  });
});
