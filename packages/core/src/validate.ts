// Checks on what callers hand to the public API, made before any expensive work (docs/bad-input.md).
import { errorText, typeName } from './sanitize';

/**
 * Whether `v` is an object record: not `null`, not an array. The one definition every package uses.
 * @example
 * isObject({ a: 1 }); // true
 * isObject([1]); // false
 */
export const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Most fields an event or an options object may have (an event has about 40 kinds). */
const MAX_FIELDS = 1000;

/**
 * `v` when it is a plain object (what `{ ... }` makes, or a class instance), `undefined` for `null` or
 * `undefined`, else a sentence saying what `what` should be. Never throws, and answers a string, an
 * array, a DOM node or a Proxy whose traps throw at once, without iterating over it. With `copy`, a
 * shallow copy, refused beyond 1,000 fields (copying a huge object would block the page).
 * @example
 * const options = readObject(eventOptions, 'event options', true); // a string: refuse with it
 */
export const readObject = (v: unknown, what: string, copy?: boolean): Record<string, any> | string | undefined => {
  if (v == null) return undefined;
  try {
    if (Object.prototype.toString.call(v) === '[object Object]') {
      const n = Object.keys(v as object).length;
      if (!copy) return v as Record<string, any>;
      return n > MAX_FIELDS ? (__DEV__ ? `${what} has ${n} fields; at most ${MAX_FIELDS} are read` : `E30 ${what}: ${n} fields`) : { ...(v as object) };
    }
  } catch (e) {
    return __DEV__ ? `${what} could not be read (${errorText(e)})` : `E31 ${what}: unreadable (${errorText(e)})`;
  }
  return __DEV__ ? `${what} should be a plain object, got ${typeName(v)}` : `E32 ${what}: not an object (${typeName(v)})`;
};

/** Typed top-level event fields (docs/protocol.md §B.2): i integer, n finite number, s string. */
const FIELDS: Record<string, string> = {
  time: 'i', session_id: 'i', event_id: 'i', quantity: 'i', price: 'n', revenue: 'n', location_lat: 'n', location_lng: 'n',
  insert_id: 's', user_id: 's', device_id: 's', productId: 's', revenueType: 's', currency: 's',
};
const WANT: Record<string, string> = { i: 'an integer', n: 'a finite number', s: 'a string' };

/**
 * Why a field of `o` named in `types` (i integer, n finite number, s string) has the wrong type, or
 * `undefined`. `null`, `undefined` and `''` fields are left alone, or deleted with `fill` so that the
 * SDK's own value applies, as the anchor fills them; a wrong type is never replaced, so the caller
 * learns what to change.
 * @example
 * typeProblem({ event_type: 'e', insert_id: {} }); // 'insert_id should be a string, got object'
 */
export const typeProblem = (o: Record<string, unknown>, types = FIELDS, fill = true): string | undefined => {
  // Over the object's few fields rather than every typed name: a lookup of a missing field costs more.
  for (const k in o) {
    const want = types[k];
    if (typeof want != 'string') continue; // not a typed field (nor a name Object.prototype has)
    const v = o[k];
    if (v == null || v === '') {
      if (fill) delete o[k];
    } else if (want === 'i' ? !Number.isSafeInteger(v) : want === 'n' ? !Number.isFinite(v) : typeof v !== 'string') {
      return __DEV__ ? `${k} should be ${WANT[want]}, got ${typeName(v)}${typeof v === 'number' ? ` ${v}` : ''}` : `E33 ${k}: not ${want === 'i' ? 'an integer' : want === 'n' ? 'a finite number' : 'a string'}`;
    }
  }
  return undefined;
};
