// A Chromium driven over the DevTools protocol pipe with nothing but the domains a measurement needs.
//
// Why not Playwright here: Playwright turns on the Network domain in every page and worker it controls, so
// that it can report requests. Chromium then builds a DevTools record of every request on the page's main
// thread, its body included. On this machine that costs a worker's upload ~0.35 ms of main thread and a
// main-thread `fetch` ~2 ms, time a visitor's browser never spends. The delivery bench counts main-thread
// time per upload, so it drives its pages through this instead: only `Page`, `Runtime` and `Performance`
// are on. The e2e tests keep Playwright, which they need for its request events.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Starts Chromium with `--remote-debugging-pipe` (messages are JSON, each ended by a NUL byte, on file
 * descriptors 3 (to the browser) and 4 (from it)).
 * @example
 * const browser = await launchBare({ executablePath: '/usr/bin/chromium', args: ['--headless'] });
 * const page = await browser.newPage('http://127.0.0.1:4000/bench/page.html');
 * console.log(await page.evaluate((a) => a + 1, 1)); // 2
 * await page.close(); await browser.close();
 */
export const launchBare = async ({ executablePath, args }) => {
  const profile = await mkdtemp(join(tmpdir(), 'footprint-bench-profile-'));
  const child = spawn(executablePath, [...args, '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const [toBrowser, fromBrowser] = [child.stdio[3], child.stdio[4]];
  const calls = new Map();
  const listeners = new Set();
  let lastId = 0;
  let pending = '';
  fromBrowser.setEncoding('utf8');
  fromBrowser.on('data', (chunk) => {
    pending += chunk;
    for (let end = pending.indexOf('\0'); end >= 0; end = pending.indexOf('\0')) {
      const message = JSON.parse(pending.slice(0, end));
      pending = pending.slice(end + 1);
      const call = calls.get(message.id);
      if (call) {
        calls.delete(message.id);
        if (message.error) call.reject(new Error(`${call.method}: ${message.error.message}`));
        else call.resolve(message.result);
      } else if (message.method) listeners.forEach((listener) => listener(message));
    }
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  exited.then(() => calls.forEach((call) => call.reject(new Error(`${call.method}: the browser exited`))));
  const send = (method, params = {}, sessionId) =>
    new Promise((resolve, reject) => {
      const id = ++lastId;
      calls.set(id, { method, resolve, reject });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId && { sessionId }) })}\0`);
    });
  const next = (sessionId, method) =>
    new Promise((resolve) => {
      const listener = (message) => message.sessionId === sessionId && message.method === method && (listeners.delete(listener), resolve(message.params));
      listeners.add(listener);
    });
  const { product } = await send('Browser.getVersion');

  return {
    /** The browser's version, e.g. `156.0.8078.129`. */
    version: product.replace(/^[^/]*\//, ''),
    /**
     * A page in a fresh browser context (its own storage), loaded from `url`. `initScript` runs in every
     * document before the page's own scripts.
     */
    async newPage(url, { initScript } = {}) {
      const { browserContextId } = await send('Target.createBrowserContext', { disposeOnDetach: true });
      const { targetId } = await send('Target.createTarget', { url: 'about:blank', browserContextId });
      const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
      const on = (method, params) => send(method, params, sessionId);
      await on('Page.enable');
      await on('Runtime.enable');
      await on('Performance.enable');
      if (initScript) await on('Page.addScriptToEvaluateOnNewDocument', { source: `(${initScript})()` });
      const loaded = next(sessionId, 'Page.loadEventFired');
      await on('Page.navigate', { url });
      await loaded;
      return {
        /** Calls `fn(arg)` in the page (`fn` is sent as its source) and resolves its JSON-able value, awaited. */
        async evaluate(fn, arg) {
          const { result, exceptionDetails } = await on('Runtime.evaluate', { expression: `(${fn})(${JSON.stringify(arg)})`, awaitPromise: true, returnByValue: true });
          if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
          return result.value;
        },
        /** One of `Performance.getMetrics`' values, e.g. `TaskDuration` (seconds of main-thread tasks). */
        metric: async (name) => (await on('Performance.getMetrics')).metrics.find((m) => m.name === name).value,
        collectGarbage: async () => (await on('HeapProfiler.enable'), await on('HeapProfiler.collectGarbage')),
        close: () => send('Target.disposeBrowserContext', { browserContextId }),
      };
    },
    async close() {
      await send('Browser.close').catch(() => {});
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      child.kill();
      await rm(profile, { recursive: true, force: true });
    },
  };
};
