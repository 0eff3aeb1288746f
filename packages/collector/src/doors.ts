// Who may call what (docs/collector.md, "Threat model"): the inspector and everything under /_footprint/
// answer only requests addressed to an allowed Host, from the collector's own origin; ingestion stays open.
import type { IncomingMessage } from 'node:http';
import { isLoopback } from './http-utils';

/** Host names a local browser uses for this machine; accepted with the collector's port, from a loopback peer. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

export interface DoorOptions {
  /** The port the collector listens on. */
  port: number;
  /** Extra host names (no port) accepted on any port and from any peer, e.g. a LAN name or a proxy's host. */
  allowedHosts?: readonly string[];
}

/** Why a request may not pass, with the HTTP status to answer; undefined = it may pass. */
export interface Refusal {
  status: 403 | 415;
  reason: string;
}

/** Splits a Host header into a lower-case name (IPv6 kept in brackets) and its port ('' when absent). */
export function parseHost(header: string): { name: string; port: string } | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d{1,5}))?$/i.exec(header.trim());
  if (!match) return undefined;
  return { name: (match[1] as string).toLowerCase().replace(/\.$/, ''), port: match[2] ?? '' };
}

/**
 * Builds the check for private routes (the inspector page and `/_footprint/*`).
 * @example
 * const refuse = createDoors({ port: 8787, allowedHosts: ['devbox.lan'] });
 * const refusal = refuse(req); // { status: 403, reason: '…' } or undefined
 */
export function createDoors(options: DoorOptions): (req: IncomingMessage) => Refusal | undefined {
  const extra = new Set((options.allowedHosts ?? []).map((name) => name.trim().toLowerCase().replace(/\.$/, '')).filter(Boolean));
  const ownPort = String(options.port);

  const hostAllowed = (host: { name: string; port: string }, peer: string | undefined): boolean => {
    if (extra.has(host.name)) return true;
    const portMatches = host.port === ownPort || (host.port === '' && ownPort === '80');
    // A loopback name from another machine would mean someone forged it; only this machine uses these names.
    return portMatches && LOOPBACK_HOSTS.includes(host.name) && isLoopback(peer);
  };

  return (req) => {
    const header = req.headers.host;
    const host = header === undefined ? undefined : parseHost(header);
    if (!host || !hostAllowed(host, req.socket.remoteAddress)) {
      return {
        status: 403,
        reason: `Forbidden: Host ${JSON.stringify(header ?? '')} is not allowed here; open the collector at http://127.0.0.1:${ownPort}/ or start it with --allowed-host NAME`,
      };
    }
    const origin = req.headers.origin;
    const own = [`http://${header}`, `https://${header}`].map((o) => o.toLowerCase());
    if (origin !== undefined && !own.includes(origin.toLowerCase())) {
      return { status: 403, reason: 'Forbidden: another origin may not read or change the collector\'s data' };
    }
    // Requests without Origin that a foreign page can still make (no-cors GETs: <script>, <img>, <link>).
    const site = req.headers['sec-fetch-site'];
    const navigate = req.headers['sec-fetch-mode'] === 'navigate' && (req.method === 'GET' || req.method === 'HEAD');
    if ((site === 'cross-site' || site === 'same-site') && !navigate) {
      return { status: 403, reason: 'Forbidden: another site may not read or change the collector\'s data' };
    }
    const changes = req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS';
    if (changes && !isJsonContentType(req.headers['content-type'])) {
      // A JSON content type forces a CORS preflight, so no page can send this as a "simple" request.
      return { status: 415, reason: `${req.method ?? 'This'} here needs Content-Type: application/json` };
    }
    return undefined;
  };
}

/** True for `application/json`, with or without parameters such as `charset`. */
export function isJsonContentType(value: string | undefined): boolean {
  return value !== undefined && value.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** Headers on every private answer: never framed, never read by another origin, never sniffed. */
export const PRIVATE_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  Vary: 'Origin, Host',
};
