// One event's life in the delivery engine (docs/delivery.md): its states and the moves between them are
// declared here; engine.ts makes the moves.
import type { Event, Result } from '../types';
import { uuid } from '../uuid';

/**
 * Where an event is in the delivery engine. Every entry enters as `queued`: a new event (`execute`), one
 * restored from this tab's stored queue when the engine starts, and one adopted from a closed tab's queue.
 *
 * | from | to | when |
 * | --- | --- | --- |
 * | queued | flight | a batch request carries it |
 * | flight | queued | the answer says send again (5xx, 429, a 413 split, no answer), or the request was taken back at page hide |
 * | queued, parked | unload | a page-hide request (keepalive or beacon) carries it |
 * | unload | queued | that request's answer says send again |
 * | queued | parked | retries are exhausted for this page life; it stays stored for the next load |
 * | parked | queued | the endpoint answered 2xx again, the platform is back online, or `flush()` |
 * | any | final | settled: its promise has its result (delivered, refused, or adopted by another tab) |
 *
 * Only `queued` and `parked` entries are stored: an event in flight or handed off at page hide counts as sent.
 */
// Numbers rather than names (never stored, never shown): ~0.1 KB gzip less in every bundle.
export const QUEUED = 0, FLIGHT = 1, PARKED = 2, UNLOAD = 3, FINAL = 4;
export type State = typeof QUEUED | typeof FLIGHT | typeof PARKED | typeof UNLOAD | typeof FINAL;

/** An event in the delivery engine, with its serialized form and its state. */
export interface Entry {
  event: Event;
  json: string;
  bytes: number;
  attempts: number;
  state: State;
  limit?: number;
  /** Set while the caller still waits for this event's fate. */
  resolve?: (r: Result) => void;
  /** The stored segment holding it (the persister's). */
  seg?: unknown;
}

/**
 * A new entry, `queued`: the event gets an `insert_id` if it has none and loses `extra`, then is serialized once.
 * @example
 * const entry = makeEntry({ event_type: 'Clicked' }, resolve);
 */
export const makeEntry = (event: Event, resolve?: (r: Result) => void): Entry => {
  if (!event.insert_id) event.insert_id = uuid();
  delete event.extra;
  const json = JSON.stringify(event);
  return { event, json, bytes: utf8Length(json), attempts: 0, state: QUEUED, resolve };
};

/** Whether the entry has not left: `queued` or `parked`, what is stored and what a page hide hands off. */
export const waiting = (e: Entry) => e.state === QUEUED || e.state === PARKED;

/**
 * UTF-8 length of a string without allocating.
 * @example
 * utf8Length('é'); // 2
 */
export const utf8Length = (s: string): number => {
  let n = s.length;
  if (!/[^\0-\x7f]/.test(s)) return n; // ASCII, the common case: one native scan

  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff) i++, (n += 2); // surrogate pair: 4 bytes for 2 units
    else n += 2;
  }
  return n;
};
