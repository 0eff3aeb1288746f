// Pure helpers of the inspector page: formatting, ordering and filtering (no DOM here).

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** `2026-12-06 04:15:49.123` in local time, or '' when `ms` is not a number. */
export function fullTime(ms) {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** The same instant in UTC, for tooltips. */
export function isoTime(ms) {
  return typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : '';
}

/** `312 B`, `4.2 KB`, `1.1 MB`. */
export function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A value as shown in a cell: '—' for missing, text otherwise. */
export function cell(value) {
  return value === undefined || value === null || value === '' ? '—' : String(value);
}

/** Timeline order inside a session: event time, then event_id, then arrival. */
export function byTimeline(a, b) {
  const ta = typeof a.event.time === 'number' ? a.event.time : Infinity;
  const tb = typeof b.event.time === 'number' ? b.event.time : Infinity;
  if (ta !== tb) return ta - tb;
  const ia = typeof a.event.event_id === 'number' ? a.event.event_id : Infinity;
  const ib = typeof b.event.event_id === 'number' ? b.event.event_id : Infinity;
  if (ia !== ib) return ia - ib;
  return a.seq - b.seq;
}

/** Index at which `entry` goes into `sorted` (ascending by `compare`), after equal entries. */
export function insertionIndex(sorted, entry, compare) {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compare(sorted[mid], entry) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The group an event belongs to in the Sessions or Users view. */
export function groupOf(event, mode) {
  if (mode === 'sessions') return event.session_id === undefined || event.session_id === null ? 'no session' : String(event.session_id);
  if (event.user_id !== undefined && event.user_id !== null && event.user_id !== '') return `user ${event.user_id}`;
  return `device ${cell(event.device_id)}`;
}

/** Filters from the page's inputs: all empty strings mean "everything". */
export const NO_FILTERS = Object.freeze({ text: '', type: '', user: '', session: '', property: '' });

const contains = (value, needle) => value !== undefined && value !== null && String(value).toLowerCase().includes(needle);

/** `key` or `key=value` against event_properties and user_properties (value: substring, any case). */
function hasProperty(event, query) {
  const eq = query.indexOf('=');
  const key = (eq === -1 ? query : query.slice(0, eq)).trim();
  const needle = eq === -1 ? undefined : query.slice(eq + 1).trim().toLowerCase();
  return [event.event_properties, event.user_properties].some((props) => {
    if (!props || typeof props !== 'object' || !Object.prototype.hasOwnProperty.call(props, key)) return false;
    if (needle === undefined) return true;
    const value = props[key];
    return (typeof value === 'object' ? JSON.stringify(value) : String(value)).toLowerCase().includes(needle);
  });
}

/** Whether an entry (`{ seq, event }`) passes the filters; its lower-cased JSON is cached for the text filter. */
export function matches(entry, filters) {
  const { event } = entry;
  if (filters.type && String(event.event_type) !== filters.type) return false;
  if (filters.session && String(event.session_id) !== filters.session.trim()) return false;
  if (filters.user) {
    const needle = filters.user.trim().toLowerCase();
    if (!contains(event.user_id, needle) && !contains(event.device_id, needle)) return false;
  }
  if (filters.property && !hasProperty(event, filters.property)) return false;
  if (filters.text) {
    entry.text ??= JSON.stringify(event).toLowerCase();
    if (!entry.text.includes(filters.text.trim().toLowerCase())) return false;
  }
  return true;
}

/** What a rejection's answer says about each refused event: `[{ index, reasons: ['invalid field: user_id'] }]`. */
export function refusedEvents(response) {
  const reasons = new Map();
  const add = (index, reason) => {
    if (!Number.isInteger(index)) return;
    if (!reasons.has(index)) reasons.set(index, []);
    reasons.get(index).push(reason);
  };
  if (!response || typeof response !== 'object') return [];
  const categories = [
    ['events_with_missing_fields', 'missing field'],
    ['events_with_invalid_fields', 'invalid field'],
    ['events_with_invalid_id_lengths', 'id too short'],
    ['silenced_events', 'silenced'],
  ];
  for (const [name, label] of categories) {
    const map = response[name];
    if (!map || typeof map !== 'object') continue;
    for (const [field, indices] of Object.entries(map)) if (Array.isArray(indices)) indices.forEach((i) => add(i, `${label}: ${field}`));
  }
  if (Array.isArray(response.throttled_events)) response.throttled_events.forEach((i) => add(i, 'throttled'));
  return [...reasons.entries()].sort(([a], [b]) => a - b).map(([index, list]) => ({ index, reasons: list }));
}

/** How a pending fault reads in the banner: `503 for the next 2 uploads`, `413 for the next upload (session replay)`. */
export function describePending(fault) {
  const what = fault.hang ? 'no answer (hang)' : fault.drop ? 'connection dropped' : fault.status !== undefined ? `${fault.status}${fault.fields ? ` naming ${fault.fields.join(', ')}` : ''}` : '200';
  const delay = fault.delayMs ? ` after ${fault.delayMs} ms` : '';
  const when = fault.until !== undefined ? ` until ${fullTime(fault.until).slice(11)}` : ` for the next ${fault.remaining === 1 ? 'upload' : `${fault.remaining} uploads`}`;
  const size = fault.minEvents ? ` of ${fault.minEvents}+ events` : '';
  const skip = fault.headers?.['X-Session-Replay-Event-Skipped'];
  const replay = fault.api === 'replay' ? ' (session replay)' : '';
  return `${what}${skip ? ` skipping ${skip}` : ''}${delay}${when}${size}${replay}`;
}
