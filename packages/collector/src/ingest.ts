import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { EventStream } from './event-stream';
import { defaultFaultBody } from './faults';
import type { Fault, FaultQueue } from './faults';
import { readBody, sendJson } from './http-utils';
import type { Store } from './store';
import { parseUploadJson, validateUpload } from './validate';
import type { ErrorBody } from './validate';

/** What an upload handler needs from the running collector. */
export interface IngestContext {
  store: Store;
  faults: FaultQueue;
  stream: EventStream;
  maxPayloadBytes: number;
  maxEventsPerRequest: number;
  log: (line: string) => void;
  sleep: (ms: number) => Promise<void>;
}

interface Upload {
  id: string;
  path: string;
  at: number;
  bytes: number;
  gzip: boolean;
  events: readonly unknown[];
}

/**
 * Handles `POST /2/httpapi` and `POST /batch` (docs/protocol.md §B): fault, then size, JSON and event checks, then a durable append.
 * @example
 * { path: '/2/httpapi', door: 'ingest', methods: ['POST'], handle: handleUpload } // in server.ts ROUTES
 */
export async function handleUpload(req: IncomingMessage, res: ServerResponse, ctx: IngestContext & { path: string }): Promise<void> {
  const { path } = ctx;
  // Taken on arrival, so faults apply to uploads in the order they reach the server.
  const fault = ctx.faults.take();
  const at = Date.now();
  const body = await readBody(req, ctx.maxPayloadBytes);
  const parsed = body.ok ? parseUploadJson(body.text) : undefined;
  const value: unknown = parsed?.ok ? parsed.value : undefined;
  const events = isRecord(value) && Array.isArray(value.events) ? value.events : [];
  const upload: Upload = { id: randomUUID(), path, at, bytes: body.bytes, gzip: body.gzip, events };

  if (fault?.delayMs) await ctx.sleep(fault.delayMs);
  if (fault?.drop || fault?.status !== undefined) return answerFault(req, res, upload, fault, ctx);
  const headers = fault?.headers ?? {};

  if (!body.ok) return reject(res, upload, body.status, { code: body.status, error: body.error }, headers, ctx);
  if (parsed && !parsed.ok) return reject(res, upload, 400, parsed.body, headers, ctx);
  const result = validateUpload(value, { maxEventsPerRequest: ctx.maxEventsPerRequest });
  if (!result.ok) return reject(res, upload, result.status, result.body, headers, ctx);

  const { stored, duplicates } = await ctx.store.append({
    apiKey: result.apiKey,
    uploadId: upload.id,
    receivedAt: at,
    events: result.events,
  });
  record(upload, 200, ctx);
  if (stored.length > 0) ctx.stream.broadcast({ event: 'ingest', data: { upload_id: upload.id, events: stored } });
  ctx.log(`footprint collector: 200 ${path} ${events.length} events (${stored.length} stored, ${duplicates} duplicate)${upload.gzip ? ' gzip' : ''}`);
  sendJson(res, 200, {
    code: 200,
    events_ingested: result.events.length,
    payload_size_bytes: body.ok ? body.payloadBytes : 0,
    server_upload_time: Date.now(),
  }, headers);
}

function answerFault(req: IncomingMessage, res: ServerResponse, upload: Upload, fault: Fault, ctx: IngestContext): void {
  if (fault.drop) {
    markRejected(upload, 0, 'fault: connection dropped', true, ctx);
    req.socket.destroy();
    return;
  }
  const status = fault.status ?? 500;
  const body = fault.body !== undefined ? fault.body : defaultFaultBody(status, upload.events);
  if (status >= 400) {
    const error = isRecord(body) && typeof body.error === 'string' ? body.error : `status ${status}`;
    markRejected(upload, status, `fault: ${error}`, true, ctx);
  } else {
    record(upload, status, ctx);
  }
  sendJson(res, status, body, fault.headers);
}

function reject(
  res: ServerResponse,
  upload: Upload,
  status: number,
  body: ErrorBody,
  headers: Record<string, string>,
  ctx: IngestContext,
): void {
  markRejected(upload, status, body.error, false, ctx);
  sendJson(res, status, body, headers);
}

function markRejected(upload: Upload, status: number, error: string, fault: boolean, ctx: IngestContext): void {
  record(upload, status, ctx);
  const entry = { at: upload.at, status, error, path: upload.path, events: upload.events.length, upload_id: upload.id, fault };
  ctx.store.recordRejected(entry);
  ctx.stream.broadcast({ event: 'reject', data: { rejected: [entry] } });
  ctx.log(`footprint collector: ${status || 'dropped'} ${upload.path} ${upload.events.length} events: ${error}`);
}

function record(upload: Upload, status: number, ctx: IngestContext): void {
  const { id, path, bytes, gzip, at } = upload;
  ctx.store.recordUpload({ id, path, status, events: upload.events.length, bytes, gzip, at });
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
