// The live inspector: one self-contained page (no build, no external assets) fed by GET /_footprint/stream.
// Event data is only ever inserted with textContent, never as HTML.

const STYLE = `
:root { color-scheme: light dark; --bg:#fff; --fg:#1d2330; --muted:#6b7280; --line:#e5e7eb; --head:#f6f7f9; --accent:#2563eb; --bad:#b91c1c; }
@media (prefers-color-scheme: dark) { :root { --bg:#11141a; --fg:#e6e8ec; --muted:#9aa3b2; --line:#262b35; --head:#181c24; --accent:#7aa2ff; --bad:#f87171; } }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--fg); font:14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
header { display:flex; gap:16px; align-items:center; padding:12px 20px; border-bottom:1px solid var(--line); position:sticky; top:0; background:var(--bg); z-index:1; }
h1 { font-size:16px; margin:0; font-weight:600; }
h2 { font-size:13px; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); margin:18px 0 8px; }
#status { font-size:12px; color:var(--muted); }
#status.live::before { content:"● "; color:#16a34a; }
#status.down::before { content:"● "; color:var(--bad); }
input[type=search] { flex:1; max-width:420px; padding:6px 10px; border:1px solid var(--line); border-radius:6px; background:var(--bg); color:var(--fg); font:inherit; }
main { padding:0 20px 40px; }
.mono, code, pre, .row summary { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size:12.5px; }
#counts { display:flex; flex-wrap:wrap; gap:6px; }
.count { border:1px solid var(--line); border-radius:999px; padding:2px 10px; background:var(--head); cursor:pointer; }
.count b { color:var(--accent); margin-left:6px; }
.grid { display:grid; grid-template-columns: 110px minmax(160px,1.4fr) 1fr 1fr 130px; gap:0 12px; align-items:baseline; }
.thead { padding:6px 10px; background:var(--head); border:1px solid var(--line); border-radius:6px 6px 0 0; color:var(--muted); font-size:12px; }
.row { border:1px solid var(--line); border-top:0; }
.row summary { list-style:none; padding:6px 10px; cursor:pointer; }
.row summary::-webkit-details-marker { display:none; }
.row[open] summary, .row summary:hover { background:var(--head); }
.type { font-weight:600; color:var(--accent); overflow:hidden; text-overflow:ellipsis; white-space:nowrap; }
.cell { overflow:hidden; text-overflow:ellipsis; white-space:nowrap; }
.body { padding:4px 10px 10px; display:grid; grid-template-columns:repeat(auto-fit,minmax(280px,1fr)); gap:10px; }
.body pre { margin:0; padding:8px; background:var(--head); border-radius:6px; overflow:auto; max-height:360px; }
.label { font-size:11px; color:var(--muted); margin-bottom:2px; }
.rejected { border-left:3px solid var(--bad); padding:6px 10px; margin-bottom:6px; background:var(--head); }
.rejected .status { color:var(--bad); font-weight:600; margin-right:8px; }
.empty { color:var(--muted); padding:14px 10px; border:1px solid var(--line); border-top:0; }
button { font:inherit; font-size:12px; padding:5px 10px; border:1px solid var(--line); border-radius:6px; background:var(--head); color:var(--fg); cursor:pointer; }
`;

