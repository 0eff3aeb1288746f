// Shared by the collector's own tests: a collector on a free port with a fresh data directory.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCollector } from './server';
import type { Collector, CollectorOptions } from './types';
import type { IngestEvent } from './validate';

export interface TestCollector {
  collector: Collector;
  dataDir: string;
  /** Lines the collector logged. */
  lines: string[];
  /** POSTs a JSON value (or a raw string) to `/2/httpapi`. */
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
}

const running: Collector[] = [];
const dirs: string[] = [];

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'footprint-collector-'));
  dirs.push(dir);
  return dir;
}

export async function startTestCollector(options: CollectorOptions = {}): Promise<TestCollector> {
  const dataDir = options.dataDir ?? (await tempDir());
  const lines: string[] = [];
  const collector = await startCollector({ port: 0, log: (line) => lines.push(line), ...options, dataDir });
  running.push(collector);
  return {
    collector,
    dataDir,
    lines,
    post: (body, headers = {}) =>
      fetch(`${collector.url}/2/httpapi`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : body instanceof Uint8Array ? new Uint8Array(body) : JSON.stringify(body),
      }),
  };
}

/** Closes every collector and deletes every directory the helpers made; call in afterEach. */
export async function cleanup(): Promise<void> {
  await Promise.all(running.splice(0).map((c) => c.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** A valid HTTP V2 event with a fresh insert_id. */
export function makeEvent(overrides: Record<string, unknown> = {}): IngestEvent {
  return { event_type: 'Button Clicked', device_id: 'device-1234', time: 1_700_000_000_000, insert_id: randomUUID(), ...overrides };
}

export const upload = (events: unknown[], extra: Record<string, unknown> = {}) => ({ api_key: 'test-key', events, ...extra });
