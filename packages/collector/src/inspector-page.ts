// The live inspector: an HTML shell here; its scripts and styles are the files under ../inspector/, served at
// /_footprint/inspector/ (no build step, no external asset), so the page runs under a strict CSP.
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the inspector's modules and styles are served from. */
export const INSPECTOR_ASSETS = '/_footprint/inspector/';

/** The policy the page is served with: nothing inline, nothing from elsewhere. */
export const INSPECTOR_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** The inspector directory: beside `src/` when run from sources, beside `dist/` when built. */
const assetsDir = (): string => fileURLToPath(new URL('../inspector/', import.meta.url));

/** Reads the inspector's files once: name → body and type. */
export function loadInspectorAssets(dir: string = assetsDir()): Map<string, { body: string; type: string }> {
  const assets = new Map<string, { body: string; type: string }>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (type) assets.set(name, { body: readFileSync(join(dir, name), 'utf8'), type });
  }
  return assets;
}

/**
 * Serves `/_footprint/inspector/<file>` from the loaded assets.
 * @example
 * const serve = inspectorAssets(); serve(req, res, '/_footprint/inspector/main.js');
 */
export function inspectorAssets(assets = loadInspectorAssets()) {
  return (req: IncomingMessage, res: ServerResponse, path: string): void => {
    const asset = assets.get(path.slice(INSPECTOR_ASSETS.length));
    if (!asset) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end('Not found');
    }
    res.writeHead(200, { 'Content-Type': asset.type, 'Cache-Control': 'no-cache', 'Content-Length': Buffer.byteLength(asset.body) });
    res.end(req.method === 'HEAD' ? undefined : asset.body);
  };
}

const filter = (id: string, label: string, placeholder: string) =>
  `<label class="field" for="${id}">${label}<input id="${id}" type="search" placeholder="${placeholder}" autocomplete="off" data-testid="${id}"></label>`;

/**
 * The inspector's HTML, served at `GET /` with {@link INSPECTOR_CSP}.
 * @example
 * res.end(inspectorPage());
 */
export function inspectorPage(modules: readonly string[] = [...loadInspectorAssets().keys()].filter((name) => name.endsWith('.js') && name !== 'main.js')): string {
  // Every module is named up front, so the browser fetches them at once instead of import by import.
  const preload = modules.map((name) => `<link rel="modulepreload" href="${INSPECTOR_ASSETS}${name}">`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Footprint collector</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${INSPECTOR_ASSETS}inspector.css">
<script type="module" src="${INSPECTOR_ASSETS}main.js"></script>
${preload}
</head>
<body>
<header class="bar">
  <h1>Footprint collector</h1>
  <span id="total" class="muted"></span>
  <span id="status" role="status">connecting…</span>
  <div class="tools">
    <button id="pause" type="button" aria-pressed="false" data-testid="pause">Pause</button>
    <button id="export-ndjson" type="button" data-testid="export-ndjson">Export NDJSON</button>
    <button id="export-json" type="button" data-testid="export-json">Export JSON</button>
    <button id="reset" type="button" data-testid="reset">Reset</button>
  </div>
</header>
<div id="fault-banner" class="banner" role="alert" data-testid="fault-banner" hidden></div>
<nav class="tabs" role="tablist" aria-label="Views">
  <button type="button" role="tab" data-view="events" aria-controls="view-events" data-testid="tab-events">Events</button>
  <button type="button" role="tab" data-view="sessions" aria-controls="view-events" data-testid="tab-sessions">Sessions</button>
  <button type="button" role="tab" data-view="users" aria-controls="view-events" data-testid="tab-users">Users</button>
  <button type="button" role="tab" data-view="uploads" aria-controls="view-uploads" data-testid="tab-uploads">Uploads</button>
  <button type="button" role="tab" data-view="faults" aria-controls="view-faults" data-testid="tab-faults">Faults</button>
</nav>
<main>
  <section id="filters" aria-label="Filters">
    ${filter('filter', 'Any text', 'type, id, value…')}
    <label class="field" for="filter-type">Event type<select id="filter-type" data-testid="filter-type"><option value="">all</option></select></label>
    ${filter('filter-user', 'User or device', 'user_id or device_id')}
    ${filter('filter-session', 'Session', 'session_id')}
    ${filter('filter-property', 'Property', 'key or key=value')}
    <button id="clear-filters" type="button">Clear filters</button>
  </section>
  <div id="counts" data-testid="counts" aria-label="Counts by event type"></div>
  <section id="view-events" role="tabpanel" aria-label="Events"></section>
  <section id="view-uploads" role="tabpanel" aria-label="Uploads" hidden></section>
  <section id="view-faults" role="tabpanel" aria-label="Faults" hidden></section>
</main>
</body>
</html>
`;
}
