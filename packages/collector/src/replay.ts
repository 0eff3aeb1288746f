// Session replay in the collector (docs/session-replay.md "Collector"): `POST /sessions/v2/track` takes
// uploads in the anchor's shape (gzip or not, Bearer or `api_key` in the query, page-exit beacons as
// text/plain) and stores each session's events durably in `<dataDir>/replays/<device>/<session>.ndjson`;
// behind the private door, `/_footprint/replays` lists sessions with a replay, and `/_footprint/replay`
// plays one beside that session's events with rrweb's replayer, served from node_modules.
import { createHash } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from './http-utils';
import type { Route, RouteContext } from './routes';

/** Where SDKs upload replays (the anchor's path). */
export const REPLAY_PATH = '/sessions/v2/track';
/** Largest replay body accepted, after decompression (the anchor's server allows about 10 MB). */
export const MAX_REPLAY_BYTES = 10 * 1024 * 1024;

/** One session's replay as listed. */
export interface ReplaySummary {
  device_id: string;
  session_id: number;
  api_key: string;
  events: number;
  bytes: number;
  /** rrweb events received again (same content): a client sending twice. */
  duplicates: number;
  first: number;
  last: number;
  /** The uploads received by this process (not kept on disk): how each came and what it held. */
  uploads: ReplayUpload[];
}

/** One replay upload as received. */
export interface ReplayUpload {
  at: number;
  /** `gzip` (compressed), `beacon` (text/plain, the page-exit form) or `plain`. */
  via: 'gzip' | 'beacon' | 'plain';
  /** Where the API key was: the Authorization header or the query. */
  auth: 'bearer' | 'query';
  events: number;
  /** rrweb event types in the upload, in order. */
  types: number[];
  /** The answer's status (an injected fault's, when one applied; nothing is stored then). */
  status: number;
  /** The injected fault that answered, if any. */
  fault?: string;
}

interface Session extends ReplaySummary {
  seen: Set<string>;
  file: string;
}

const stores = new Map<string, Promise<Map<string, Session>>>();
const keyOf = (device: string, session: number) => `${device}\u0000${session}`;
const fileOf = (dir: string, device: string, session: number) => join(dir, 'replays', encodeURIComponent(device), `${session}.ndjson`);

/** The sessions stored under `dataDir`, read back from disk once per process. */
const sessionsOf = (dataDir: string) => {
  let found = stores.get(dataDir);
  if (!found) stores.set(dataDir, (found = load(dataDir)));
  return found;
};

async function load(dataDir: string): Promise<Map<string, Session>> {
  const sessions = new Map<string, Session>();
  const root = join(dataDir, 'replays');
  const devices = await readdir(root).catch(() => [] as string[]);
  for (const d of devices) {
    for (const f of await readdir(join(root, d)).catch(() => [] as string[])) {
      const session = Number(f.replace(/\.ndjson$/, ''));
      const s = blank(decodeURIComponent(d), session, '', fileOf(dataDir, decodeURIComponent(d), session));
      for (const line of (await readFile(s.file, 'utf8')).split('\n')) if (line) add(s, JSON.parse(line) as { k: string; e: string });
      sessions.set(keyOf(s.device_id, session), s);
    }
  }
  return sessions;
}

const blank = (device: string, session: number, apiKey: string, file: string): Session => ({
  device_id: device,
  session_id: session,
  api_key: apiKey,
  events: 0,
  bytes: 0,
  duplicates: 0,
  first: Infinity,
  last: 0,
  uploads: [],
  seen: new Set(),
  file,
});

function add(s: Session, line: { k: string; e: string; t?: number }) {
  s.api_key ||= line.k;
  s.seen.add(createHash('sha1').update(line.e).digest('base64'));
  s.events++;
  s.bytes += line.e.length;
  const t = line.t ?? 0;
  s.first = Math.min(s.first, t);
  s.last = Math.max(s.last, t);
}

/** How many sessions with a replay are stored under `dataDir`. */
export const keptReplays = async (dataDir: string): Promise<number> => (await sessionsOf(dataDir)).size;

/** Deletes every stored replay under `dataDir` (`--fresh`, the inspector's reset). */
export async function resetReplays(dataDir: string): Promise<void> {
  (await sessionsOf(dataDir)).clear();
  await rm(join(dataDir, 'replays'), { recursive: true, force: true });
}

const summary = ({ seen: _seen, file: _file, ...rest }: Session): ReplaySummary => rest;

/** The API key of a replay upload: `Authorization: Bearer <key>`, else `api_key` in the query (beacons). */
export const replayApiKey = (req: IncomingMessage, url: URL): string | undefined =>
  /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1] ?? (url.searchParams.get('api_key') || undefined);

