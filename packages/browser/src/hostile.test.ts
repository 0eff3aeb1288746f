// Property-based: every public call and builder, driven with arbitrary hostile values (docs/bad-input.md).
// The same recipes run in Chromium in test/e2e/hostile.test.ts.
import fc from 'fast-check';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { call, runHostile } from '../../../test/support/hostile';
import * as footprint from './index';

/** Every upload the SDK makes, answered 200: the events it carried, by insert_id. */
const uploads = new Map<string, number>();
const unreadable: string[] = [];
const fetchStub = vi.fn(async (_url: unknown, init?: { body?: unknown }) => {
  try {
    const bytes = Buffer.from(await new Response(init?.body as BodyInit).arrayBuffer());
    // Instances left on Amplitude's default endpoint compress their uploads, as the anchor does.
    const body = JSON.parse((bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8'));
    for (const e of body.events ?? []) uploads.set(e.insert_id, (uploads.get(e.insert_id) ?? 0) + 1);
  } catch {
    unreadable.push(String(_url));
  }
  return new Response('{"code":200}', { status: 200, headers: { 'content-type': 'application/json' } });
});
vi.stubGlobal('fetch', fetchStub);
// The page's own `fetch` too (remote config reads it from window): nothing may try the network.
const pageFetch = window.fetch;
window.fetch = fetchStub as unknown as typeof fetch;
// Instances made by hostile init() calls log to the console: logging a hostile value must not throw either.
const consoleSpies = (['log', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => {}));
afterAll(() => {
  vi.unstubAllGlobals();
  window.fetch = pageFetch;
  for (const spy of consoleSpies) spy.mockRestore();
});

describe('hostile input (happy-dom)', () => {
  it('no call throws, every promise settles, every 200 was uploaded exactly once', async () => {
    const quiet = { log() {}, warn() {}, error() {}, debug() {} };
    const worst: Record<string, number> = {};
    const ok: string[] = [];
    const slow: string[] = [];
    let calls = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 12 }), async (batch) => {
        calls += batch.length;
        // A client per run, so that a failing run replays (and shrinks) on its own.
        const client = footprint.createInstance();
        await client.init('hostile-api-key', {
          serverUrl: 'https://collector.test/2/httpapi',
          autocapture: false,
          flushIntervalMillis: 10,
          transport: { type: 'fetch', worker: false },
          loggerProvider: quiet,
        }).promise;
        const report = await runHostile(batch, client, footprint, 15_000);
        for (const [m, ms] of Object.entries(report.maxMs)) worst[m] = Math.max(worst[m] ?? 0, ms);
        ok.push(...report.ok);
        slow.push(...report.slow);
        expect(report.thrown).toEqual([]);
        expect(report.unsettled).toEqual([]);
      }),
      { numRuns: 60, seed: Number(process.env.FC_SEED ?? Date.now() % 1e9) },
    );
    await vi.waitFor(() => expect({ notOnce: ok.filter((id) => uploads.get(id) !== 1).map((id) => `${id} uploaded ${uploads.get(id) ?? 0}×`), unreadable }).toEqual({ notOnce: [], unreadable: [] }), { timeout: 10_000 });
    expect(Object.prototype).not.toHaveProperty('polluted');
    const slowest = Object.entries(worst).sort((a, b) => b[1] - a[1]);
    // A figure, not a timing assertion: happy-dom on a shared machine is slow and noisy.
    process.stdout.write(`hostile (happy-dom): ${calls} calls, ${ok.length} answered 200; slowest per method (ms): ${slowest.slice(0, 6).map(([m, ms]) => `${m} ${ms.toFixed(1)}`).join(', ')}\n${slow.slice(0, 8).join('\n')}\n`);
    expect(slowest[0][1]).toBeLessThan(2000);
  }, 120_000);
});
