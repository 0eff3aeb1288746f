import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createEventStream } from './event-stream';
import { createFaults } from './faults';
import { applyCors, isLoopback, sendJson } from './http-utils';
import { handleUpload } from './ingest';
import type { IngestContext } from './ingest';
import { handleInspect } from './inspect-api';
import { inspectorPage } from './inspector-page';
import { createStaticHandler } from './static-files';
import { createRemoteConfig, REMOTE_CONFIG_ADMIN_PATH } from './remote-config';
import { openStore } from './store';
import type { Collector, CollectorOptions } from './types';

/** Where SDKs upload: the HTTP V2 API and the Batch Event Upload API (docs/protocol.md §B.1, §B.5). */
export const INGEST_PATHS: readonly string[] = ['/2/httpapi', '/batch'];

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
  const store = await openStore({ dataDir: resolve(options.dataDir ?? '.footprint'), log, dedupe: options.dedupe ?? true });
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
  const serveStatic = createStaticHandler(options.static ?? {});
  const remoteConfig = createRemoteConfig();
  const page = inspectorPage();

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    applyCors(req, res);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'Content-Length': 0 });
      return void res.end();
    }
    const url = new URL(req.url ?? '/', 'http://collector.invalid');
    const path = url.pathname;
    if (INGEST_PATHS.includes(path.replace(/\/$/, ''))) {
      if (req.method === 'POST') return handleUpload(req, res, path.replace(/\/$/, ''), ctx);
      return sendJson(res, 405, { code: 405, error: 'Method not allowed; use POST' }, { Allow: 'POST, OPTIONS' });
    }
    if (remoteConfig.serve(req, res, path)) return;
    if (path.startsWith('/_footprint/')) {
      if (!isLoopback(req.socket.remoteAddress)) return sendJson(res, 403, { code: 403, error: 'Forbidden: /_footprint/ is loopback-only' });
      if (path === REMOTE_CONFIG_ADMIN_PATH) return remoteConfig.admin(req, res);
      return handleInspect(req, res, url, ctx);
    }
    if (path === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      return void res.end(req.method === 'HEAD' ? undefined : page);
    }
    if (await serveStatic(req, res, path)) return;
    sendJson(res, 404, { code: 404, error: 'Invalid request path' });
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
