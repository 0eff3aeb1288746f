import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzip, inflate } from 'node:zlib';
import { promisify } from 'node:util';

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

/** Adds CORS headers; every response carries them so browser SDKs on any origin can read the answer. */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  res.setHeader('Access-Control-Allow-Origin', origin ?? '*');
  if (origin) res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Allow-Methods', 'POST, GET, OPTIONS, DELETE');
  const requested = req.headers['access-control-request-headers'];
  res.setHeader('Access-Control-Allow-Headers', ['Content-Type, Content-Encoding, Accept', requested].filter(Boolean).join(', '));
  // The SDK honours Retry-After; a cross-origin fetch only sees it when exposed.
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
  res.setHeader('Access-Control-Max-Age', '600');
  if (req.headers['access-control-request-private-network'] === 'true') {
    res.setHeader('Access-Control-Allow-Private-Network', 'true');
  }
}

/** Answers JSON with the given status and extra headers. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** True for 127.0.0.0/8, ::1 and IPv4-mapped 127.x addresses. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

export type BodyResult =
  | { ok: true; text: string; bytes: number; payloadBytes: number; gzip: boolean }
  | { ok: false; status: 400 | 413; error: string; bytes: number; gzip: boolean };

/**
 * Reads and decompresses a request body, refusing more than `maxBytes` after decompression.
 * @example
 * const body = await readBody(req, 1024 * 1024);
 */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const encoding = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const gzip = encoding === 'gzip' || encoding === 'x-gzip';
  // Compressed input can be slightly larger than its output; the real limit is checked after decompression.
  const rawLimit = encoding === 'identity' ? maxBytes : maxBytes + 64 * 1024;
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    // Past the limit keep draining (not buffering) so the client still reads the 413.
    if (bytes <= rawLimit) chunks.push(chunk);
  }
  const tooLarge = { ok: false, status: 413, error: 'Payload too large', bytes, gzip } as const;
  if (bytes > rawLimit) return tooLarge;
  const raw = Buffer.concat(chunks);
  let payload: Buffer;
  try {
    if (gzip) payload = await gunzipAsync(raw, { maxOutputLength: maxBytes });
    else if (encoding === 'deflate') payload = await inflateAsync(raw, { maxOutputLength: maxBytes });
    else if (encoding === 'identity') payload = raw;
    else return { ok: false, status: 400, error: `Unsupported Content-Encoding: ${encoding}`, bytes, gzip };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return tooLarge;
    return { ok: false, status: 400, error: `Invalid ${encoding} request body`, bytes, gzip };
  }
  if (payload.length > maxBytes) return tooLarge;
  return { ok: true, text: payload.toString('utf8'), bytes, payloadBytes: payload.length, gzip };
}
