import { sanitize } from './sanitize';
import { IdentifyOperation, type Properties } from './types';

/** The value `$unset` and `$clearAll` carry on the wire (docs/protocol.md §B.6). */
export const UNSET_VALUE = '-';

/** The order the server applies operations in (docs/protocol.md §B.6). */
export const OrderedIdentifyOperations = [
  IdentifyOperation.CLEAR_ALL,
  IdentifyOperation.UNSET,
  IdentifyOperation.SET,
  IdentifyOperation.SET_ONCE,
  IdentifyOperation.ADD,
  IdentifyOperation.APPEND,
  IdentifyOperation.PREPEND,
  IdentifyOperation.PREINSERT,
  IdentifyOperation.POSTINSERT,
  IdentifyOperation.REMOVE,
];

const MAX_KEYS = 1000;

/** Whether `value` is a user-property value the server accepts: number, string, boolean, a plain object of such, or an array of numbers, strings and objects. */
export const isValidValue = (value: unknown): boolean => {
  if (Array.isArray(value)) {
    return value.every((v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? isValidObject(v) : typeof v === 'number' || typeof v === 'string'));
  }
  if (value === null || value === undefined) return false;
  if (typeof value === 'object') return isValidObject(value as object);
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';
};

const isValidObject = (o: object): boolean => Object.keys(o).length <= MAX_KEYS && Object.values(o).every(isValidValue);

/**
 * Builds user-property operations for `identify` and `groupIdentify`. One operation per property (the
 * first wins), nothing after `clearAll`, `add` takes numbers only; an invalid call is ignored. Each value
 * is copied as it will be sent (docs/bad-input.md), so any value is safe: a cycle, a Proxy, `window`.
 * @example
 * const id = new Identify().set('plan', 'pro').add('logins', 1).append('tags', 'beta');
 * identify(id);
 */
export class Identify {
  private _properties: Properties = {};
  private _used = new Set<string>();

  /** The operations as sent in `user_properties` (or `group_properties`). */
  getUserProperties(): Properties {
    return { ...this._properties };
  }
  /** Sets (overwrites) a property. */
  set(property: string, value: unknown): Identify {
    return this._op(IdentifyOperation.SET, property, value);
  }
  /** Sets a property only if it has no value yet. */
  setOnce(property: string, value: unknown): Identify {
    return this._op(IdentifyOperation.SET_ONCE, property, value);
  }
  /** Adds a number to a numeric property (unset counts as 0). */
  add(property: string, value: number): Identify {
    return this._op(IdentifyOperation.ADD, property, value);
  }
  /** Appends values to an array property. */
  append(property: string, value: unknown): Identify {
    return this._op(IdentifyOperation.APPEND, property, value);
  }
  /** Prepends values to an array property. */
  prepend(property: string, value: unknown): Identify {
    return this._op(IdentifyOperation.PREPEND, property, value);
  }
  /** Inserts values at the start of an array property unless already present. */
  preInsert(property: string, value: unknown): Identify {
    return this._op(IdentifyOperation.PREINSERT, property, value);
  }
  /** Inserts values at the end of an array property unless already present. */
  postInsert(property: string, value: unknown): Identify {
    return this._op(IdentifyOperation.POSTINSERT, property, value);
  }
  /** Removes every occurrence of the values from an array property. */
  remove(property: string, value: unknown): Identify {
    return this._op(IdentifyOperation.REMOVE, property, value);
  }
  /** Deletes a property. */
  unset(property: string): Identify {
    return this._op(IdentifyOperation.UNSET, property, UNSET_VALUE);
  }
  /** Deletes every user property; later operations on this Identify are ignored. */
  clearAll(): Identify {
    this._properties = { [IdentifyOperation.CLEAR_ALL]: UNSET_VALUE };
    return this;
  }

  private _op(op: IdentifyOperation, property: string, value: unknown): Identify {
    value = sanitize(value, []);
    if (
      typeof property === 'string' &&
      this._properties[IdentifyOperation.CLEAR_ALL] === undefined &&
      !this._used.has(property) &&
      (op === IdentifyOperation.ADD ? typeof value === 'number' && Number.isFinite(value) : op === IdentifyOperation.UNSET || op === IdentifyOperation.REMOVE || isValidValue(value))
    ) {
      (this._properties[op] ??= {})[property] = value;
      this._used.add(property);
    }
    return this;
  }
}

/** Amplitude's name for the Identify interface. */
export type IIdentify = Pick<Identify, 'getUserProperties'> & Partial<Identify>;
