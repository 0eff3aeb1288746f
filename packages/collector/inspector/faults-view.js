// Fault controls matching POST /_footprint/faults, and the banner shown while a fault is pending.
import { el } from './dom.js';
import { describePending } from './format.js';

/** Each kind of fault the form offers: its fields and the spec they make. */
const KINDS = {
  status: { label: 'Answer a status', fields: ['status', 'count'], spec: (v) => ({ status: v.status, count: v.count }) },
  window: { label: '429 for a while', fields: ['seconds', 'retryAfter'], spec: (v) => ({ status: 429, windowMs: v.seconds * 1000, headers: { 'Retry-After': String(v.retryAfter) } }) },
  large: { label: '413 above N events', fields: ['above', 'count'], spec: (v) => ({ status: 413, minEvents: v.above + 1, count: v.count }) },
  invalid: { label: '400 naming fields', fields: ['names', 'count'], spec: (v) => ({ status: 400, fields: v.names, count: v.count }) },
  hang: { label: 'Never answer (hang)', fields: ['count'], spec: (v) => ({ hang: true, count: v.count }) },
  drop: { label: 'Drop the connection', fields: ['count'], spec: (v) => ({ drop: true, count: v.count }) },
  delay: { label: 'Delay the answer', fields: ['ms', 'count'], spec: (v) => ({ delayMs: v.ms, count: v.count }) },
  skip: { label: 'Replay server skips (header)', fields: ['skip', 'count'], api: 'replay', spec: (v) => ({ status: 200, headers: { 'X-Session-Replay-Event-Skipped': v.skip }, count: v.count }) },
};

/** Which uploads a fault applies to (the fault API's `api`). */
const APIS = { events: 'Analytics uploads (/2/httpapi, /batch)', replay: 'Session replay uploads (/sessions/v2/track)' };

const FIELDS = {
  status: { label: 'Status', type: 'number', value: '503', min: 100, max: 599 },
  count: { label: 'For the next N uploads', type: 'number', value: '1', min: 1 },
  seconds: { label: 'Seconds', type: 'number', value: '10', min: 1 },
  retryAfter: { label: 'Retry-After (s)', type: 'number', value: '2', min: 0 },
  above: { label: 'Above N events', type: 'number', value: '10', min: 0 },
  names: { label: 'Fields (comma-separated)', type: 'text', value: 'user_id' },
  ms: { label: 'Delay (ms)', type: 'number', value: '2000', min: 0, max: 120000 },
  skip: { label: 'Skip code (429 pauses, 4004/4005 stop the session)', type: 'text', value: '4005' },
};

const post = (method, body) =>
  fetch('/_footprint/faults', { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

export function createFaultsView({ root, banner }) {
  const kind = el('select', { id: 'fault-kind', 'data-testid': 'fault-kind' }, ...Object.entries(KINDS).map(([key, k]) => el('option', { value: key }, k.label)));
  const api = el('select', { id: 'fault-api', 'data-testid': 'fault-api' }, ...Object.entries(APIS).map(([key, label]) => el('option', { value: key }, label)));
  const inputs = Object.fromEntries(
    Object.entries(FIELDS).map(([key, f]) => [key, el('input', { id: `fault-${key}`, name: key, type: f.type, value: f.value, min: f.min, max: f.max, 'data-testid': `fault-${key}` })]),
  );
  const fieldBoxes = Object.fromEntries(Object.entries(FIELDS).map(([key, f]) => [key, el('label', { class: 'field', for: `fault-${key}` }, f.label, inputs[key])]));
  const message = el('p', { class: 'muted', role: 'status' });
  const form = el('form', { class: 'fault-form', 'data-testid': 'fault-form' }, el('label', { class: 'field', for: 'fault-api' }, 'Uploads', api), el('label', { class: 'field', for: 'fault-kind' }, 'Fault', kind), ...Object.values(fieldBoxes), el('button', { type: 'submit', 'data-testid': 'fault-set' }, 'Set fault'));
  const pendingList = el('ul', { class: 'pending', 'data-testid': 'fault-pending' });
  const clearAll = el('button', { type: 'button', 'data-testid': 'fault-clear-all' }, 'Clear all faults');
  root.append(el('p', { class: 'muted' }, 'Faults apply to the next uploads of the chosen kind, oldest first; the Uploads view shows what each one did to analytics uploads, a replay\'s upload list what it did to replays.'), form, message, el('h2', {}, 'Pending'), pendingList, clearAll);

  const showFields = () => {
    // A kind that exists for one API only (the replay skip header) sets and holds that API.
    if (KINDS[kind.value].api) api.value = KINDS[kind.value].api;
    api.disabled = !!KINDS[kind.value].api;
    const wanted = new Set(KINDS[kind.value].fields);
    for (const [key, box] of Object.entries(fieldBoxes)) box.hidden = !wanted.has(key);
  };
  kind.addEventListener('change', showFields);
  showFields();

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const values = Object.fromEntries(Object.entries(inputs).map(([key, input]) => [key, input.type === 'number' ? Number(input.value) : input.value]));
    values.names = String(values.names).split(',').map((s) => s.trim()).filter(Boolean);
    const spec = KINDS[kind.value].spec(values);
    const res = await post('POST', api.value === 'replay' ? { api: 'replay', ...spec } : spec);
    const answer = await res.json().catch(() => ({}));
    message.textContent = res.ok ? 'Fault set.' : `Not set: ${answer.error ?? res.status}`;
  });
  const clear = async () => {
    const res = await post('DELETE');
    message.textContent = res.ok ? 'Faults cleared.' : `Not cleared: ${res.status}`;
  };
  clearAll.addEventListener('click', clear);
  const bannerText = el('span', { 'data-testid': 'fault-banner-text' });
  const bannerClear = el('button', { type: 'button', 'data-testid': 'fault-clear' }, 'Clear');
  bannerClear.addEventListener('click', clear);
  banner.append(el('strong', {}, 'Fault active: '), bannerText, ' ', bannerClear);

  let expiry;
  const view = {
    /** Shows the faults pending at the collector (a 429 window leaves the banner when it ends). */
    update(all) {
      clearTimeout(expiry);
      const pending = all.filter((f) => f.until === undefined || f.until > Date.now());
      const next = Math.min(...pending.map((f) => f.until ?? Infinity));
      if (Number.isFinite(next)) expiry = setTimeout(() => view.update(pending), next - Date.now() + 50);
      pendingList.textContent = '';
      pending.forEach((fault) => pendingList.append(el('li', {}, describePending(fault))));
      if (!pending.length) pendingList.append(el('li', { class: 'muted' }, 'None: uploads are answered normally.'));
      clearAll.disabled = pending.length === 0;
      banner.hidden = pending.length === 0;
      bannerText.textContent = pending.map(describePending).join('; then ');
    },
  };
  return view;
}
