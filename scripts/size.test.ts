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

  it('passes when every entry is within its budget', () => {
    const r = run([{ ...entry, gzipBudget: 100_000 }]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 entries within budget');
  });

  it('fails and names the entry when a budget is exceeded', () => {
    const r = run([{ ...entry, gzipBudget: 100 }]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/core is [\d.]+ KB gzip .* over its budget of 0\.10 KB/);
  });

  it('fails when a measured file is missing', () => {
    const r = run([{ name: 'bundle', file: 'packages/none/dist/x.js', gzipBudget: 100_000 }]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('is missing');
  });
});