/** Checks a decoded body: `{ version: 1, events: ["<rrweb event json>", …] }`; returns the parsed events or why not. */
export function parseReplayBody(text: string): { ok: true; events: { raw: string; timestamp: number }[] } | { ok: false; error: string } {
  let value: any;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'Invalid JSON request body' };
  }
  if (!value || !Array.isArray(value.events)) return { ok: false, error: 'Request body needs "events": an array of serialized rrweb events' };
  const events: { raw: string; timestamp: number }[] = [];
  for (const [i, raw] of value.events.entries()) {
    let e: any;
    try {
      e = typeof raw === 'string' ? JSON.parse(raw) : undefined;
    } catch {
      // reported below
    }
    if (!e || typeof e.type !== 'number' || typeof e.timestamp !== 'number') return { ok: false, error: `events[${i}] is not a serialized rrweb event ({type, timestamp, data})` };
    events.push({ raw, timestamp: e.timestamp });
  }
  return { ok: true, events };
}

async function upload(req: IncomingMessage, res: ServerResponse, ctx: RouteContext): Promise<void> {
  // The replay server answers skip directives in a header the browser may read only when exposed.
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After, X-Session-Replay-Event-Skipped');
  const body = await readBody(req, MAX_REPLAY_BYTES);
  const device = ctx.url.searchParams.get('device_id');
  const session = Number(ctx.url.searchParams.get('session_id'));
  const apiKey = replayApiKey(req, ctx.url);
  if (!body.ok) return sendJson(res, body.status, { code: body.status, error: body.error });
  if (!apiKey) return sendJson(res, 401, { code: 401, error: 'Missing API key: send Authorization: Bearer <key> or api_key in the query' });
  if (!device || !Number.isFinite(session) || session <= 0) return sendJson(res, 400, { code: 400, error: 'Query needs device_id and a numeric session_id' });
  const parsed = parseReplayBody(body.text);
  if (!parsed.ok) return sendJson(res, 400, { code: 400, error: parsed.error });
  const via: ReplayUpload['via'] = body.gzip ? 'gzip' : String(req.headers['content-type'] ?? '').startsWith('text/plain') ? 'beacon' : 'plain';
  const auth: ReplayUpload['auth'] = /^Bearer\s/i.test(String(req.headers.authorization ?? '')) ? 'bearer' : 'query';
  const seen: ReplayUpload = { at: Date.now(), via, auth, events: parsed.events.length, types: parsed.events.map((e) => JSON.parse(e.raw).type as number), status: 200 };
  const dataDir = ctx.dataDir;
  const sessions = await sessionsOf(dataDir);
  const key = keyOf(device, session);
  let s = sessions.get(key);
  if (!s) sessions.set(key, (s = blank(device, session, apiKey, fileOf(dataDir, device, session))));
  const note = (u: ReplayUpload) => (s!.uploads = [...s!.uploads, u].slice(-200));
  // Injected faults (`api: 'replay'`): the upload is answered as the fault says and nothing of it is stored.
  const fault = ctx.faults.take(parsed.events.length, 'replay');
  if (fault?.delayMs) await ctx.sleep(fault.delayMs);
  if (fault?.hang) return void req.socket.setTimeout(0);
  if (fault?.drop) {
    note({ ...seen, status: 0, fault: 'connection dropped' });
    return void req.socket.destroy();
  }
  if (fault?.status !== undefined) {
    note({ ...seen, status: fault.status, fault: `status ${fault.status}${fault.headers ? ` ${JSON.stringify(fault.headers)}` : ''}` });
    ctx.log(`footprint collector: ${fault.status} ${REPLAY_PATH} (injected fault) ${parsed.events.length} replay events for ${device}/${session}`);
    return sendJson(res, fault.status, fault.body ?? { code: fault.status, ...(fault.status >= 400 ? { error: `injected fault: status ${fault.status}` } : {}) }, fault.headers);
  }
  const fresh: string[] = [];
  let duplicates = 0;
  for (const e of parsed.events) {
    if (s.seen.has(createHash('sha1').update(e.raw).digest('base64'))) duplicates++;
    else {
      const line = { k: apiKey, e: e.raw, t: e.timestamp };
      add(s, line);
      fresh.push(JSON.stringify(line));
    }
  }
  s.duplicates += duplicates;
  if (fresh.length) {
    await mkdir(dirname(s.file), { recursive: true });
    await appendFile(s.file, fresh.join('\n') + '\n');
  }
  note(seen);
  ctx.log(`footprint collector: 200 ${REPLAY_PATH} ${parsed.events.length} replay events for ${device}/${session} (${via}${duplicates ? `, ${duplicates} duplicate` : ''})`);
  sendJson(res, 200, { code: 200, events_ingested: fresh.length, duplicates });
}

const list = async (_req: IncomingMessage, res: ServerResponse, ctx: RouteContext) =>
  sendJson(res, 200, { replays: [...(await sessionsOf(ctx.dataDir)).values()].map(summary).sort((a, b) => b.last - a.last) });

