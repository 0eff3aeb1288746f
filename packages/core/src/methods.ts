// The public methods of a client, declared once (docs/architecture.md "Inside the core").
import type { Event, Result } from './types';

/**
 * Every public method of a Footprint client, declared once: what it answers when it cannot run, and what
 * the script-tag snippet's stub does with it. Core's API wrapper and the browser's server-side no-ops
 * answer from it; the browser's entries, the script-tag global and the snippet's method lists are checked
 * against it by tests (packages/browser/src/methods.test.ts). The last four are the browser layer's.
 *
 * First letter, the answer when the method cannot run: `v` `{ promise }` of nothing; `e` `{ promise }`
 * of a Result for an event whose type is the first argument when a string, else the rest of the entry
 * after the second letter; `P` a promise of nothing; `o` `{}`; `a` the first argument; `u` `undefined`.
 * Second letter, the snippet's stub: `p` queues the call and answers `{ promise }` of its result, `q`
 * queues it, `-` is not on the stub.
 * @example
 * METHODS.identify; // 'ep$identify'
 */
export const METHODS = {
  init: 'vp',
  track: 'ep',
  logEvent: 'ep',
  identify: 'ep$identify',
  groupIdentify: 'ep$groupidentify',
  setGroup: 'ep$identify',
  revenue: 'eprevenue_amount',
  flush: 'vp',
  add: 'vp',
  remove: 'vp',
  getUserId: 'uq',
  setUserId: 'uq',
  getDeviceId: 'uq',
  setDeviceId: 'uq',
  getSessionId: 'uq',
  setSessionId: 'uq',
  extendSession: 'uq',
  reset: 'uq',
  getOptOut: 'u-',
  setOptOut: 'uq',
  setTransport: 'uq',
  getIdentity: 'u-',
  setIdentity: 'u-',
  setConsent: 'Pq',
  getConsent: 'u-',
  decorateUrl: 'a-',
  getCrossDomainParams: 'o-',
} as const;

/** The name of a public method. */
export type MethodName = keyof typeof METHODS;

/**
 * What method `name` answers when it cannot run (its arguments are unusable, or there is no browser),
 * as {@link METHODS} declares; `result` makes an event call's promise from the event it stands for.
 * @example
 * fallback('identify', [notAnIdentify], (event) => Promise.resolve({ event, code: 0, message: 'skipped' }));
 */
export const fallback = (name: string, args: unknown[], result: (event: Event) => Promise<Result>): unknown => {
  const entry: string = (METHODS as Record<string, string>)[name] ?? 'u';
  const kind = entry[0];
  if (kind === 'e') return { promise: result({ event_type: typeof args[0] === 'string' ? args[0] : entry.slice(2) }) };
  if (kind === 'v') return { promise: Promise.resolve() };
  return kind === 'P' ? Promise.resolve() : kind === 'o' ? {} : kind === 'a' ? args[0] : undefined;
};
