/** Longest string the HTTP V2 API stores (docs/protocol.md §B.3); longer ones are cut to this length. */
export const MAX_STRING_LENGTH = 1024;
/** Deepest property nesting the API accepts (docs/protocol.md §B.3); anything deeper is replaced. */
export const MAX_DEPTH = 40;
/**
 * Largest event the SDK sends, in characters of JSON (docs/bad-input.md): the server takes at most 1 MB
 * per request, and the bound keeps the work of one call small.
 */
export const MAX_EVENT_SIZE = 256 * 1024;

/** What `sanitize` returns when the value's JSON would be longer than its budget. */
export const TOO_LARGE: unique symbol = Symbol('too large');

/** A few words about any value, without running any of its code (no getter, no `toString`, no trap). */
export const typeName = (v: unknown): string => {
  try {
    return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
  } catch {
    return 'a revoked Proxy';
  }
};

/** An error's message for a log line; never throws, whatever was thrown. */
export const errorText = (e: unknown): string => {
  try {
    return String((e as Error)?.message ?? e);
  } catch {
    return 'an unreadable error';
  }
};

const tagOf = Object.prototype.toString;

/**
 * Turns any value into one that survives `JSON.stringify` and the API's limits, recording each change
 * in `notes` as `path: what happened`; returns {@link TOO_LARGE} when its JSON would be longer than
 * `budget` characters. Never throws and never runs more than `budget` steps, whatever it is given
 * (Proxies whose traps throw, throwing getters, cycles, `window`). The rules (docs/bad-input.md):
 * undefined, functions and symbols are dropped (`null` inside arrays); BigInt becomes its decimal string;
 * NaN and ±Infinity become null; `toJSON` is applied (a Date becomes its ISO string, an invalid one null);
 * plain objects and arrays are copied; other objects (DOM nodes, `window`, Map, …) become their tag
 * (`"[object HTMLDivElement]"`); a value that cannot be read is dropped; a cycle becomes '[Circular]';
 * nesting deeper than 40 becomes '[Too deep]'; strings longer than 1,024 characters are cut.
 */
export const sanitize = (value: unknown, notes: string[], path = '', budget = MAX_EVENT_SIZE): unknown => {
  let left = budget;
  const parents: unknown[] = [];
  const keys: Array<string | number> = [];
  const note = (what: string) => {
    let at = path;
    for (const k of keys) at += typeof k === 'number' ? `[${k}]` : at ? `.${k}` : k;
    notes.push(`${at || '(root)'}: ${what}`);
  };
  const spend = (n: number) => {
    if ((left -= n) < 0) throw TOO_LARGE;
  };

  const walk = (v: unknown, depth: number, json = true): unknown => {
    switch (typeof v) {
      case 'string':
        spend(Math.min(v.length, MAX_STRING_LENGTH) + 3);
        if (v.length <= MAX_STRING_LENGTH) return v;
        note(`string of ${v.length} chars cut to ${MAX_STRING_LENGTH}`);
        return v.slice(0, MAX_STRING_LENGTH);
      case 'number':
        spend(8);
        if (Number.isFinite(v)) return v;
        note(`${v} sent as null`);
        return null;
      case 'boolean':
        spend(6);
        return v;
      case 'bigint':
        note('BigInt sent as a string');
        return walk(v.toString(), depth);
      case 'object':
        break;
      case 'undefined':
        return undefined;
      default:
        note(`${typeof v} dropped`);
        return undefined;
    }
    spend(5);
    if (v === null) return null;
    if (json && typeof (v as { toJSON?: unknown }).toJSON === 'function') return walk((v as { toJSON(): unknown }).toJSON(), depth, false);
    if (parents.includes(v)) {
      note('circular reference replaced');
      return '[Circular]';
    }
    if (depth >= MAX_DEPTH) {
      note(`nested deeper than ${MAX_DEPTH} levels, replaced`);
      return '[Too deep]';
    }
    const tag = tagOf.call(v);
    const isArray = tag === '[object Array]';
    if (!isArray && tag !== '[object Object]') {
      note(`${tag} replaced by its name`);
      return tag;
    }
    const names = isArray ? undefined : Object.keys(v);
    const count = isArray ? (v as unknown[]).length : names!.length;
    // Cheap check before any copy: an element costs at least 2 characters of JSON (`0,`), a key 6 (`"k":0,`).
    spend(count * (isArray ? 2 : 6));
    parents.push(v);
    const out: any = isArray ? [] : {};
    for (let i = 0; i < count; i++) {
      const k = isArray ? i : names![i];
      keys.push(k);
      let x: unknown;
      try {
        x = walk((v as any)[k], depth + 1);
      } catch (e) {
        if (e === TOO_LARGE) throw e;
        note(`could not be read (${errorText(e)}); dropped`);
      }
      keys.pop();
      if (isArray) out.push(x === undefined ? null : x);
      else if (x !== undefined) {
        spend((k as string).length + 3);
        // A `__proto__` key (JSON.parse makes them) stays a plain key instead of setting the prototype.
        if (k === '__proto__') Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
        else out[k] = x;
      }
    }
    parents.pop();
    return out;
  };

  try {
    return walk(value, 0);
  } catch (e) {
    if (e === TOO_LARGE) {
      note(`larger than ${budget} characters as JSON`);
      return TOO_LARGE;
    }
    note(`could not be read (${errorText(e)}); dropped`);
    return undefined;
  }
};
