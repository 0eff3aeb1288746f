import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventStream, StreamMessage } from './event-stream';
import { parseFaults } from './faults';
import type { FaultQueue } from './faults';
import { readBody, sendJson } from './http-utils';
import { resetReplays } from './replay';
import type { Store } from './store';

/** How many stored events a fresh inspector stream replays. */
export const STREAM_REPLAY = 10_000;
const MAX_CONTROL_BODY = 64 * 1024;
const UPLOAD_PREFIX = '/_footprint/uploads/';

/** `GET /_footprint/uploads/<id>`: the upload record and its body (parsed when it is JSON), while kept. */
function uploadDetail(res: ServerResponse, id: string, { store }: InspectContext): void {
  const upload = store.uploads().find((u) => u.id === id);
  if (!upload) return sendJson(res, 404, { code: 404, error: 'No such upload (only the last 1000 are kept)' });
  const text = store.payload(id);
  let payload: unknown = text;
  try {
    if (text !== undefined) payload = JSON.parse(text);
  } catch {
    // not JSON: answered as the text it was
  }
  sendJson(res, 200, { upload, payload: payload ?? null, kept: text !== undefined });
}

export interface InspectContext {
  store: Store;
  faults: FaultQueue;
  stream: EventStream;
  /** Where stored replays live (the reset deletes them too). */
  dataDir?: string;
}

type Route = (req: IncomingMessage, res: ServerResponse, url: URL, ctx: InspectContext) => Promise<void> | void;

const routes: Record<string, Partial<Record<string, Route>>> = {
  '/_footprint/events': {
    GET: (_req, res, url, { store }) => sendJson(res, 200, store.snapshot(url.searchParams.get('event_type') ?? undefined)),
  },
  '/_footprint/reset': {
    POST: async (_req, res, _url, { store, faults, stream, dataDir }) => {
      faults.clear();
      await store.reset();
      if (dataDir) await resetReplays(dataDir);
      stream.broadcast({ event: 'reset', data: {} });
      sendJson(res, 200, { ok: true });
    },
  },
  '/_footprint/faults': {
    GET: (_req, res, _url, { faults }) => sendJson(res, 200, { pending: faults.pending() }),
    POST: async (req, res, _url, { faults }) => {
      const body = await readBody(req, MAX_CONTROL_BODY);
      let input: unknown = {};
      try {
        input = body.ok && body.text.trim() !== '' ? JSON.parse(body.text) : {};
      } catch {
        return sendJson(res, 400, { code: 400, error: 'Invalid JSON request body' });
      }
      const parsed = parseFaults(input);
      if (!parsed.ok) return sendJson(res, 400, { code: 400, error: parsed.error });
      faults.add(parsed.faults);
      sendJson(res, 200, { pending: faults.pending() });
    },
    DELETE: (_req, res, _url, { faults }) => {
      faults.clear();
      sendJson(res, 200, { pending: [] });
    },
  },
  '/_footprint/stream': {
    GET: (req, res, _url, { store, stream, faults }) => {
      const replay: StreamMessage[] = [
        { event: 'ingest', data: { replay: true, events: store.events().slice(-STREAM_REPLAY) } },
        { event: 'reject', data: { replay: true, rejected: store.rejected() } },
        { event: 'upload', data: { replay: true, uploads: store.uploads() } },
        { event: 'faults', data: { pending: faults.pending() } },
      ];
      stream.open(req, res, replay);
    },
  },
};

/**
 * Answers the loopback-only test and inspection endpoints under `/_footprint/`.
 * @example
 * if (url.pathname.startsWith('/_footprint/')) await handleInspect(req, res, url, context);
 */
export async function handleInspect(req: IncomingMessage, res: ServerResponse, url: URL, ctx: InspectContext): Promise<void> {
  if (url.pathname.startsWith(UPLOAD_PREFIX) && req.method === 'GET') return uploadDetail(res, decodeURIComponent(url.pathname.slice(UPLOAD_PREFIX.length)), ctx);
  const methods = routes[url.pathname.replace(/\/$/, '')];
  if (!methods) return sendJson(res, 404, { code: 404, error: 'Invalid request path' });
  const route = methods[req.method ?? 'GET'];
  if (!route) {
    const allow = Object.keys(methods).join(', ');
    return sendJson(res, 405, { code: 405, error: `Method not allowed; use ${allow}` }, { Allow: allow });
  }
  await route(req, res, url, ctx);
}
