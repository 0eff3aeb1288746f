// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./size.mjs', import.meta.url));

const run = (entries: object[]) => {
  const file = join(mkdtempSync(join(tmpdir(), 'size-')), 'budgets.json');
  writeFileSync(file, JSON.stringify({ entries }));
  try {
    return { code: 0, out: execFileSync(process.execPath, [script, '--check'], { env: { ...process.env, SIZE_BUDGETS: file }, encoding: 'utf8', stdio: 'pipe' }) };
  } catch (e: any) {
    return { code: e.status as number, out: `${e.stdout}${e.stderr}` };
  }
};

// Each case runs the script, which bundles and minifies @footprint/core: seconds, more on a busy machine.
describe('size budgets', { timeout: 60_000 }, () => {
  const entry = { name: 'core', code: "export * from '@footprint/core';" };
  // Each run spawns the script; bundling core with rollup + terser takes over 10 s on a loaded 2-core machine.
  const SLOW = 60_000;

  it('passes when every entry is within its budget', () => {
    const r = run([{ ...entry, gzipBudget: 100_000 }]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 entries within budget');
  }, SLOW);

  it('fails and names the entry when a budget is exceeded', () => {
    const r = run([{ ...entry, gzipBudget: 100 }]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/core is [\d.]+ KB gzip .* over its budget of 0\.10 KB/);
  }, SLOW);

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
