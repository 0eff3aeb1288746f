// Intake (docs/bad-input.md): how the event calls read what they are given and clean an event before it
// enters the client. Plain functions: the client's closure (client.ts) calls them.
import type { IIdentify } from './identify';
import { result } from './pipeline';
import { MAX_EVENT_SIZE, sanitize, TOO_LARGE, typeName } from './sanitize';
import type { AsyncResult, Event } from './types';
import { isObject, typeProblem } from './validate';


/** The code of a result refused for its input (docs/bad-input.md): the message says what to change. */
export const INVALID = 400;

export const wrap = <T>(promise: Promise<T>): AsyncResult<T> => ({ promise });
export const settled = (event: Event, code: number, message: string) => Promise.resolve(result(event, code, message));
/**
 * Why `id` cannot be a user/device id with `minIdLength` `min` (5 when unset), or undefined when it can
 * (or, with `optional`, is absent).
 * @example
 * idProblem(5, 'userId', 'abc'); // 'userId "abc" is shorter than minIdLength (5); the server would reject it'
 */
export const idProblem = (min: number | undefined, what: string, id: unknown, optional?: boolean): string | undefined => {
  if (optional && id === undefined) return undefined;
  if (typeof id !== 'string') return __DEV__ ? `${what} should be a string, got ${typeName(id)}` : `E20 ${what}: not a string`;
  if (id.length < (min ?? 5)) return __DEV__ ? `${what} "${id}" is shorter than minIdLength (${min ?? 5}); the server would reject it` : `E21 ${what}: shorter than minIdLength`;
  return undefined;
};

const isGroupName = (v: unknown) => typeof v === 'string' || (Array.isArray(v) && v.length <= 1000 && v.every((n) => typeof n === 'string'));

/**
 * The event as it will be sent, or why it cannot be (docs/bad-input.md): typed fields checked, then every
 * value made JSON-safe within the size limit. `event` was made afresh by the caller, so it is changed in place.
 * @example
 * const event = cleanEvent({ event_type: 'e', time: 1.5 }, config.minIdLength, log.warn); // 'time should be an integer, got number 1.5'
 */
export const cleanEvent = (event: Event, minIdLength: number | undefined, warn: (message: string) => void): Event | string => {
  const problem = typeProblem(event) ?? idProblem(minIdLength, 'user_id', event.user_id, true) ?? idProblem(minIdLength, 'device_id', event.device_id, true);
  if (problem) return problem;
  const notes: string[] = [];
  const out = sanitize(event, notes) as Event | typeof TOO_LARGE;
  if (out === TOO_LARGE) return __DEV__ ? `the event is larger than ${MAX_EVENT_SIZE} characters as JSON; send less data in it` : `E6 event over ${MAX_EVENT_SIZE} characters`;
  for (const key of ['event_properties', 'user_properties', 'group_properties', 'groups'] as const) {
    if (out[key] !== undefined && !isObject(out[key])) {
      notes.push(__DEV__ ? `${key}: should be an object, got ${typeName(out[key])}; dropped` : `${key}: not an object, dropped`);
      delete out[key];
    }
  }
  if (notes.length) warn(__DEV__ ? `event "${out.event_type}" was changed to fit the API:\n  ${notes.join('\n  ')}` : `E7 "${out.event_type}" changed to fit: ${notes.join('; ')}`);
  return out;
};

export const isIdentify = (v: unknown): v is IIdentify => isObject(v) && typeof v.getUserProperties === 'function';

export const groupProblem = (caller: string, groupType: unknown, groupName: unknown) =>
  typeof groupType === 'string' && groupType && isGroupName(groupName) ? undefined : __DEV__ ? `${caller}() needs a group type string and a group name (string or string[])` : `E39 ${caller}: bad group`;
