// Entry of the script-tag bundle (footprint.min.js). The only module that writes globals: it turns the
// snippet's stub (`window.footprint`, or Amplitude's own snippet stub at `window.amplitude`) into the
// real API, replays the calls queued before the script arrived in order and resolves their promises, and
// rebuilds the Identify and Revenue objects the snippet recorded (stub-replay.ts).
// The stub format we accept: docs/protocol.md §A.9.
import * as api from './index';
import type { QueuedCall } from './queue';
import { withStubReplay } from './stub-replay';

/** The snippet's stub: queued calls, named instances, and recorder classes for Identify/Revenue. */
interface Stub {
  _q?: QueuedCall[];
  _iq?: Record<string, Stub>;
  [key: string]: unknown;
}

type AnyClient = Record<string, unknown>;

const isStub = (value: unknown): value is Stub => !!value && Array.isArray((value as Stub)._q);

const replay = (stub: Stub, client: AnyClient) => {
  const queue = stub._q ?? [];
  stub._q = [];
  api.runQueuedFunctions(client, queue);
};

const w = window as unknown as Record<string, unknown>;
const named = new Map<string, AnyClient>();
/** The default instance's API; its identify, groupIdentify and revenue rebuild the snippet's recorded Identify and Revenue. */
const main = withStubReplay(api as unknown as AnyClient);

/** `createInstance(name)` returns the same instance for the same name, as the snippet's stub does. */
const createInstance = (name?: string): AnyClient => {
  if (!name) return withStubReplay(api.createInstance());
  let instance = named.get(name);
  if (!instance) named.set(name, (instance = withStubReplay(api.createInstance())));
  return instance;
};

const adopt = (stub: Stub | undefined): Stub => {
  const target: Stub = stub ?? {};
  const { _q, _iq } = target;
  Object.assign(target, main, { createInstance });
  target._q = _q ?? [];
  replay(target, main);
  for (const [name, instanceStub] of Object.entries(_iq ?? {})) {
    const instance = name === '$default_instance' ? main : createInstance(name);
    const queued = instanceStub._q;
    Object.assign(instanceStub, instance);
    instanceStub._q = queued;
    replay(instanceStub, instance);
  }
  return target;
};

const existing = w.footprint;
w.footprint = adopt(isStub(existing) ? existing : undefined);
// Pages written for Amplitude's SDK run unchanged: take over its snippet stub, or provide the global.
if (isStub(w.amplitude)) adopt(w.amplitude);
else if (w.amplitude === undefined) w.amplitude = w.footprint;
