/** Longest string the HTTP V2 API stores (docs/protocol.md §B.3); longer ones are cut to this length. */
export const MAX_STRING_LENGTH = 1024;
/** Deepest property nesting the API accepts (docs/protocol.md §B.3); anything deeper is replaced. */
export const MAX_DEPTH = 40;

/**
 * Turns any value into one that survives `JSON.stringify` and the API's limits, recording each change
 * in `notes` as `path: what happened`. The rules (also in packages/core/README.md):
 * undefined, functions and symbols are dropped (`null` inside arrays); BigInt becomes its decimal string;
 * NaN and ±Infinity become null; a Date becomes its ISO string (an invalid Date null); a repeated
 * reference (a cycle) becomes '[Circular]'; nesting deeper than 40 becomes '[Too deep]'; strings longer
 * than 1,024 characters are cut to 1,024.
 */
export const sanitize = (value: unknown, notes: string[], path = '', depth = 0, seen: unknown[] = []): unknown => {
  const note = (what: string) => notes.push(`${path || '(root)'}: ${what}`);
  switch (typeof value) {
    case 'string':
      if (value.length <= MAX_STRING_LENGTH) return value;
      note(`string of ${value.length} chars cut to ${MAX_STRING_LENGTH}`);
      return value.slice(0, MAX_STRING_LENGTH);
    case 'number':
      if (Number.isFinite(value)) return value;
      note(`${value} sent as null`);
      return null;
    case 'boolean':
      return value;
    case 'bigint':
      note('BigInt sent as a string');
      return value.toString();
    case 'object':
      break;
    case 'undefined':
      return undefined;
    default:
      note(`${typeof value} dropped`);
      return undefined;
  }
  if (value === null) return null;
  if (value instanceof Date) {
    const t = value.getTime();
    note(Number.isNaN(t) ? 'invalid Date sent as null' : 'Date sent as an ISO string');
    return Number.isNaN(t) ? null : value.toISOString();
  }
  if (seen.includes(value)) {
    note('circular reference replaced');
    return '[Circular]';
  }
  if (depth >= MAX_DEPTH) {
    note(`nested deeper than ${MAX_DEPTH} levels, replaced`);
    return '[Too deep]';
  }
  const inner = [...seen, value];
  if (Array.isArray(value)) {
    return value.map((v, i) => {
      const out = sanitize(v, notes, `${path}[${i}]`, depth + 1, inner);
      return out === undefined ? null : out;
    });
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = sanitize((value as Record<string, unknown>)[key], notes, path ? `${path}.${key}` : key, depth + 1, inner);
    if (v !== undefined) out[key] = v;
  }
  return out;
};
