import { describe, expect, it } from 'vitest';
import { bodySize, readTextCapped } from './body';

describe('bodySize', () => {
  it.each([
    ['a string (UTF-8 bytes)', 'héllo €😀', 1 + 2 + 3 + 1 + 3 + 4],
    ['an ArrayBuffer', new ArrayBuffer(12), 12],
    ['a typed array view', new Uint16Array(4), 8],
    ['a Blob', new Blob(['12345']), 5],
    ['URLSearchParams', new URLSearchParams({ a: '1', b: 'é' }), 'a=1&b=%C3%A9'.length],
    ['nothing', undefined, undefined],
    ['null', null, undefined],
    ['a stream (never read)', new ReadableStream(), undefined],
  ])('%s', (_, body, expected) => {
    expect(bodySize(body)).toBe(expected);
  });

  it('sizes FormData text parts and files', () => {
    const form = new FormData();
    form.append('name', 'ab');
    form.append('file', new Blob(['xyz']));
    expect(bodySize(form)).toBe(4 + 2 + 4 + 3);
  });
});

const streamOf = (chunks: string[], opts: { hang?: boolean } = {}) => {
  let cancelled = false;
  const enc = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.shift();
      if (next !== undefined) controller.enqueue(enc.encode(next));
      else if (!opts.hang) controller.close();
      else return new Promise(() => {});
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, cancelled: () => cancelled };
};

describe('readTextCapped', () => {
  it('reads a streamed body whole', async () => {
    const { stream } = streamOf(['{"a":', '1}']);
    expect(await readTextCapped(new Response(stream), 1024, 1000)).toEqual({ text: '{"a":1}', bytes: 7 });
  });

  it('gives up past the size cap and cancels the stream', async () => {
    const s = streamOf(['12345', '67890', 'more']);
    expect(await readTextCapped(new Response(s.stream), 8, 1000)).toBeUndefined();
    expect(s.cancelled()).toBe(true);
  });

  it('gives up at once when Content-Length exceeds the cap', async () => {
    const s = streamOf(['x']);
    expect(await readTextCapped(new Response(s.stream, { headers: { 'content-length': '100' } }), 8, 1000)).toBeUndefined();
    expect(s.cancelled()).toBe(true);
  });

  it('gives up on a stream that does not finish in time', async () => {
    const s = streamOf(['partial'], { hang: true });
    expect(await readTextCapped(new Response(s.stream), 1024, 30)).toBeUndefined();
    expect(s.cancelled()).toBe(true);
  });

  it('resolves undefined for a response without a body', async () => {
    expect(await readTextCapped(new Response(null, { status: 204 }), 1024, 100)).toBeUndefined();
  });
});
