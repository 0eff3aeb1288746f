import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { EventStream } from './event-stream';
import { defaultFaultBody } from './faults';
import type { Fault, FaultQueue } from './faults';
import { readBody, sendJson } from './http-utils';
import type { Store } from './store';
import type { UploadRecord } from './types';
import { parseUploadJson, validateUpload } from './validate';
import type { ErrorBody, ValidationResult } from './validate';

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

/** How one ingestion API reads its bodies and answers; the rest (faults, records, storage) is shared. */
export interface IngestApi {
  /** Parses a body; `events` are what the uploads view and faults count (before validation). */
  decode(text: string, req: IncomingMessage): { ok: true; value: unknown; events: readonly unknown[] } | { ok: false; body: ErrorBody };
  /** Checks the parsed body and turns it into events to store. */
  validate(value: unknown, ctx: IngestContext): ValidationResult;
  /** The success answer for `count` events. */
  answer(count: number, payloadBytes: number): { body: unknown; text?: boolean };
}

/** The HTTP V2 API and the Batch Event Upload API (docs/protocol.md §B). */
export const HTTP_V2: IngestApi = {
  decode: (text) => {
    const parsed = parseUploadJson(text);
    if (!parsed.ok) return parsed;
    return { ok: true, value: parsed.value, events: isRecord(parsed.value) && Array.isArray(parsed.value.events) ? parsed.value.events : [] };
  },
  validate: (value, ctx) => validateUpload(value, { maxEventsPerRequest: ctx.maxEventsPerRequest }),
  answer: (count, payloadBytes) => ({
    body: { code: 200, events_ingested: count, payload_size_bytes: payloadBytes, server_upload_time: Date.now() },
  }),
};

/**
 * Handles `POST /2/httpapi` and `POST /batch` (docs/protocol.md §B): fault, then size, JSON and event checks, then a durable append.
 * @example
 * { path: '/2/httpapi', door: 'ingest', methods: ['POST'], handle: handleUpload } // in server.ts ROUTES
 */
export function handleUpload(req: IncomingMessage, res: ServerResponse, ctx: IngestContext & { path: string }): Promise<void> {
  return ingest(req, res, ctx, HTTP_V2);
}

/**
 * Runs one upload through an ingestion API: fault, body limits, decoding, validation, durable append, answer.
 * @example
 * const handle: RouteHandler = (req, res, ctx) => ingest(req, res, ctx, MY_API);
 */
export async function ingest(req: IncomingMessage, res: ServerResponse, ctx: IngestContext & { path: string }, api: IngestApi): Promise<void> {
  const { path } = ctx;
  const at = Date.now();
  const body = await readBody(req, ctx.maxPayloadBytes);
  const decoded = body.ok ? api.decode(body.text, req) : undefined;
  const events = decoded?.ok ? decoded.events : [];
  // Taken once the body is read, so a fault can apply only to uploads of at least N events.
  const fault = ctx.faults.take(events.length);
  const upload: Upload = { id: randomUUID(), path, at, bytes: body.bytes, gzip: body.gzip, events, payload: body.ok ? body.text : undefined, fault: describeFault(fault) };

  if (fault?.hang) return hang(req, upload, ctx);
  if (fault?.delayMs) await ctx.sleep(fault.delayMs);
  if (fault?.drop || fault?.status !== undefined) return answerFault(req, res, upload, fault, ctx);
  const headers = fault?.headers ?? {};

  if (!body.ok) return reject(res, upload, body.status, { code: body.status, error: body.error }, headers, ctx);
  if (decoded && !decoded.ok) return reject(res, upload, 400, decoded.body, headers, ctx);
  const result = api.validate(decoded?.ok ? decoded.value : undefined, ctx);
  if (!result.ok) return reject(res, upload, result.status, result.body, headers, ctx);

  const { stored, duplicates, duplicateIds } = await ctx.store.append({
    apiKey: result.apiKey,
    uploadId: upload.id,
    receivedAt: at,
    events: result.events,
  });
  const answer = api.answer(result.events.length, body.payloadBytes);
  record(upload, 200, ctx, { duplicates: duplicateIds });
  if (stored.length > 0) ctx.stream.broadcast({ event: 'ingest', data: { upload_id: upload.id, events: stored } });
  ctx.log(`footprint collector: 200 ${path} ${events.length} events (${stored.length} stored, ${duplicates} duplicate)${upload.gzip ? ' gzip' : ''}`);
  if (!answer.text) return sendJson(res, 200, answer.body, headers);
  const text = String(answer.body);
  res.writeHead(200, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
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
