// Entry of the script-tag bundle (footprint.min.js). The only module that writes globals: it turns the
// snippet's stub (`window.footprint`, or Amplitude's own snippet stub at `window.amplitude`) into the
// real API, replays the calls queued before the script arrived in order and resolves their promises.
// The stub format we accept: docs/protocol.md §A.9.
import * as api from './index';
import type { QueuedCall } from './queue';

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

/** `createInstance(name)` returns the same instance for the same name, as the snippet's stub does. */
const createInstance = (name?: string): AnyClient => {
  if (!name) return api.createInstance() as unknown as AnyClient;
  let instance = named.get(name);
  if (!instance) named.set(name, (instance = api.createInstance() as unknown as AnyClient));
  return instance;
};

const adopt = (stub: Stub | undefined): Stub => {
  const target: Stub = stub ?? {};
  const { _q, _iq } = target;
  Object.assign(target, api, { createInstance });
  target._q = _q ?? [];
  replay(target, api as unknown as AnyClient);
  for (const [name, instanceStub] of Object.entries(_iq ?? {})) {
    const instance = name === '$default_instance' ? (api as unknown as AnyClient) : createInstance(name);
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
