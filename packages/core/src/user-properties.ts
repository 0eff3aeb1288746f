// The client-side user-property cache (docs/protocol.md §A.2): what `getIdentity()` reports, kept from the
// operations of every tracked event.
import { OrderedIdentifyOperations } from './identify';
import { IdentifyOperation, type Properties } from './types';
import { isObject } from './validate';

const OP_NAMES: string[] = Object.values(IdentifyOperation);

/**
 * The cache after an event's `user_properties`: `$clearAll`, `$unset`, `$set` and raw keys applied to a copy.
 * @example
 * applyUserProperties({ a: 1 }, { $set: { b: 2 } }); // { a: 1, b: 2 }
 */
export const applyUserProperties = (base: Properties | undefined, ops: Properties | undefined): Properties => {
  // Most events carry no user properties: nothing to copy (this runs inside every track() call).
  if (!isObject(ops)) return base ?? {};
  try {
    return applyOps({ ...base }, ops);
  } catch {
    return base ?? {}; // unreadable operations: the event itself is refused or cleaned later
  }
};

const applyOps = (out: Properties, ops: Properties): Properties => {
  const opNames = OP_NAMES;
  for (const op of OrderedIdentifyOperations) {
    const v = ops[op];
    if (v === undefined) continue;
    if (op === IdentifyOperation.CLEAR_ALL) for (const k of Object.keys(out)) delete out[k];
    if (op === IdentifyOperation.UNSET && isObject(v)) for (const k of Object.keys(v)) delete out[k];
    if (op === IdentifyOperation.SET && isObject(v)) Object.assign(out, v);
  }
  for (const k of Object.keys(ops)) if (!opNames.includes(k)) out[k] = ops[k];
  return out;
};
