// One event as a row: a summary line that wraps on narrow screens, and details built on first open.
import { copyText, el, flash, jsonBlock } from './dom.js';
import { cell, fullTime, isoTime } from './format.js';

/**
 * Builds an event row. `open` rows are built open; `actions.showUpload(id)` jumps to the upload that carried it.
 * @returns {HTMLDetailsElement}
 */
export function eventRow(entry, { open, duplicates, actions }) {
  const { event, seq } = entry;
  const insertId = event.insert_id === undefined || event.insert_id === null ? '' : String(event.insert_id);
  const details = el('details', {
    class: 'row',
    'data-testid': 'event-row',
    'data-seq': seq,
    'data-event-type': String(event.event_type),
    'data-insert-id': insertId,
  });
  const dup = duplicates.get(insertId) ?? 0;
  const summary = el(
    'summary',
    { class: 'summary' },
    el('time', { class: 'cell time', title: isoTime(event.time) }, fullTime(event.time) || '(no time)'),
    el('span', { class: 'cell type', title: String(event.event_type) }, String(event.event_type)),
    el('span', { class: 'cell id', title: 'user_id', 'data-k': 'user' }, cell(event.user_id)),
    el('span', { class: 'cell id', title: 'device_id', 'data-k': 'device' }, cell(event.device_id)),
    el('span', { class: 'cell id', title: 'session_id', 'data-k': 'session' }, cell(event.session_id)),
    el('span', { class: 'cell badges' }, dupBadge(dup), viaBadge(event.received_via)),
  );
  details.append(summary);
  const build = () => {
    if (details.querySelector('.body')) return;
    const copy = el('button', { type: 'button', class: 'small', 'data-testid': 'copy-event' }, 'Copy JSON');
    copy.addEventListener('click', async () => flash(copy, (await copyText(JSON.stringify(event, null, 2))) ? 'Copied' : 'Copy failed'));
    const upload = el('button', { type: 'button', class: 'small', 'data-testid': 'show-upload', disabled: !event.upload_id }, 'Show its upload');
    upload.addEventListener('click', () => actions.showUpload(event.upload_id));
    const meta = el('div', { class: 'meta' }, copy, upload, el('span', { class: 'muted' }, `received ${fullTime(event.received_at)} · insert_id ${cell(insertId)} · event_id ${cell(event.event_id)}`));
    details.append(
      el('div', { class: 'body' }, meta, el('div', { class: 'blocks' }, jsonBlock('event_properties', event.event_properties), jsonBlock('user_properties', event.user_properties), jsonBlock('event', event))),
    );
  };
  details.addEventListener('toggle', () => {
    if (details.open) build();
    actions.toggled(seq, details.open);
  });
  if (open) {
    build();
    details.open = true;
  }
  return details;
}

/** The "sent N times" badge, or nothing. */
export function dupBadge(count) {
  return count > 0 ? el('span', { class: 'badge warn', 'data-testid': 'duplicate', title: 'the same insert_id arrived more than once' }, `received ×${count + 1}`) : null;
}

/** Which API carried an event that did not come through HTTP V2 (e.g. `/identify`). */
const viaBadge = (via) => (typeof via === 'string' ? el('span', { class: 'badge', 'data-testid': 'received-via', title: 'received through this API' }, `via ${via}`) : null);

/** Marks the rows of an insert_id that arrived again. */
export function markDuplicate(root, insertId, count) {
  for (const row of root.querySelectorAll(`[data-testid="event-row"][data-insert-id="${CSS.escape(insertId)}"]`)) {
    const badges = row.querySelector('.badges');
    badges.querySelector('[data-testid="duplicate"]')?.remove();
    const badge = dupBadge(count);
    if (badge) badges.prepend(badge);
  }
}
