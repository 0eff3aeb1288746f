// The shape of a collector route: which door it sits behind and what its handler gets (docs/collector.md,
// "Who may call what"). Its own module, so route tables (server.ts, replay.ts) import no server.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IngestContext } from './ingest';
import type { RemoteConfig } from './remote-config';

/** Which checks a route passes through before its handler (docs/collector.md, "Who may call what"). */
export type Door =
  /** Accepts data from any origin (CORS open, private-network access allowed) and reveals none. */
  | 'ingest'
  /** Reads captured data or changes state: allowed Host, own Origin, JSON bodies; no CORS. */
  | 'private'
  /** Reveals nothing captured (static files, remote config for SDKs): CORS open. */
  | 'public';

/** What a route handler gets: the running collector's parts plus the parsed URL. */
export interface RouteContext extends IngestContext {
  url: URL;
  /** `url.pathname` without a trailing slash (except for `/`). */
  path: string;
  remoteConfig: RemoteConfig;
  /** Where the collector keeps its files. */
  dataDir: string;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, ctx: RouteContext) => Promise<void> | void;

export interface Route {
  /** An exact path, or a prefix when it ends with `/` (e.g. `/_footprint/`). */
  path: string;
  door: Door;
  /** Methods answered (HEAD follows GET); others get 405. Omitted: the handler answers every method. */
  methods?: readonly string[];
  handle: RouteHandler;
}
