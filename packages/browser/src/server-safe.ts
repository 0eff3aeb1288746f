// Server-side rendering (docs/differences.md §C.10): frameworks import the browser package in Node. There, every
// public call is a no-op that never throws and resolves its promise at once, and `init` logs one
// warning (through its `loggerProvider` when given): a server must neither queue events in memory nor
// upload them.

import { errorText } from '@footprint/core';

const ASYNC = new Set(['init', 'track', 'logEvent', 'identify', 'groupIdentify', 'setGroup', 'revenue', 'flush', 'add', 'remove']);
const SKIPPED = 'Event skipped: Footprint is not running in a browser';

/** Whether this is a page (a window with a document); read at call time, never at import time. */
export const inBrowser = () => typeof window !== 'undefined' && typeof document !== 'undefined';

const noop = (name: string, args: unknown[], message = SKIPPED, code = 0): unknown => {
  if (name === 'init' || name === 'flush' || name === 'add' || name === 'remove') return { promise: Promise.resolve() };
  if (ASYNC.has(name)) {
    const first = args[0];
    const event_type = typeof first === 'string' ? first : name === 'identify' || name === 'setGroup' ? '$identify' : name === 'groupIdentify' ? '$groupidentify' : name === 'revenue' ? 'revenue_amount' : '';
    return { promise: Promise.resolve({ event: { event_type }, code, message }) };
  }
  if (name === 'setConsent') return Promise.resolve();
  if (name === 'decorateUrl') return args[0];
  if (name === 'getCrossDomainParams') return {};
  return undefined;
};

type Warn = (message: string) => void;

/** The `loggerProvider` passed to `init`, if any: the warning goes where the app's SDK logs go. */
const initLogger = (args: unknown[]): Warn | undefined => {
  try {
    const options = args.find((a) => typeof a === 'object' && a !== null && 'loggerProvider' in a) as { loggerProvider?: { warn?: Warn } } | undefined;
    const logger = options?.loggerProvider;
    return typeof logger?.warn === 'function' ? (m) => logger.warn!(m) : undefined;
  } catch {
    return undefined; // options that cannot be read: the warning goes to the console
  }
};

/** Wraps a client's methods so that outside a browser they do nothing (see above). */
export const serverSafe = <C extends object>(client: C, fallback: Warn = (m) => console.warn(m)): C => {
  let warned = false;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(client)) {
    out[name] =
      typeof value !== 'function'
        ? value
        : (...args: unknown[]) => {
            // The public API never throws into the page (docs/bad-input.md): core's calls already catch;
            // this also covers the browser layer's own (setConsent, decorateUrl, …) whatever their arguments.
            if (inBrowser()) {
              try {
                return value(...args);
              } catch (e) {
                const why = `${name}() could not use its arguments (${errorText(e)})`;
                try {
                  fallback(`[Footprint] ${why}`);
                } catch {
                  // a logger that throws does not reach the page either
                }
                return noop(name, args, `Event refused: ${why}; nothing was sent`, 400);
              }
            }
            if (name === 'init' && !warned) {
              warned = true;
              const warn = initLogger(args) ?? fallback;
              warn('[Footprint] not running in a browser (server-side rendering?): calls do nothing here');
            }
            return noop(name, args);
          };
  }
  return out as C;
};
