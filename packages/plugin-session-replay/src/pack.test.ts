import { describe, expect, it } from 'vitest';
import { packHere, packInWorker, type WorkerLike } from './pack';

const fakeWorker = (answer: (data: any[]) => unknown[] | 'error') => {
  const w: WorkerLike & { posted: unknown[] } = {
    posted: [],
    onmessage: null,
    onerror: null,
    terminate() {},
    postMessage(data: any) {
      w.posted.push(data);
      const a = answer(data);
      queueMicrotask(() => (a === 'error' ? w.onerror?.(new Error('csp')) : w.onmessage?.({ data: a })));
    },
  };
  return w;
};

describe('pack', () => {
  it('serializes objects and keeps strings as they are, on the main thread', async () => {
    const packed = await packHere(undefined)([{ type: 4 }, '{"type":2}'], true);
    expect(packed).toEqual({ events: ['{"type":4}', '{"type":2}'], gzip: undefined });
  });

  it('packs in the worker, handing it the events', async () => {
    const w = fakeWorker(([id, events]) => [id, events.map((e: unknown) => JSON.stringify(e)), new Uint8Array([31, 139])]);
    const pack = packInWorker(() => w, packHere(undefined));
    expect(await pack([{ type: 4 }], true)).toEqual({ events: ['{"type":4}'], gzip: new Uint8Array([31, 139]) });
    expect(w.posted).toHaveLength(1);
  });

  it('falls back to the main thread for good when the worker errs (a CSP refusing blob: workers)', async () => {
    const w = fakeWorker(() => 'error');
    const pack = packInWorker(() => w, packHere(undefined));
    expect((await pack([{ type: 4 }], false)).events).toEqual(['{"type":4}']);
    expect((await pack([{ type: 3 }], false)).events).toEqual(['{"type":3}']);
    expect(w.posted).toHaveLength(1);
  });

  it('falls back for one call when the worker failed on the events', async () => {
    const w = fakeWorker(([id]) => [id]);
    const pack = packInWorker(() => w, packHere(undefined));
    expect((await pack([{ type: 4 }], false)).events).toEqual(['{"type":4}']);
    expect(w.posted).toHaveLength(1);
    expect((await packInWorker(() => undefined, packHere(undefined))([{ type: 2 }], false)).events).toEqual(['{"type":2}']);
  });
});
