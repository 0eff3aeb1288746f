// Hostile inputs for the public API (docs/bad-input.md), shared by the happy-dom property test
// (packages/browser/src/hostile.test.ts) and the Chromium one (test/e2e/hostile.test.ts). fast-check makes
// *recipes* (plain JSON) in Node; `runHostile` builds the values and makes the calls where the SDK runs,
// so the same recipes work in a page through `page.evaluate`. `runHostile` is self-contained on purpose:
// it is sent to the page as source text.
import fc from 'fast-check';

/** A value, described so that it can cross into a page: a hostile kind by name, JSON, or a container of recipes. */
export type Recipe = { k: string; v?: unknown; of?: Recipe[]; keys?: string[] };
/** One public call: `client.method(...args)`, or a builder chain handed to identify/groupIdentify/revenue. */
export type Call = { m: string; args: Recipe[]; ops?: Array<[string, Recipe[]]> };

export const HOSTILE_KINDS = [
  'proxy', 'proxyFn', 'revoked', 'errorProxy', 'cyclic', 'deep', 'deepArray', 'symbol', 'bigint', 'getter', 'toPrimitive',
  'toJSON', 'window', 'document', 'node', 'function', 'sparse', 'huge', 'hugeString', 'nullProto', 'nan', 'infinity',
  'badDate', 'date', 'map', 'undef', 'protoKeys', 'hugeObject', 'frozen',
] as const;

export const recipe: fc.Arbitrary<Recipe> = fc.letrec<{ r: Recipe }>((tie) => ({
  r: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'recipe' },
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_KINDS).map((k) => ({ k })) },
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => ({ k: 'json', v })) },
    { weight: 2, arbitrary: fc.constantFrom('e', 'Hostile Event', 'user-12345', 'device-abcdef', 'org', '').map((v) => ({ k: 'json', v })) },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.tuple(fc.constantFrom('a', 'insert_id', 'time', 'user_id', 'event_type', 'session_id', 'event_properties', 'price', '__proto__', 'toString'), tie('r')), { maxLength: 4 })
        .map((pairs) => ({ k: 'obj', keys: pairs.map((p) => p[0]), of: pairs.map((p) => p[1]) })),
    },
    { weight: 1, arbitrary: fc.array(tie('r'), { maxLength: 3 }).map((of) => ({ k: 'arr', of })) },
  ),
})).r;

const IDENTIFY_OPS = ['set', 'setOnce', 'add', 'append', 'prepend', 'preInsert', 'postInsert', 'remove', 'unset', 'clearAll'];
const REVENUE_OPS = [
  'setProductId', 'setQuantity', 'setPrice', 'setRevenueType', 'setCurrency', 'setRevenue', 'setReceipt', 'setReceiptSig',
  'setReceiptSignature', 'setEventProperties',
];
/** Every public call that takes arguments, with how many it takes at most. */
export const CLIENT_METHODS: Record<string, number> = {
  track: 3, logEvent: 3, identify: 2, groupIdentify: 4, setGroup: 3, revenue: 2, setUserId: 1, setDeviceId: 1,
  setSessionId: 1, reset: 0, setOptOut: 1, add: 1, remove: 1, flush: 0, setTransport: 1, setIdentity: 1, extendSession: 0,
  getUserId: 0, getDeviceId: 0, getSessionId: 0, getOptOut: 0, getIdentity: 0, setConsent: 1, getConsent: 0, decorateUrl: 2,
  getCrossDomainParams: 1, init: 3, createInstance: 3,
};

