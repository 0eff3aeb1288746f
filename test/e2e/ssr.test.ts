// @vitest-environment node
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { repoRoot } from '../support/paths';

// docs/differences.md §C.10: server-side rendering imports the SDK in Node. Every package entry (each `exports`
// condition of each built package) must import with no window, document or navigator, touch none of
// them while importing, and the browser client's public API must not throw there.

const GLOBALS = ['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'history', 'self'];
const packagesDir = join(repoRoot, 'packages');

/** Every built entry file of every package: `{ pkg, subpath, condition, file }`. */
const entries = readdirSync(packagesDir).flatMap((pkg) => {
  const manifestPath = join(packagesDir, pkg, 'package.json');
  if (!existsSync(manifestPath)) return [];
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const exportsField: Record<string, any> = typeof manifest.exports === 'object' ? manifest.exports : { '.': manifest.main };
  return Object.entries(exportsField).flatMap(([subpath, target]) => {
    if (subpath.endsWith('.json')) return [];
    const conditions: Record<string, string | Record<string, string>> = typeof target === 'string' ? { default: target } : target;
    return Object.entries(conditions)
      .map(([condition, file]) => [condition, typeof file === 'string' ? file : file.default] as const)
      .filter(([condition, file]) => condition !== 'types' && typeof file === 'string')
      .map(([condition, file]) => ({ pkg: manifest.name as string, subpath, condition, file: join(packagesDir, pkg, file) }));
  });
});

/** Records reads of the browser globals; node has none of them, so every read yields undefined. */
const touched: string[] = [];
const saved = new Map<string, PropertyDescriptor | undefined>();
const trap = () => {
  for (const name of GLOBALS) {
    saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        const stack = new Error().stack ?? '';
        if (stack.includes('/packages/')) touched.push(`${name}\n${stack.split('\n').slice(2, 5).join('\n')}`);
        return undefined;
      },
    });
  }
};
const untrap = () => {
  for (const [name, d] of saved) {
    if (d) Object.defineProperty(globalThis, name, d);
    else delete (globalThis as any)[name];
  }
};

describe('server-side rendering: every package entry in Node', () => {
  afterAll(untrap);

  it('finds the built entries (npm run build first)', () => {
    const missing = entries.filter((e) => !existsSync(e.file)).map((e) => e.file);
    expect(missing).toEqual([]);
    expect(entries.some((e) => e.pkg === '@footprint/browser' && e.condition === 'import')).toBe(true);
    expect(entries.some((e) => e.pkg === '@footprint/browser' && e.condition === 'require')).toBe(true);
  });

  it('imports each entry (ESM and CJS) without touching window, document or navigator', async () => {
    expect(typeof (globalThis as any).document).toBe('undefined');
    const require = createRequire(import.meta.url);
    trap();
    try {
      for (const e of entries) {
        const mod = e.condition === 'require' ? require(e.file) : await import(pathToFileURL(e.file).href);
        expect(Object.keys(mod).length, `${e.pkg} ${e.subpath} (${e.condition}) exports something`).toBeGreaterThan(0);
      }
    } finally {
      untrap();
    }
    expect(touched).toEqual([]);
  });

  it('runs the browser public API without throwing, with one warning that it is not in a browser', async () => {
    const browser = await import(pathToFileURL(join(packagesDir, 'browser/dist/index.mjs')).href);
    const warn = vi.fn();
    const sent: unknown[] = [];
    const logger = { log: vi.fn(), warn, error: vi.fn(), debug: vi.fn() };
    const transportProvider = { send: async (_url: string, payload: { events: unknown[] }) => (sent.push(...payload.events), { status: 200, body: { code: 200 } }) };
    const calls: Array<[string, () => unknown]> = [
      ['track', () => browser.track('before init')],
      ['init', () => browser.init('ssr-api-key-0123456789', 'ssr-user-1', { loggerProvider: logger, transportProvider, flushIntervalMillis: 10 })],
      ['track', () => browser.track('rendered', { a: 1 })],
      ['logEvent', () => browser.logEvent('rendered 2')],
      ['identify', () => browser.identify(new browser.Identify().set('plan', 'pro'))],
      ['groupIdentify', () => browser.groupIdentify('org', 'acme', new browser.Identify().set('seats', 3))],
      ['setGroup', () => browser.setGroup('org', 'acme')],
      ['revenue', () => browser.revenue(new browser.Revenue().setProductId('sku').setPrice(1))],
      ['setUserId', () => browser.setUserId('ssr-user-2')],
      ['getUserId', () => browser.getUserId()],
      ['setDeviceId', () => browser.setDeviceId('ssr-device-1')],
      ['getDeviceId', () => browser.getDeviceId()],
      ['setSessionId', () => browser.setSessionId(Date.now())],
      ['getSessionId', () => browser.getSessionId()],
      ['extendSession', () => browser.extendSession()],
      ['setOptOut', () => browser.setOptOut(false)],
      ['getOptOut', () => browser.getOptOut()],
      ['getIdentity', () => browser.getIdentity()],
      ['setIdentity', () => browser.setIdentity({ userId: 'ssr-user-3' })],
      ['add', () => browser.add({ name: 'noop', execute: async (e: unknown) => e })],
      ['remove', () => browser.remove('noop')],
      ['setConsent', () => browser.setConsent?.('granted')],
      ['getConsent', () => browser.getConsent?.()],
      ['decorateUrl', () => browser.decorateUrl?.('https://example.org/')],
      ['getCrossDomainParams', () => browser.getCrossDomainParams?.()],
      ['flush', () => browser.flush()],
      ['reset', () => browser.reset()],
      ['createInstance', () => browser.createInstance()],
    ];
    const pending: Promise<unknown>[] = [];
    for (const [name, call] of calls) {
      let out: any;
      expect(() => (out = call()), name).not.toThrow();
      if (out && typeof out.promise?.then === 'function') pending.push(out.promise);
      else if (out && typeof out.then === 'function') pending.push(out);
    }
    await Promise.all(pending);
    // Last, once every event is delivered to the fake transport: nothing tracked goes over the network.
    expect(() => browser.setTransport('fetch')).not.toThrow();
    expect(warn.mock.calls.map((c) => c.join(' '))).toEqual([expect.stringMatching(/^\[Footprint\] E62 not in a browser/)]);
    expect(typeof (globalThis as any).document).toBe('undefined');
  });
});
