import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCollector } from '@footprint/collector';
import { examplesDir, fixturesDir, repoRoot, sdkDist } from './paths';

/** A stored event as the collector returns it from `/_footprint/events`. */
export type StoredEvent = Record<string, any> & { event_type: string; insert_id?: string };

/** One fault the collector answers the next upload(s) with (see packages/collector/README.md). */
export interface FaultSpec {
  /** `replay` targets session replay uploads (`/sessions/v2/track`); analytics uploads by default. */
  api?: 'events' | 'replay';
  count?: number;
  minEvents?: number;
  windowMs?: number;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  drop?: boolean;
}

/**
 * Starts a collector on a free loopback port with a fresh data directory, serving the SDK build at
 * `/sdk/`, `examples/` at `/examples/`, `test/fixtures/` at `/fixtures/`, and the packages' ESM builds
 * at `/packages/` (with `/node_modules/` for their dependencies; see `importMap`).
 * `dedupe: false` stores every copy of an insert_id (see `received().duplicates` for the repeats).
 */
export const startTestCollector = async (options: { static?: Record<string, string>; dedupe?: boolean } = {}) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'footprint-test-'));
  const collector = await startCollector({
    port: 0,
    dataDir,
    log: () => {},
    ...(options.dedupe === false ? { dedupe: false } : {}),
    static: {
      '/sdk/': sdkDist,
      '/examples/': examplesDir,
      '/fixtures/': fixturesDir,
      '/packages/': `${repoRoot}packages`,
      '/node_modules/': `${repoRoot}node_modules`,
      ...options.static,
    },
  });
  const api = (path: string, init?: RequestInit) => fetch(`${collector.url}/_footprint/${path}`, init);
  const json = (body: unknown): RequestInit => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    url: collector.url,
    /** Everything received so far, with de-duplication and upload records. */
    received: async () => (await api('events')).json() as Promise<{ events: StoredEvent[]; duplicates: number; uploads: any[]; rejected: any[] }>,
    /** The stored events, in arrival order. */
    events: async (): Promise<StoredEvent[]> => (await (await api('events')).json()).events,
    /** Polls until `predicate` holds for the stored events, or fails after `timeoutMs`. */
    async waitFor(predicate: (events: StoredEvent[]) => boolean, timeoutMs = 5000): Promise<StoredEvent[]> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const events = await this.events();
        if (predicate(events)) return events;
        if (Date.now() > deadline) throw new Error(`collector did not receive the expected events within ${timeoutMs} ms; it holds ${events.length}: ${events.map((e) => e.event_type).join(', ')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    fault: (spec: FaultSpec) => api('faults', json(spec)),
    /** Clears every pending fault (a window included). */
    clearFaults: () => api('faults', { method: 'DELETE', headers: { 'Content-Type': 'application/json' } }),
    reset: () => api('reset', json({})),
    async close() {
      await collector.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};

export type TestCollector = Awaited<ReturnType<typeof startTestCollector>>;

/**
 * An `<script type="importmap">` body that lets a fixture page `import` the packages' built ESM from a
 * test collector's origin: every `@footprint/<name>` → `/packages/<name>/dist/index.mjs`, plus
 * `@footprint/browser/lite` (the client with no plugin wired: use it when a page adds plugins itself).
 * `packages` is accepted for readability at call sites; every package is mapped either way.
 */
export const importMap = (_packages: string[] = []) =>
  JSON.stringify({
    imports: {
      tslib: '/node_modules/tslib/tslib.es6.mjs',
      'web-vitals': '/node_modules/web-vitals/dist/web-vitals.js',
      '@footprint/browser/lite': '/packages/browser/dist/lite.mjs',
      ...Object.fromEntries(
        readdirSync(`${repoRoot}packages`)
          .filter((name) => name !== 'collector')
          .map((name) => [`@footprint/${name}`, `/packages/${name}/dist/index.mjs`]),
      ),
    },
  });
