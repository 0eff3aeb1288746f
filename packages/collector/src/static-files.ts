import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { sendJson } from './http-utils';

/** Content types for the files the demo and e2e tests serve. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Serves a GET/HEAD request when its path is under a mounted prefix; resolves false otherwise. */
export type StaticHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<boolean>;

/**
 * Serves directories read-only under URL prefixes, refusing any path that resolves outside its directory.
 * @example
 * const serve = createStaticHandler({ '/sdk/': '/abs/packages/browser/dist' });
 * if (await serve(req, res, url.pathname)) return;
 */
export function createStaticHandler(mounts: Record<string, string>): StaticHandler {
  // Longest prefix first so '/sdk/v2/' wins over '/sdk/'.
  const entries = Object.entries(mounts)
    .map(([prefix, dir]) => [withSlashes(prefix), resolve(dir)] as const)
    .sort(([a], [b]) => b.length - a.length);

  return async (req, res, pathname) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const mount = entries.find(([prefix]) => pathname.startsWith(prefix) || pathname === prefix.slice(0, -1));
    if (!mount) return false;
    const [prefix, dir] = mount;
    if (pathname === prefix.slice(0, -1)) return redirect(res, prefix);
    let relative: string;
    try {
      relative = decodeURIComponent(pathname.slice(prefix.length));
    } catch {
      sendJson(res, 400, { code: 400, error: 'Invalid path encoding' });
      return true;
    }
    const target = join(dir, relative);
    if (relative.includes('\0') || !isInside(dir, target)) return forbid(res);
    const info = await stat(target).catch(() => undefined);
    if (info?.isDirectory() && !pathname.endsWith('/')) return redirect(res, `${pathname}/`);
    const file = info?.isDirectory() ? join(target, 'index.html') : target;
    // Symlinks must not lead out of the directory either.
    const [real, realDir] = await Promise.all([realpath(file).catch(() => undefined), realpath(dir).catch(() => dir)]);
    if (!real) return notFound(res);
    if (!isInside(realDir, real)) return forbid(res);
    const content = await readFile(real).catch(() => undefined);
    if (!content) return notFound(res);
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': content.length,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : content);
    return true;
  };
}

function withSlashes(prefix: string): string {
  const start = prefix.startsWith('/') ? prefix : `/${prefix}`;
  return start.endsWith('/') ? start : `${start}/`;
}

const isInside = (dir: string, target: string): boolean => target === dir || target.startsWith(dir.endsWith(sep) ? dir : dir + sep);

function redirect(res: ServerResponse, location: string): true {
  res.writeHead(301, { Location: location, 'Content-Length': 0 });
  res.end();
  return true;
}

function forbid(res: ServerResponse): true {
  sendJson(res, 403, { code: 403, error: 'Forbidden: path leaves the served directory' });
  return true;
}

function notFound(res: ServerResponse): true {
  sendJson(res, 404, { code: 404, error: 'File not found' });
  return true;
}
