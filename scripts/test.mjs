// `npm test`: the build, the type check, the size budgets, then every vitest project, one after the other
// (the build alone keeps both cores busy: the type check beside it made both slower). Each step says when
// it ends and how long it took; the first step that fails stops the run with its output and exit code.
import { spawn } from 'node:child_process';

const started = Date.now();
const seconds = (since) => `${Math.round((Date.now() - since) / 1000)} s`;

/** Runs an npm script; `quiet` keeps its output unless it fails. */
const step = (name, args, quiet = false) =>
  new Promise((resolve) => {
    const t = Date.now();
    const child = spawn('npm', ['run', '--silent', ...args], { stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', shell: process.platform === 'win32' });
    let out = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (out += d));
    child.on('close', (code) => {
      if (code && out) process.stdout.write(out);
      console.log(`[npm test] ${name}: ${code ? `failed (exit ${code})` : 'done'} in ${seconds(t)}`);
      resolve(code ?? 1);
    });
  });

const stopOn = (codes) => {
  const failed = codes.find((c) => c !== 0);
  if (failed !== undefined) {
    console.log(`[npm test] stopped after ${seconds(started)}`);
    process.exit(failed);
  }
};

console.log('[npm test] build, type check, size budgets, then vitest…');
stopOn([await step('build', ['build'], true)]);
stopOn([await step('type check', ['typecheck'], true)]);
stopOn([await step('size budgets', ['size', '--', '--check'])]);
stopOn([await step('vitest (unit and Chromium end-to-end)', ['test:vitest'])]);
console.log(`[npm test] all green in ${seconds(started)}`);
