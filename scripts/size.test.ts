// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./size.mjs', import.meta.url));

const run = (entries: object[], readme?: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'size-'));
  const file = join(dir, 'budgets.json');
  writeFileSync(file, JSON.stringify({ entries }));
  const env: Record<string, string | undefined> = { ...process.env, SIZE_BUDGETS: file };
  if (readme !== undefined) writeFileSync((env.SIZE_README = join(dir, 'README.md')), readme);
  try {
    return { code: 0, out: execFileSync(process.execPath, [script, '--check'], { env, encoding: 'utf8', stdio: 'pipe' }) };
  } catch (e: any) {
    return { code: e.status as number, out: `${e.stdout}${e.stderr}` };
  }
};

// Each case runs the script, which bundles and minifies its entry. The entry is one small export of the built
// core (tree-shaken as an app's bundler would), so a run takes about a second; all of core took ~4 s each.
describe('size budgets', { timeout: 60_000 }, () => {
  const entry = { name: 'core', code: "export { uuid } from '@footprint/core';" };
  // Each run spawns the script (rollup + terser): far longer on a loaded 2-core machine.
  const SLOW = 60_000;

  it('passes when every entry is within its budget', () => {
    const r = run([{ ...entry, gzipBudget: 100_000 }]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 entries within budget');
  }, SLOW);

  it('fails and names the entry when a budget is exceeded', () => {
    const r = run([{ ...entry, gzipBudget: 10 }]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/core is [\d.]+ KB gzip .* over its budget of 0\.01 KB/);
  }, SLOW);

  it("fails when the README's size table is not the measured one, and passes when it is", () => {
    const budgets = [{ ...entry, gzipBudget: 100_000 }];
    const measured = run(budgets).out.split('\n').filter((l) => l.startsWith('|')).join('\n');
    expect(measured).toMatch(/^\| entry \|/);
    const current = run(budgets, `# x\n<!-- size-table:start -->\n${measured}\n<!-- size-table:end -->\n`);
    expect(current.code, current.out).toBe(0);
    const stale = run(budgets, `# x\n<!-- size-table:start -->\n${measured.replace(/\d+\.\d\d KB/, '0.01 KB')}\n<!-- size-table:end -->\n`);
    expect(stale.code).toBe(1);
    expect(stale.out).toContain('is not the measured one');
  }, SLOW * 3);

  it('fails when a measured file is missing', () => {
    const r = run([{ name: 'bundle', file: 'packages/none/dist/x.js', gzipBudget: 100_000 }]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('is missing');
  });

  it('measures a built file over a baseline file (baselineFile), and fails when the baseline is missing', () => {
    const marginal = { name: 'over the lock', file: 'package-lock.json', baselineFile: 'package.json' };
    const ok = run([{ ...marginal, gzipBudget: 10_000_000 }]);
    expect(ok.code).toBe(0);
    const over = run([{ ...marginal, gzipBudget: 1 }]);
    expect(over.code).toBe(1);
    expect(over.out).toMatch(/over the lock is [\d.]+ KB gzip/);
    const missing = run([{ ...marginal, baselineFile: 'packages/none/dist/x.js', gzipBudget: 10_000_000 }]);
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('is missing');
  }, SLOW);
});
