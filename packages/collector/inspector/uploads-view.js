// The Uploads view: every request the collector received, newest first; open one to see its answer,
// which events were refused and why, and the payload.
import { el, jsonBlock } from './dom.js';
import { cell, fullTime, refusedEvents, size } from './format.js';

const MAX_ROWS = 1000;

function statusClass(status) {
  if (status === 0) return 'badge bad';
  if (status >= 400) return 'badge bad';
  if (status >= 300) return 'badge warn';
  return 'badge ok';
}

export function createUploadsView({ root, model }) {
  const list = el('div', { class: 'list', 'data-testid': 'upload-list' });
  const empty = el('div', { class: 'empty' }, 'No upload yet.');
  root.append(list, empty);
  const rows = new Map();

  const details = async (upload, body) => {
    body.textContent = 'Loading…';
    let detail;
    try {
      const res = await fetch(`/_footprint/uploads/${encodeURIComponent(upload.id)}`);
      detail = res.ok ? await res.json() : undefined;
    } catch {
      detail = undefined;
    }
    body.textContent = '';
    const payload = detail?.payload;
    const events = payload && typeof payload === 'object' && Array.isArray(payload.events) ? payload.events : [];
    if (upload.response !== undefined) body.append(jsonBlock('answer', upload.response));
    const refused = refusedEvents(upload.response);
    if (refused.length > 0) {
      const items = refused.map(({ index, reasons }) =>
        el('li', { 'data-testid': 'refused-event' }, el('b', {}, `#${index} ${cell(events[index]?.event_type)}`), ` — ${reasons.join('; ')}`),
      );
      body.append(el('div', { class: 'block' }, el('div', { class: 'label' }, 'refused events'), el('ul', { class: 'refused' }, ...items)));
    }
    if (upload.duplicates?.length) body.append(el('p', { class: 'muted' }, `Already received: ${upload.duplicates.join(', ')}`));
    body.append(detail?.kept ? jsonBlock('payload', payload) : el('p', { class: 'muted' }, 'The payload is no longer kept.'));
  };

  const row = (upload) => {
    const node = el('details', { class: 'row upload', 'data-testid': 'upload-row', 'data-upload-id': upload.id, 'data-status': upload.status });
    node.append(
      el(
        'summary',
        { class: 'summary' },
        el('time', { class: 'cell time' }, fullTime(upload.at)),
        el('span', { class: 'cell' }, el('span', { class: statusClass(upload.status) }, upload.status === 0 ? 'no answer' : upload.status), ' ', upload.path),
        el('span', { class: 'cell' }, `${upload.events} events`),
        el('span', { class: 'cell' }, `${size(upload.bytes)}${upload.gzip ? ' gzip' : ''}`),
        el('span', { class: 'cell' }, `${upload.duration_ms ?? '?'} ms`),
        el('span', { class: 'cell badges' }, upload.fault ? el('span', { class: 'badge warn', 'data-testid': 'upload-fault' }, `fault ${upload.fault}`) : null),
      ),
    );
    const body = el('div', { class: 'body' });
    node.append(body);
    node.addEventListener('toggle', () => {
      if (node.open) void details(upload, body);
    });
    return node;
  };

  return {
    add(uploads) {
      for (const upload of uploads) {
        const node = row(upload);
        const old = rows.get(upload.id);
        if (old) old.replaceWith(node);
        else list.prepend(node);
        rows.set(upload.id, node);
      }
      while (list.childElementCount > MAX_ROWS) {
        const last = list.lastElementChild;
        rows.delete(last.getAttribute('data-upload-id'));
        last.remove();
      }
      empty.hidden = list.childElementCount > 0;
    },
    clear() {
      list.textContent = '';
      rows.clear();
      empty.hidden = false;
    },
    /** Opens one upload and brings it into view. */
    reveal(id) {
      const node = rows.get(id);
      if (!node) return false;
      node.open = true;
      node.scrollIntoView({ block: 'center' });
      node.querySelector('summary').focus();
      return true;
    },
  };
}