async function one(_req: IncomingMessage, res: ServerResponse, ctx: RouteContext): Promise<void> {
  const [device, session] = ctx.path.slice('/_footprint/replays/'.length).split('/').map(decodeURIComponent);
  const s = (await sessionsOf(ctx.dataDir)).get(keyOf(device ?? '', Number(session)));
  if (!s) return sendJson(res, 404, { code: 404, error: 'No replay for this device and session' });
  const lines = (await readFile(s.file, 'utf8')).split('\n').filter(Boolean);
  const replay = lines.map((l) => JSON.parse((JSON.parse(l) as { e: string }).e)).sort((a, b) => a.timestamp - b.timestamp);
  const events = ctx.store.events().filter((e) => e.device_id === s!.device_id && e.session_id === s!.session_id);
  sendJson(res, 200, { ...summary(s), replay, events });
}

const require = createRequire(import.meta.url);
const asset = (name: string, type: string) => async (_req: IncomingMessage, res: ServerResponse) => {
  // The package's exports map hides dist/ files: find them beside its main entry.
  const text = await readFile(join(dirname(require.resolve('@rrweb/replay')), name));
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(text);
};

const page = (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(VIEWER);
};

/** The replay routes, spread into server.ts's ROUTES ahead of the `/_footprint/` prefix. */
export const REPLAY_ROUTES: readonly Route[] = [
  { path: REPLAY_PATH, door: 'ingest', methods: ['POST'], handle: upload },
  { path: '/_footprint/replays', door: 'private', methods: ['GET'], handle: list },
  { path: '/_footprint/replays/', door: 'private', methods: ['GET'], handle: one },
  { path: '/_footprint/replay', door: 'private', methods: ['GET'], handle: page },
  { path: '/_footprint/replay/replay.js', door: 'private', methods: ['GET'], handle: asset('replay.umd.min.cjs', 'text/javascript; charset=utf-8') },
  { path: '/_footprint/replay/style.css', door: 'private', methods: ['GET'], handle: asset('style.min.css', 'text/css; charset=utf-8') },
];

const VIEWER = `<!doctype html><meta charset="utf-8"><title>Footprint replays</title>
<link rel="stylesheet" href="/_footprint/replay/style.css">
<style>body{font:14px system-ui,sans-serif;margin:0;display:grid;grid-template-columns:260px 1fr 300px;height:100vh}
aside,nav{overflow:auto;border-right:1px solid #ddd;padding:8px}nav{border:0;border-left:1px solid #ddd}
button{display:block;width:100%;text-align:left;margin:2px 0;padding:4px;border:1px solid #ccc;background:#fafafa;cursor:pointer;font:12px monospace}
button.on{background:#dfe9ff}main{overflow:auto;padding:8px}#stage .replayer-wrapper{transform-origin:0 0}</style>
<aside><h3>Sessions with a replay</h3><div id="sessions">loading…</div></aside>
<main><div id="title"></div><div><button id="play" style="display:inline;width:auto">play</button> <span id="time"></span></div><div id="stage"></div></main>
<nav><h3>Events</h3><div id="events"></div></nav>
<script src="/_footprint/replay/replay.js"></script>
<script>
let replayer, start = 0;
const $ = (id) => document.getElementById(id);
const json = (u) => fetch(u).then((r) => r.json());
async function show(device, session) {
  const d = await json('/_footprint/replays/' + encodeURIComponent(device) + '/' + session);
  replayer?.destroy?.(); $('stage').innerHTML = '';
  start = d.replay[0]?.timestamp ?? 0;
  replayer = new rrwebReplay.Replayer(d.replay, { root: $('stage'), mouseTail: false });
  replayer.pause(0);
  $('title').textContent = device + ' / ' + session + ' — ' + d.events.length + ' events, ' + d.replay.length + ' replay events';
  $('events').innerHTML = '';
  for (const e of d.events) {
    const b = document.createElement('button');
    b.textContent = new Date(e.time).toISOString().slice(11, 23) + ' ' + e.event_type;
    b.dataset.offset = String(Math.max(0, e.time - start));
    b.onclick = () => { replayer.pause(Number(b.dataset.offset)); document.querySelectorAll('#events .on').forEach((x) => x.classList.remove('on')); b.classList.add('on'); tick(); };
    $('events').append(b);
  }
  tick();
}
function tick() { if (replayer) $('time').textContent = (replayer.getCurrentTime() / 1000).toFixed(1) + ' s'; }
setInterval(tick, 250);
$('play').onclick = () => replayer && replayer.play(replayer.getCurrentTime());
json('/_footprint/replays').then(({ replays }) => {
  $('sessions').innerHTML = replays.length ? '' : 'no replay yet';
  for (const r of replays) {
    const b = document.createElement('button');
    b.textContent = r.device_id.slice(0, 8) + '… / ' + r.session_id + ' (' + r.events + ')';
    b.onclick = () => { document.querySelectorAll('#sessions .on').forEach((x) => x.classList.remove('on')); b.classList.add('on'); show(r.device_id, r.session_id); };
    $('sessions').append(b);
  }
  const q = new URLSearchParams(location.search);
  if (q.get('device_id') && q.get('session_id')) show(q.get('device_id'), q.get('session_id'));
});
</script>`;
