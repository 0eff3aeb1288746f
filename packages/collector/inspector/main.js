// The inspector page: wires the stream from GET /_footprint/stream to the views, the toolbar and the filters.
import { download, el } from './dom.js';
import { createEventsView } from './events-view.js';
import { createFaultsView } from './faults-view.js';
import { matches } from './format.js';
import { addEvents, addUploads, clearModel, createModel, exportEvents } from './model.js';
import { createUploadsView } from './uploads-view.js';

const $ = (id) => document.getElementById(id);
const model = createModel();
/** Render cost, read by test/bench/inspector.bench.mjs: ms spent handling stream messages, and events handled. */
const stats = { handleMs: 0, longestMs: 0, events: 0, messages: 0 };
const spent = (ms) => {
  stats.handleMs += ms;
  stats.longestMs = Math.max(stats.longestMs, ms);
};
window.__inspectorStats = stats;

const filterInputs = { text: $('filter'), type: $('filter-type'), user: $('filter-user'), session: $('filter-session'), property: $('filter-property') };
const filters = () => Object.fromEntries(Object.entries(filterInputs).map(([key, input]) => [key, input.value]));

const uploads = createUploadsView({ root: $('view-uploads'), model });
const tabs = [...document.querySelectorAll('[role="tab"]')];
const select = (name) => {
  for (const tab of tabs) {
    const on = tab.dataset.view === name;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
  }
  const eventsLike = name === 'events' || name === 'sessions' || name === 'users';
  $('view-events').hidden = !eventsLike;
  $('view-uploads').hidden = name !== 'uploads';
  $('view-faults').hidden = name !== 'faults';
  $('filters').hidden = !eventsLike;
  $('counts').hidden = !eventsLike;
  if (eventsLike && events.mode !== name) events.setMode(name);
};
const events = createEventsView({
  root: $('view-events'),
  model,
  filters,
  actions: {
    showUpload(id) {
      select('uploads');
      if (!uploads.reveal(id)) $('status').textContent = 'that upload is no longer listed';
    },
  },
});
const faults = createFaultsView({ root: $('view-faults'), banner: $('fault-banner') });

tabs.forEach((tab, i) => {
  tab.addEventListener('click', () => select(tab.dataset.view));
  tab.addEventListener('keydown', (e) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = tabs[(i + step + tabs.length) % tabs.length];
    next.focus();
    select(next.dataset.view);
  });
});

// ---- counts per type (chips filter by type)
const chips = new Map();
const typeOptions = new Map();
const renderCounts = () => {
  const box = $('counts');
  for (const [type, count] of model.counts) {
    let chip = chips.get(type);
    if (!chip) {
      chip = el('button', { type: 'button', class: 'chip', 'data-event-type': type }, el('span', {}, type), el('b', {}));
      chip.addEventListener('click', () => {
        filterInputs.type.value = filterInputs.type.value === type ? '' : type;
        events.rebuild();
      });
      chips.set(type, chip);
      const before = [...chips.keys()].sort().find((other) => other > type);
      box.insertBefore(chip, before === undefined ? null : chips.get(before));
      const option = el('option', { value: type }, type);
      typeOptions.set(type, option);
      filterInputs.type.append(option);
    }
    chip.lastChild.textContent = String(count);
  }
  $('total').textContent = `${model.entries.length} events`;
};

// ---- pause / resume
let paused = false;
let held = [];
const pause = $('pause');
pause.addEventListener('click', () => {
  paused = !paused;
  pause.setAttribute('aria-pressed', String(paused));
  if (!paused) {
    const waiting = held;
    held = [];
    showEvents(waiting);
  }
  pause.textContent = paused ? 'Resume' : 'Pause';
});

// Events that arrive together are shown together: at most one list update per frame, however many uploads.
let incoming = [];
let scheduled = false;
let lastFlush = -Infinity;
const flush = () => {
  if (!scheduled) return;
  scheduled = false;
  lastFlush = performance.now();
  const start = performance.now();
  const list = incoming;
  incoming = [];
  events.add(addEvents(model, list));
  renderCounts();
  spent(performance.now() - start);
};
const showEvents = (list) => {
  if (paused) {
    held = held.concat(list);
    pause.textContent = `Resume (${held.length} new)`;
    return;
  }
  incoming = incoming.concat(list);
  if (scheduled) return;
  scheduled = true;
  // A lone upload shows at once; during a burst, updates wait for the next frame.
  if (performance.now() - lastFlush > 100) return flush();
  requestAnimationFrame(flush);
  setTimeout(flush, 250); // a hidden tab gets no frames
};

// ---- filters, export, reset
for (const input of Object.values(filterInputs)) input.addEventListener(input.tagName === 'SELECT' ? 'change' : 'input', () => events.rebuild());
$('clear-filters').addEventListener('click', () => {
  for (const input of Object.values(filterInputs)) input.value = '';
  events.rebuild();
});
const exportAs = (format) => {
  const f = filters();
  const text = exportEvents(model.entries.filter((entry) => matches(entry, f)), format);
  download(`footprint-events.${format === 'ndjson' ? 'ndjson' : 'json'}`, text, format === 'ndjson' ? 'application/x-ndjson' : 'application/json');
};
$('export-ndjson').addEventListener('click', () => exportAs('ndjson'));
$('export-json').addEventListener('click', () => exportAs('json'));
$('reset').addEventListener('click', () => {
  if (confirm('Delete every stored event, the data file, the upload history and pending faults?')) {
    void fetch('/_footprint/reset', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  }
});

// ---- the stream
const timed = (handler) => (message) => {
  const start = performance.now();
  handler(JSON.parse(message.data));
  spent(performance.now() - start);
  stats.messages += 1;
};
const source = new EventSource('/_footprint/stream');
source.onopen = () => {
  $('status').className = 'live';
  $('status').textContent = 'live';
};
source.onerror = () => {
  $('status').className = 'down';
  $('status').textContent = 'disconnected (retrying)';
};
source.addEventListener('ingest', timed((data) => {
  if (data.replay) {
    clearModel(model, ['events']);
    held = [];
    incoming = [];
    addEvents(model, data.events);
    renderCounts();
    events.rebuild();
  } else {
    showEvents(data.events);
  }
  stats.events += data.events.length;
}));
source.addEventListener('upload', timed((data) => {
  if (data.replay) {
    clearModel(model, ['uploads']);
    uploads.clear();
  }
  const repeated = addUploads(model, data.uploads);
  uploads.add(data.uploads);
  new Set(repeated).forEach((id) => events.duplicate(id));
}));
source.addEventListener('faults', timed((data) => faults.update(data.pending)));
source.addEventListener('reset', timed(() => {
  clearModel(model);
  held = [];
  incoming = [];
  chips.clear();
  typeOptions.forEach((option) => option.remove());
  typeOptions.clear();
  $('counts').textContent = '';
  renderCounts();
  uploads.clear();
  events.rebuild();
}));

select('events');
events.rebuild();
