import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from './http-utils';

/** Where SDKs fetch remote config: `<collector>/config/<apiKey>?config_group=browser`, as the anchor builds it. */
export const REMOTE_CONFIG_PREFIX = '/config/';
/** The private endpoint that sets the config the collector answers with. */
export const REMOTE_CONFIG_ADMIN_PATH = '/_footprint/remote-config';

/** The collector's remote-config state and its two endpoints. */
export interface RemoteConfig {
  /** Serves `/config/<apiKey>`; returns false for any other path. */
  serve(req: IncomingMessage, res: ServerResponse, path: string): boolean;
  /** Serves `/_footprint/remote-config` (the caller has let the request through the private door). */
  admin(req: IncomingMessage, res: ServerResponse): Promise<void>;
  response(apiKey: string): unknown;
  clear(): void;
}

/**
 * Remote configuration for demos and tests. `GET|POST /config/<apiKey>` answers the anchor's response
 * shape, `{ configs: { analyticsSDK: { browserSDK: <config> } } }` (`{ configs: {} }` when nothing is
 * set). `POST /_footprint/remote-config` with `{ apiKey?, browserSDK }` sets it for one API key or, without
 * `apiKey`, for every key; `browserSDK: null` clears it. `GET` there lists what is set.
 * @example
 * await fetch(`${url}/_footprint/remote-config`, { method: 'POST', body: JSON.stringify({ browserSDK: { autocapture: { sessions: true } } }) });
 * // an SDK with remoteConfig: { serverUrl: `${url}/config` } now gets sessions switched on
 */
export function createRemoteConfig(): RemoteConfig {
  const configs = new Map<string, unknown>(); // '' = every API key
  const response = (apiKey: string) => {
    const browserSDK = configs.get(apiKey) ?? configs.get('');
    return browserSDK === undefined ? { configs: {} } : { configs: { analyticsSDK: { browserSDK } } };
  };

  /** Serves `/config/<apiKey>`; returns false for any other path. */
  const serve = (req: IncomingMessage, res: ServerResponse, path: string): boolean => {
    if (!path.startsWith(REMOTE_CONFIG_PREFIX)) return false;
    const apiKey = decodeURIComponent(path.slice(REMOTE_CONFIG_PREFIX.length));
    if (req.method !== 'GET' && req.method !== 'POST') sendJson(res, 405, { code: 405, error: 'Method not allowed; use GET' }, { Allow: 'GET, POST, OPTIONS' });
    else if (!apiKey || apiKey.includes('/')) sendJson(res, 404, { code: 404, error: 'Invalid request path' });
    else sendJson(res, 200, response(apiKey));
    req.resume();
    return true;
  };

  /** Serves `/_footprint/remote-config` (the caller has let the request through the private door). */
  const admin = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method === 'GET') return sendJson(res, 200, { configs: Object.fromEntries(configs) });
    if (req.method !== 'POST') return sendJson(res, 405, { code: 405, error: 'Method not allowed; use GET or POST' }, { Allow: 'GET, POST, OPTIONS' });
    const body = await readBody(req, 256 * 1024);
    let parsed: any;
    try {
      parsed = body.ok ? JSON.parse(body.text) : undefined;
    } catch {
      parsed = undefined;
    }
    const ok = typeof parsed === 'object' && parsed !== null && 'browserSDK' in parsed && (parsed.apiKey === undefined || typeof parsed.apiKey === 'string');
    if (!ok) return sendJson(res, 400, { code: 400, error: 'Expected JSON { "apiKey"?: string, "browserSDK": object | null }' });
    const key = parsed.apiKey ?? '';
    if (parsed.browserSDK === null) configs.delete(key);
    else configs.set(key, parsed.browserSDK);
    sendJson(res, 200, { code: 200, apiKey: parsed.apiKey ?? null, browserSDK: parsed.browserSDK });
  };

  return { serve, admin, response, clear: () => configs.clear() };
}