const args = (n: number) => fc.array(recipe, { maxLength: n });
export const call: fc.Arbitrary<Call> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...Object.keys(CLIENT_METHODS)).chain((m) => args(CLIENT_METHODS[m]).map((a) => ({ m, args: a }))) },
  // A valid event now and then, so that 200s happen and each is checked at the collector.
  { weight: 2, arbitrary: fc.record({ m: fc.constant('track'), args: fc.tuple(fc.constant({ k: 'json', v: 'Hostile Event' }), recipe) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      m: fc.constantFrom('identify', 'groupIdentify'),
      args: args(2),
      ops: fc.array(fc.tuple(fc.constantFrom(...IDENTIFY_OPS), args(2)), { maxLength: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      m: fc.constant('revenue'),
      args: args(1),
      ops: fc.array(fc.tuple(fc.constantFrom(...REVENUE_OPS), args(1)), { maxLength: 4 }),
    }),
  },
);

/** What one batch of calls did, as `runHostile` reports it. */
export interface HostileReport {
  thrown: string[];
  /** Slowest synchronous call per method, in ms. */
  maxMs: Record<string, number>;
  /** Calls that took over 50 ms (a long task), with their recipes. */
  slow: string[];
  /** The calls whose promise had not settled after `settleMs`, with their recipes. */
  unsettled: string[];
  /** insert_ids of the results that said 200. */
  ok: string[];
  codes: Record<string, number>;
}

/**
 * Builds each call's values and makes it on `client` (and builders from `ns`), timing each call;
 * resolves once every returned promise has settled, or after `settleMs` with the rest counted unsettled.
 * Self-contained: sent to the page as source text.
 */
export async function runHostile(calls: Call[], client: any, ns: any, settleMs: number): Promise<HostileReport> {
  const trap = () => {
    throw new Error('hostile trap');
  };
  const traps = {
    get: trap, set: trap, has: trap, ownKeys: trap, getPrototypeOf: trap, setPrototypeOf: trap, getOwnPropertyDescriptor: trap,
    defineProperty: trap, deleteProperty: trap, apply: trap, construct: trap, isExtensible: trap, preventExtensions: trap,
  };
  const errorTrap = () => {
    throw new Proxy({}, traps); // the thrown value itself is hostile
  };
  const build = (r: any): unknown => {
    switch (r.k) {
      case 'json': return r.v;
      case 'obj': {
        const o: any = {};
        r.keys.forEach((key: string, i: number) => Object.defineProperty(o, key, { value: build(r.of[i]), enumerable: true, writable: true, configurable: true }));
        return o;
      }
      case 'arr': return r.of.map(build);
      case 'proxy': return new Proxy({}, traps);
      case 'proxyFn': return new Proxy(function target() {}, traps);
      case 'revoked': {
        const p = Proxy.revocable({}, {});
        p.revoke();
        return p.proxy;
      }
      case 'errorProxy': return new Proxy({}, { get: errorTrap, ownKeys: errorTrap, getPrototypeOf: errorTrap, has: errorTrap });
      case 'cyclic': {
        const o: any = { a: 1 };
        o.self = o;
        o.list = [o, { back: o }];
        return o;
      }
      case 'deep': {
        let o: any = { leaf: true };
        for (let i = 0; i < 10000; i++) o = { d: o };
        return o;
      }
      case 'deepArray': {
        let a: any = [];
        for (let i = 0; i < 10000; i++) a = [a];
        return a;
      }
      case 'symbol': return Symbol('hostile');
      case 'bigint': return BigInt(2) ** BigInt(70);
      case 'getter': return Object.defineProperty({ ok: 1 }, 'bad', { enumerable: true, get: trap });
      case 'toPrimitive': return { [Symbol.toPrimitive]: trap, toString: trap, valueOf: trap };
      case 'toJSON': return { toJSON: trap };
      case 'window': return globalThis;
      case 'document': return globalThis.document;
      case 'node': {
        const d = globalThis.document?.createElement('div');
        if (d) (d as any).self = d;
        return d;
      }
      case 'function': return function hostile() {};
      case 'sparse': return new Array(5e7);
      case 'huge': return new Array(2e5).fill(7);
      case 'hugeString': return 'x'.repeat(1 << 20);
      case 'hugeObject': {
        const o: any = {};
        for (let i = 0; i < 2e4; i++) o[`k${i}`] = i;
        return o;
      }
      case 'nullProto': return Object.assign(Object.create(null), { a: 1 });
      case 'nan': return NaN;
      case 'infinity': return -Infinity;
      case 'badDate': return new Date(NaN);
      case 'date': return new Date(0);
      case 'map': return new Map([[1, 2]]);
      case 'undef': return undefined;
      case 'protoKeys': return JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"toString":1}');
      case 'frozen': return Object.freeze({ event_type: 'Frozen Event', event_properties: Object.freeze({ a: 1 }) });
      default: return undefined;
    }
  };
  const report: HostileReport = { thrown: [], maxMs: {}, slow: [], unsettled: [], ok: [], codes: {} };
  const pending: Promise<unknown>[] = [];
  const watch = (out: any, what: string) => {
    let promise: unknown;
    try {
      promise = out?.promise ?? out;
    } catch {
      return;
    }
    if (!promise || typeof (promise as any).then !== 'function') return;
    let settled = false;
    const p = Promise.resolve(promise).then(
      (r: any) => {
        settled = true;
        if (r && typeof r === 'object' && 'code' in r) {
          report.codes[r.code] = (report.codes[r.code] ?? 0) + 1;
          if (r.code === 200) report.ok.push(r.event?.insert_id ?? `(none) ${what}`);
        }
      },
      () => (settled = true),
    );
    pending.push(Promise.race([p, new Promise((resolve) => setTimeout(resolve, settleMs))]).then(() => !settled && report.unsettled.push(what)));
  };
  for (const c of calls) {
    const a = c.args.map(build);
    const t0 = performance.now();
    try {
      let out: unknown;
      if (c.m === 'createInstance') {
        const instance = ns.createInstance();
        out = instance.init(...a);
        watch(instance.track('Instance Event'), `createInstance().track after init ${JSON.stringify(c)}`);
      } else if (c.m === 'init') {
        out = ns.createInstance().init(...a);
      } else if (c.ops) {
        const b = c.m === 'revenue' ? new ns.Revenue() : new ns.Identify();
        for (const [op, opArgs] of c.ops) b[op](...opArgs.map(build));
        if (c.m === 'groupIdentify') out = client.groupIdentify(a[0] ?? 'org', a[1] ?? 'acme', b, a[2]);
        else out = client[c.m](b, a[0]);
      } else {
        out = client[c.m](...a);
      }
      watch(out, JSON.stringify(c).slice(0, 500));
    } catch (e) {
      let text = 'unreadable';
      try {
        text = String((e as Error)?.stack ?? e).slice(0, 300);
      } catch {
        // the error itself is hostile
      }
      report.thrown.push(`${c.m}: ${text}`);
    }
    const ms = performance.now() - t0;
    report.maxMs[c.m] = Math.max(report.maxMs[c.m] ?? 0, ms);
    if (ms > 50) report.slow.push(`${ms.toFixed(0)} ms: ${JSON.stringify(c).slice(0, 300)}`);
  }
  watch(client.flush(), 'flush');
  await Promise.all(pending);
  return report;
}
