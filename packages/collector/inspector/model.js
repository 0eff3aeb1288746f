// What the inspector page knows: events as they arrived, counts per type, uploads and pending faults.

/** A fresh, empty model. */
export function createModel() {
  return {
    /** `{ seq, event }` in arrival order; `seq` numbers them for the page. */
    entries: [],
    /** Event type → count; a Map, so `constructor` or `__proto__` are ordinary keys. */
    counts: new Map(),
    /** insert_id → how many more times it arrived after the first. */
    duplicates: new Map(),
    /** Upload id → record, in arrival order. */
    uploads: new Map(),
    /** Faults still pending at the collector. */
    pending: [],
    seq: 0,
  };
}

/** Adds events; returns their new entries. */
export function addEvents(model, events) {
  const added = [];
  for (const event of events) {
    if (!event || typeof event !== 'object') continue;
    const entry = { seq: model.seq++, event };
    model.entries.push(entry);
    const type = String(event.event_type);
    model.counts.set(type, (model.counts.get(type) ?? 0) + 1);
    added.push(entry);
  }
  return added;
}

/** Adds (or updates) upload records; returns the insert_ids they report as duplicates. */
export function addUploads(model, uploads) {
  const repeated = [];
  for (const upload of uploads) {
    if (!upload || typeof upload.id !== 'string') continue;
    const known = model.uploads.has(upload.id);
    model.uploads.set(upload.id, upload);
    if (known) continue;
    for (const id of upload.duplicates ?? []) {
      model.duplicates.set(id, (model.duplicates.get(id) ?? 0) + 1);
      repeated.push(id);
    }
  }
  return repeated;
}

/** Forgets everything (the collector was reset, or a replay starts over). */
export function clearModel(model, what = ['events', 'uploads']) {
  if (what.includes('events')) {
    model.entries = [];
    model.counts = new Map();
  }
  if (what.includes('uploads')) {
    model.uploads = new Map();
    model.duplicates = new Map();
  }
}

/** Events as NDJSON (one JSON object per line) or as a JSON array. */
export function exportEvents(entries, format) {
  const events = entries.map((entry) => entry.event);
  return format === 'ndjson' ? events.map((event) => JSON.stringify(event)).join('\n') + (events.length ? '\n' : '') : JSON.stringify(events, null, 2);
}
