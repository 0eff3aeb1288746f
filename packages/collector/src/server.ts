import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createEventStream } from './event-stream';
import { createFaults } from './faults';
import { createDoors, LOOPBACK_HOSTS, PRIVATE_HEADERS } from './doors';
import { applyCors, sendJson } from './http-utils';
import { handleUpload, ingest } from './ingest';
import { identifyApi } from './identify';
import type { IngestContext } from './ingest';
import { handleInspect } from './inspect-api';
import { INSPECTOR_ASSETS, INSPECTOR_CSP, inspectorAssets, inspectorPage } from './inspector-page';
import { createStaticHandler } from './static-files';
import { createRemoteConfig, REMOTE_CONFIG_ADMIN_PATH, REMOTE_CONFIG_PREFIX } from './remote-config';
import { openStore } from './store';
import { keptReplays, REPLAY_ROUTES, resetReplays } from './replay';
import type { Route } from './routes';
import type { Collector, CollectorOptions } from './types';

/**
 * Every route the collector answers, first match wins; anything else falls through to static files, then 404.
 * A new ingestion API is one line here with `door: 'ingest'`.
 */
export const ROUTES: readonly Route[] = [
  ...REPLAY_ROUTES, // session replay: POST /sessions/v2/track, and its viewer under /_footprint/replay (replay.ts)
  // The HTTP V2 API and the Batch Event Upload API (docs/protocol.md §B.1, §B.5).
  { path: '/2/httpapi', door: 'ingest', methods: ['POST'], handle: handleUpload },
  { path: '/batch', door: 'ingest', methods: ['POST'], handle: handleUpload },
  // The Identify and Group Identify APIs: form-encoded api_key + identification, answered "success".
  { path: '/identify', door: 'ingest', methods: ['POST', 'GET'], handle: (req, res, ctx) => ingest(req, res, ctx, IDENTIFY) },
  { path: '/groupidentify', door: 'ingest', methods: ['POST', 'GET'], handle: (req, res, ctx) => ingest(req, res, ctx, GROUP_IDENTIFY) },
  { path: '/favicon.ico', door: 'public', methods: ['GET'], handle: serveFavicon },
  { path: '/favicon.svg', door: 'public', methods: ['GET'], handle: serveFavicon },
  { path: REMOTE_CONFIG_PREFIX, door: 'public', methods: ['GET', 'POST'], handle: (req, res, ctx) => void ctx.remoteConfig.serve(req, res, ctx.url.pathname) },
  { path: '/', door: 'private', methods: ['GET'], handle: servePage },
  { path: INSPECTOR_ASSETS, door: 'private', methods: ['GET'], handle: (req, res, ctx) => serveAssets(req, res, ctx.url.pathname) },
  { path: REMOTE_CONFIG_ADMIN_PATH, door: 'private', handle: (req, res, ctx) => ctx.remoteConfig.admin(req, res) },
  { path: '/_footprint/', door: 'private', handle: (req, res, ctx) => handleInspect(req, res, ctx.url, ctx) },
];

const IDENTIFY = identifyApi('identify');
const GROUP_IDENTIFY = identifyApi('groupidentify');

/** Where SDKs upload events: every `ingest` route. */
export const INGEST_PATHS: readonly string[] = ROUTES.filter((r) => r.door === 'ingest').map((r) => r.path);

const page = inspectorPage();
const serveAssets = inspectorAssets();
function servePage(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': INSPECTOR_CSP });
  res.end(req.method === 'HEAD' ? undefined : page);
}

/** Footprint's mark, so browsers do not log a 404 for `/favicon.ico` on every page the collector serves. */
export const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#2563eb"/>' +
  '<ellipse cx="13" cy="19" rx="5" ry="7.5" fill="#fff"/><circle cx="21.5" cy="9" r="2.6" fill="#fff"/>' +
  '<circle cx="24" cy="14.5" r="2.1" fill="#fff"/><circle cx="18" cy="5.5" r="2" fill="#fff"/></svg>';
function serveFavicon(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Content-Length': Buffer.byteLength(FAVICON_SVG), 'Cache-Control': 'max-age=86400' });
  res.end(req.method === 'HEAD' ? undefined : FAVICON_SVG);
}

/** The route for a path, if any (exact paths ignore a trailing slash; prefixes match what starts with them). */
export function findRoute(pathname: string, routes: readonly Route[] = ROUTES): Route | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  return routes.find((r) => (r.path.length > 1 && r.path.endsWith('/') ? pathname.startsWith(r.path) : r.path === path));
}