const SCRIPT = `
(function () {
  var MAX_EVENTS = 2000;
  var state = { events: [], rejected: [], filter: '' };
  var $ = function (id) { return document.getElementById(id); };
  var el = function (tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = String(text);
    return node;
  };
  var time = function (ms) {
    if (typeof ms !== 'number') return '';
    var d = new Date(ms);
    var pad = function (n, w) { return String(n).padStart(w || 2, '0'); };
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds()) + '.' + pad(d.getMilliseconds(), 3);
  };
  var matches = function (event) {
    var f = state.filter.toLowerCase();
    if (!f) return true;
    if (String(event.event_type).toLowerCase().indexOf(f) !== -1) return true;
    return JSON.stringify(event).toLowerCase().indexOf(f) !== -1;
  };
  var block = function (label, value) {
    var wrap = el('div');
    wrap.appendChild(el('div', { class: 'label' }, label));
    wrap.appendChild(el('pre', {}, JSON.stringify(value === undefined ? {} : value, null, 2)));
    return wrap;
  };
  var row = function (event) {
    var details = el('details', { class: 'row', 'data-testid': 'event-row', 'data-event-type': String(event.event_type), 'data-insert-id': String(event.insert_id == null ? '' : event.insert_id) });
    var summary = el('summary', { class: 'grid' });
    summary.appendChild(el('span', { class: 'cell' }, time(event.time)));
    summary.appendChild(el('span', { class: 'type', title: String(event.event_type) }, event.event_type));
    summary.appendChild(el('span', { class: 'cell', title: 'user_id' }, event.user_id == null ? '—' : event.user_id));
    summary.appendChild(el('span', { class: 'cell', title: 'device_id' }, event.device_id == null ? '—' : event.device_id));
    summary.appendChild(el('span', { class: 'cell', title: 'session_id' }, event.session_id == null ? '—' : event.session_id));
    details.appendChild(summary);
    var body = el('div', { class: 'body' });
    body.appendChild(block('event_properties', event.event_properties));
    body.appendChild(block('user_properties', event.user_properties));
    body.appendChild(block('event', event));
    details.appendChild(body);
    return details;
  };
  var renderCounts = function () {
    // A Map, not an object: event types such as "constructor" or "__proto__" are ordinary keys here.
    var counts = new Map();
    state.events.forEach(function (e) { var t = String(e.event_type); counts.set(t, (counts.get(t) || 0) + 1); });
    var box = $('counts');
    box.textContent = '';
    Array.from(counts.keys()).sort().forEach(function (type) {
      var chip = el('span', { class: 'count mono', 'data-event-type': type }, type);
      chip.appendChild(el('b', {}, counts.get(type)));
      chip.onclick = function () { $('filter').value = type; state.filter = type; render(); };
      box.appendChild(chip);
    });
    $('total').textContent = state.events.length + ' events';
  };
  var render = function () {
    renderCounts();
    var list = $('events');
    list.textContent = '';
    var shown = state.events.filter(matches);
    for (var i = shown.length - 1; i >= 0; i--) list.appendChild(row(shown[i]));
    if (!shown.length) list.appendChild(el('div', { class: 'empty' }, state.events.length ? 'No event matches the filter.' : 'Waiting for events…'));
    var rejected = $('rejected');
    rejected.textContent = '';
    for (var j = state.rejected.length - 1; j >= 0; j--) {
      var r = state.rejected[j];
      var item = el('div', { class: 'rejected mono', 'data-testid': 'rejected-row', 'data-status': String(r.status) });
      item.appendChild(el('span', { class: 'status' }, r.status || 'dropped'));
      item.appendChild(document.createTextNode(time(r.at) + '  ' + r.path + '  ' + r.events + ' events  ' + r.error));
      rejected.appendChild(item);
    }
    if (!state.rejected.length) rejected.appendChild(el('div', { class: 'empty' }, 'None.'));
  };
  var pending = false;
  var schedule = function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; render(); });
  };
  $('filter').addEventListener('input', function (e) { state.filter = e.target.value; render(); });
  $('clear').addEventListener('click', function () {
    if (confirm('Delete every stored event, the data file and pending faults?')) fetch('/_footprint/reset', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  });
  var source = new EventSource('/_footprint/stream');
  source.onopen = function () { $('status').className = 'live'; $('status').textContent = 'live'; };
  source.onerror = function () { $('status').className = 'down'; $('status').textContent = 'disconnected (retrying)'; };
  source.addEventListener('ingest', function (m) {
    var data = JSON.parse(m.data);
    state.events = (data.replay ? [] : state.events).concat(data.events).slice(-MAX_EVENTS);
    schedule();
  });
  source.addEventListener('reject', function (m) {
    var data = JSON.parse(m.data);
    state.rejected = (data.replay ? [] : state.rejected).concat(data.rejected).slice(-200);
    schedule();
  });
  source.addEventListener('reset', function () { state.events = []; state.rejected = []; schedule(); });
  render();
})();
`;

/**
 * The inspector's HTML, served at `GET /`.
 * @example
 * res.end(inspectorPage());
 */
export function inspectorPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Footprint collector</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>Footprint collector</h1>
  <input id="filter" type="search" data-testid="filter" placeholder="Filter by event type or any text" autocomplete="off">
  <span id="total" class="mono"></span>
  <span id="status">connecting…</span>
  <button id="clear" type="button">Reset</button>
</header>
<main>
  <h2>Counts by event type</h2>
  <div id="counts" data-testid="counts"></div>
  <h2>Events (newest first)</h2>
  <div class="grid thead"><span>time</span><span>event_type</span><span>user_id</span><span>device_id</span><span>session_id</span></div>
  <div id="events"></div>
  <h2>Rejected uploads</h2>
  <div id="rejected"></div>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
