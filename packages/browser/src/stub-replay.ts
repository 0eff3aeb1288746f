// The script-tag snippet's recorders (docs/protocol.md §A.9): an Identify or Revenue built before the SDK
// arrived is a stub that recorded its calls (`{ _q: [{ name, args }] }`). Only the script tag meets them,
// so only its entry (script-tag.ts) rebuilds them; npm bundles do not carry this code.
import { Identify, Revenue } from '@footprint/core';

type AnyClient = Record<string, any>;

/** `value` itself, or, when it is a snippet stub, a real object made by `make` with the stub's calls replayed onto it. */
export const fromStub = <T>(value: unknown, make: () => T): unknown => {
  let q: unknown;
  try {
    q = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { _q?: unknown })._q : undefined;
  } catch {
    return value; // unreadable (a Proxy whose traps throw): the client's own call reports it and never throws
  }
  if (!Array.isArray(q)) return value;
  const real = make() as AnyClient;
  for (const { name, args } of q.splice(0)) if (typeof real[name] === 'function') real[name](...(args ?? []));
  return real;
};

/**
 * A client whose `identify`, `groupIdentify` and `revenue` accept the snippet's recorded Identify and
 * Revenue stubs; every other method is the client's own.
 * @example
 * const client = withStubReplay(createInstance());
 * client.identify(window.footprint._q[0].args[0]); // a stub Identify: replayed onto a real one
 */
export const withStubReplay = <C extends AnyClient>(client: C): C => {
  const identify = () => new Identify();
  return {
    ...client,
    identify: (id: unknown, options?: unknown) => client.identify(fromStub(id, identify), options),
    groupIdentify: (type: unknown, name: unknown, id: unknown, options?: unknown) => client.groupIdentify(type, name, fromStub(id, identify), options),
    revenue: (rev: unknown, options?: unknown) => client.revenue(fromStub(rev, () => new Revenue()), options),
  };
};
