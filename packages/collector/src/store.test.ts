// @vitest-environment node
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EVENTS_FILE, openStore } from './store';
import type { AppendInput } from './store';
import type { IngestEvent } from './validate';
import { cleanup, makeEvent, tempDir } from './test-helpers';

afterEach(cleanup);

const input = (events: IngestEvent[], uploadId = 'up-1'): AppendInput => ({ apiKey: 'key', uploadId, receivedAt: 1000, events });

describe('store', () => {
  it('appends events as NDJSON with received_at, api_key and upload_id', async () => {
    const dataDir = await tempDir();
    const store = await openStore({ dataDir, log: () => {} });
    const event = makeEvent();
    await store.append(input([event]));
    await store.close();
    const lines = (await readFile(join(dataDir, EVENTS_FILE), 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual([{ ...event, received_at: 1000, api_key: 'key', upload_id: 'up-1' }]);
  });

  it('stores an insert_id once per device and counts the repeats', async () => {
    const store = await openStore({ dataDir: await tempDir(), log: () => {} });
    const event = makeEvent({ insert_id: 'ins-1' });
    expect(await store.append(input([event, event]))).toMatchObject({ duplicates: 1, stored: [{ insert_id: 'ins-1' }] });
    expect((await store.append(input([event]))).stored).toEqual([]);
    // Same insert_id from another device is a different event (docs/protocol.md §B.3).
    expect((await store.append(input([{ ...event, device_id: 'device-9999' }]))).stored).toHaveLength(1);
    expect(store.events()).toHaveLength(2);
    expect(store.duplicates()).toBe(2);
    expect(store.duplicatesOf('ins-1')).toBe(2);
    expect(store.snapshot().duplicates_by_insert_id).toEqual({ 'ins-1': 2 });
    await store.close();
  });

  it('with dedupe: false stores every copy and still counts the repeats, each copy naming its upload', async () => {
    const store = await openStore({ dataDir: await tempDir(), log: () => {}, dedupe: false });
    const event = makeEvent({ insert_id: 'twice' });
    expect(await store.append(input([event, event], 'up-1'))).toMatchObject({ duplicates: 1, stored: [{ upload_id: 'up-1' }, { upload_id: 'up-1' }] });
    expect(await store.append(input([event], 'up-2'))).toMatchObject({ duplicates: 1, stored: [{ insert_id: 'twice', upload_id: 'up-2' }] });
    expect(store.events().map((e) => e.upload_id)).toEqual(['up-1', 'up-1', 'up-2']);
    expect(store.duplicates()).toBe(2);
    expect(store.snapshot().duplicates_by_insert_id).toEqual({ twice: 2 });
    await store.close();
  });

  it('reads history and the de-dup index back after a restart', async () => {
    const dataDir = await tempDir();
    const first = await openStore({ dataDir, log: () => {} });
    const event = makeEvent({ insert_id: 'keep-me' });
    await first.append(input([event]));
    await first.close();
    const second = await openStore({ dataDir, log: () => {} });
    expect(second.events().map((e) => e.insert_id)).toEqual(['keep-me']);
    expect((await second.append(input([event]))).duplicates).toBe(1);
    expect(second.events()).toHaveLength(1);
    await second.close();
  });

  it('skips and logs a corrupt line, keeping the lines around it', async () => {
    const dataDir = await tempDir();
    const good = (id: string) => JSON.stringify({ ...makeEvent({ insert_id: id }), received_at: 1, api_key: 'k', upload_id: 'u' });
    // A torn last line, as a crash mid-write would leave it.
    await writeFile(join(dataDir, EVENTS_FILE), `${good('a')}\n{"event_type": broken\n${good('b')}\n{"event_ty`);
    const lines: string[] = [];
    const store = await openStore({ dataDir, log: (line) => lines.push(line) });
    expect(store.events().map((e) => e.insert_id)).toEqual(['a', 'b']);
    expect(lines).toEqual([expect.stringContaining('line 2 is corrupt'), expect.stringContaining('line 4 is corrupt')]);
    await store.append(input([makeEvent({ insert_id: 'c' })]));
    await store.close();
    const reopened = await openStore({ dataDir, log: () => {} });
    expect(reopened.events().map((e) => e.insert_id)).toEqual(['a', 'b', 'c']);
    await reopened.close();
  });

  it('reset empties memory and the data file', async () => {
    const dataDir = await tempDir();
    const store = await openStore({ dataDir, log: () => {} });
    const event = makeEvent();
    await store.append(input([event, event]));
    store.recordRejected({ at: 1, status: 400, error: 'x', path: '/2/httpapi', events: 1, upload_id: 'u', fault: false });
    await store.reset();
    expect(store.snapshot()).toEqual({ events: [], duplicates: 0, duplicates_by_insert_id: {}, uploads: [], rejected: [] });
    expect(await readFile(join(dataDir, EVENTS_FILE), 'utf8')).toBe('');
    expect((await store.append(input([event]))).stored).toHaveLength(1);
    await store.close();
  });

  it('keeps only the last 200 rejected uploads', async () => {
    const store = await openStore({ dataDir: await tempDir(), log: () => {} });
    for (let i = 0; i < 205; i++) {
      store.recordRejected({ at: i, status: 400, error: 'x', path: '/batch', events: 0, upload_id: String(i), fault: false });
    }
    expect(store.rejected()).toHaveLength(200);
    expect(store.rejected()[0]?.at).toBe(5);
    await store.close();
  });
});
