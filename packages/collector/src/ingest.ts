import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { EventStream } from './event-stream';
import { defaultFaultBody } from './faults';
import type { Fault, FaultQueue } from './faults';
import { readBody, sendJson } from './http-utils';
import type { Store } from './store';
import type { UploadRecord } from './types';
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
  /** The decompressed body, kept for the inspector's uploads view. */
  payload: string | undefined;
  /** How the fault applied to this upload reads in the uploads view. */
  fault: string | undefined;
}

/**
 * Handles `POST /2/httpapi` and `POST /batch` (docs/protocol.md §B): fault, then size, JSON and event checks, then a durable append.
 * @example
 * { path: '/2/httpapi', door: 'ingest', methods: ['POST'], handle: handleUpload } // in server.ts ROUTES
 */
export async function handleUpload(req: IncomingMessage, res: ServerResponse, ctx: IngestContext & { path: string }): Promise<void> {
  const { path } = ctx;
  const at = Date.now();
  const body = await readBody(req, ctx.maxPayloadBytes);
  const parsed = body.ok ? parseUploadJson(body.text) : undefined;
  const value: unknown = parsed?.ok ? parsed.value : undefined;
  const events = isRecord(value) && Array.isArray(value.events) ? value.events : [];
  // Taken once the body is read, so a fault can apply only to uploads of at least N events.
  const fault = ctx.faults.take(events.length);
  const upload: Upload = { id: randomUUID(), path, at, bytes: body.bytes, gzip: body.gzip, events, payload: body.ok ? body.text : undefined, fault: describeFault(fault) };

  if (fault?.hang) return hang(req, upload, ctx);
  if (fault?.delayMs) await ctx.sleep(fault.delayMs);
  if (fault?.drop || fault?.status !== undefined) return answerFault(req, res, upload, fault, ctx);
  const headers = fault?.headers ?? {};

  if (!body.ok) return reject(res, upload, body.status, { code: body.status, error: body.error }, headers, ctx);
  if (parsed && !parsed.ok) return reject(res, upload, 400, parsed.body, headers, ctx);
  const result = validateUpload(value, { maxEventsPerRequest: ctx.maxEventsPerRequest });
  if (!result.ok) return reject(res, upload, result.status, result.body, headers, ctx);

  const { stored, duplicates, duplicateIds } = await ctx.store.append({
    apiKey: result.apiKey,
    uploadId: upload.id,
    receivedAt: at,
    events: result.events,
  });
  const answer = {
    code: 200,
    events_ingested: result.events.length,
    payload_size_bytes: body.ok ? body.payloadBytes : 0,
    server_upload_time: Date.now(),
  };
  record(upload, 200, ctx, { duplicates: duplicateIds });
  if (stored.length > 0) ctx.stream.broadcast({ event: 'ingest', data: { upload_id: upload.id, events: stored } });
  ctx.log(`footprint collector: 200 ${path} ${events.length} events (${stored.length} stored, ${duplicates} duplicate)${upload.gzip ? ' gzip' : ''}`);
  sendJson(res, 200, answer, headers);
}

/** A short label for the uploads view: `503`, `drop`, `hang`, `delay 2000 ms`, `429 (Retry-After 2)`. */
export function describeFault(fault: Fault | undefined): string | undefined {
  if (!fault) return undefined;
  const parts: string[] = [];
  if (fault.delayMs) parts.push(`delay ${fault.delayMs} ms`);
  if (fault.drop) parts.push('drop');
  if (fault.hang) parts.push('hang');
  if (fault.status !== undefined) parts.push(String(fault.status) + (fault.fields ? ` naming ${fault.fields.join(', ')}` : ''));
  if (fault.headers && Object.keys(fault.headers).length > 0) parts.push(`(${Object.entries(fault.headers).map(([k, v]) => `${k} ${v}`).join(', ')})`);
  return parts.join(' ');
}

function hang(req: IncomingMessage, upload: Upload, ctx: IngestContext): void {
  // No answer at all: the client's own timeout (or the collector stopping) ends the request.
  req.socket.setTimeout(0);
  markRejected(upload, 0, 'fault: no answer (hang)', true, ctx);
}

function answerFault(req: IncomingMessage, res: ServerResponse, upload: Upload, fault: Fault, ctx: IngestContext): void {
  if (fault.drop) {
    markRejected(upload, 0, 'fault: connection dropped', true, ctx);
    req.socket.destroy();
    return;
  }
  const status = fault.status ?? 500;
  const body = fault.body !== undefined ? fault.body : defaultFaultBody(status, upload.events, fault.fields);
  if (status >= 400) {
    const error = isRecord(body) && typeof body.error === 'string' ? body.error : `status ${status}`;
    markRejected(upload, status, `fault: ${error}`, true, ctx, body);
  } else {
    record(upload, status, ctx, { response: body });
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
  markRejected(upload, status, body.error, false, ctx, body);
  sendJson(res, status, body, headers);
}

function markRejected(upload: Upload, status: number, error: string, fault: boolean, ctx: IngestContext, response?: unknown): void {
  record(upload, status, ctx, response === undefined ? {} : { response });
  const entry = { at: upload.at, status, error, path: upload.path, events: upload.events.length, upload_id: upload.id, fault };
  ctx.store.recordRejected(entry);
  ctx.stream.broadcast({ event: 'reject', data: { rejected: [entry] } });
  ctx.log(`footprint collector: ${status || 'dropped'} ${upload.path} ${upload.events.length} events: ${error}`);
}

function record(upload: Upload, status: number, ctx: IngestContext, extra: Pick<UploadRecord, 'response' | 'duplicates'>): void {
  const { id, path, bytes, gzip, at } = upload;
  const entry: UploadRecord = { id, path, status, events: upload.events.length, bytes, gzip, at, duration_ms: Date.now() - at, ...extra };
  if (upload.fault) entry.fault = upload.fault;
  ctx.store.recordUpload(entry, upload.payload);
  ctx.stream.broadcast({ event: 'upload', data: { uploads: [entry] } });
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