/**
 * Starts the local HTTP V2 collector with its inspector, test endpoints and optional static files.
 * @example
 * const collector = await startCollector({ port: 0, dataDir: tmpDir, log: () => {} });
 * await fetch(`${collector.url}/2/httpapi`, { method: 'POST', body });
 * await collector.close();
 */
export async function startCollector(options: CollectorOptions = {}): Promise<Collector> {
  const port = options.port ?? 8787;
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => console.log(line));
  const dataDir = resolve(options.dataDir ?? '.footprint');
  const store = await openStore({ dataDir, log, dedupe: options.dedupe ?? true });
  const kept = store.events().length;
  const replays = await keptReplays(dataDir);
  const what = [kept > 0 ? `${kept} event${kept === 1 ? '' : 's'}` : '', replays > 0 ? `${replays} session replay${replays === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ');
  if (what && options.fresh) {
    await store.reset();
    await resetReplays(dataDir);
    log(`footprint collector: started fresh; deleted ${what} kept from earlier runs`);
  } else if (what) {
    log(`footprint collector: ${what} kept from earlier runs in ${dataDir} (start with --fresh to begin empty)`);
  }
  const timers = new Set<NodeJS.Timeout>();
  const ctx: IngestContext = {
    store,
    faults: createFaults(),
    stream: createEventStream(),
    maxPayloadBytes: options.maxPayloadBytes ?? 1024 * 1024,
    maxEventsPerRequest: options.maxEventsPerRequest ?? 2000,
    log,
    sleep: (ms) =>
      new Promise((done) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          done();
        }, ms);
        timers.add(timer);
      }),
  };
  ctx.faults.onChange(() => ctx.stream.broadcast({ event: 'faults', data: { pending: ctx.faults.pending() } }));
  const serveStatic = createStaticHandler(options.static ?? {});
  const remoteConfig = createRemoteConfig();
  let refuse: ReturnType<typeof createDoors> = () => ({ status: 403, reason: 'Forbidden: the collector is starting' });

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://collector.invalid');
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname;
    const found = findRoute(url.pathname);
    if (found?.door === 'private') {
      for (const [name, value] of Object.entries(PRIVATE_HEADERS)) res.setHeader(name, value);
      const refusal = refuse(req);
      if (refusal) {
        req.resume();
        return sendJson(res, refusal.status, { code: refusal.status, error: refusal.reason });
      }
    } else {
      applyCors(req, res);
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'Content-Length': 0 });
      return void res.end();
    }
    if (!found) {
      if (await serveStatic(req, res, url.pathname)) return;
      return sendJson(res, 404, { code: 404, error: 'Invalid request path' });
    }
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    if (found.methods && !found.methods.includes(method)) {
      req.resume();
      const allow = [...found.methods, 'OPTIONS'].join(', ');
      return sendJson(res, 405, { code: 405, error: `Method not allowed; use ${found.methods.join(' or ')}` }, { Allow: allow });
    }
    await found.handle(req, res, { ...ctx, url, path, remoteConfig, dataDir });
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      log(`footprint collector: ${req.method} ${req.url} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { code: 500, error: 'Internal server error' });
      else res.destroy();
    });
  });

  try {
    await listen(server, port, host);
  } catch (error) {
    await store.close();
    throw error;
  }
  const actualPort = (server.address() as AddressInfo).port;
  // The bound interface is a name the collector is reached by, unless it is a wildcard or loopback.
  const bound = ['0.0.0.0', '::', ...LOOPBACK_HOSTS].includes(urlHost(host)) ? [] : [urlHost(host)];
  refuse = createDoors({ port: actualPort, allowedHosts: [...bound, ...(options.allowedHosts ?? [])] });
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(host)}:${actualPort}`,
    port: actualPort,
    store,
    close: () =>
      (closing ??= (async () => {
        ctx.stream.close();
        timers.forEach((timer) => clearTimeout(timer));
        timers.clear();
        await new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
        await store.close();
      })()),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((done, fail) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const where = `port ${port} is already in use on ${host}; pass --port or set PORT`;
      fail(new Error(error.code === 'EADDRINUSE' ? where : `cannot listen on ${host}:${port}: ${error.message}`));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      done();
    });
  });
}

/** A URL host a browser can open: wildcard binds map to loopback, IPv6 gets brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
