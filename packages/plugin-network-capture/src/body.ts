import { utf8Length } from '@footprint/core';

// FormData with more entries than this is not sized (estimating it would cost more than it's worth).
const MAX_FORM_ENTRIES = 100;

const is = (value: unknown, name: string): boolean => {
  const ctor = (globalThis as Record<string, any>)[name];
  return typeof ctor === 'function' && value instanceof ctor;
};

/**
 * The size in bytes of a request or response body as the host passed it, without reading any stream:
 * strings (UTF-8), Blobs, ArrayBuffers and views, URLSearchParams, FormData (text parts and file sizes).
 * `undefined` for streams, empty bodies and anything else.
 * @example bodySize('héllo') // 6
 */
export const bodySize = (body: unknown): number | undefined => {
  if (body === null || body === undefined) return undefined;
  if (typeof body === 'string') return utf8Length(body);
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return body.byteLength;
  if (is(body, 'Blob')) return (body as Blob).size;
  if (is(body, 'URLSearchParams')) return utf8Length(String(body));
  if (is(body, 'FormData')) {
    let total = 0;
    let count = 0;
    for (const [name, value] of (body as FormData).entries()) {
      if (++count > MAX_FORM_ENTRIES) return undefined;
      total += utf8Length(name) + (typeof value === 'string' ? utf8Length(value) : (value as Blob).size);
    }
    return total;
  }
  return undefined;
};

/**
 * Reads a response (a clone the caller owns) as text, giving up — and cancelling the stream, so the
 * host's copy is not held back — when it exceeds `maxBytes` or takes longer than `timeoutMs`.
 * Resolves the text and its byte length, or `undefined`. Never rejects.
 * @example const body = await readTextCapped(response.clone(), 256 * 1024, 3000);
 */
export const readTextCapped = async (response: Response, maxBytes: number, timeoutMs: number): Promise<{ text: string; bytes: number } | undefined> => {
  const stream = response.body;
  if (!stream) return undefined;
  const declared = Number(response.headers.get('content-length'));
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const give = () => {
    reader?.cancel().catch(() => {});
    return undefined;
  };
  try {
    if (declared > maxBytes) {
      await stream.cancel().catch(() => {});
      return undefined;
    }
    reader = stream.getReader();
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    for (;;) {
      const step = await Promise.race([reader.read(), timeout]);
      if (step === 'timeout') return give();
      if (step.done) break;
      bytes += step.value.byteLength;
      if (bytes > maxBytes) return give();
      chunks.push(step.value);
    }
    const all = new Uint8Array(bytes);
    let at = 0;
    for (const c of chunks) {
      all.set(c, at);
      at += c.byteLength;
    }
    return { text: new TextDecoder().decode(all), bytes };
  } catch {
    return give();
  } finally {
    clearTimeout(timer);
  }
};
