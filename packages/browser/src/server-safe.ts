// Server-side rendering (docs/differences.md §C.10): frameworks import the browser package in Node. There, every
// public call is a no-op that never throws and resolves its promise at once, and `init` logs one
// warning (through its `loggerProvider` when given): a server must neither queue events in memory nor
// upload them.

import { errorText, fallback } from '@footprint/core';

const SKIPPED = 'Event skipped: Footprint is not running in a browser';

/** Whether this is a page (a window with a document); read at call time, never at import time. */
export const inBrowser = () => typeof window !== 'undefined' && typeof document !== 'undefined';

/** What a call answers when it does nothing: as core's METHODS declares for it, events with this code and message. */
const noop = (name: string, args: unknown[], message = SKIPPED, code = 0): unknown => fallback(name, args, (event) => Promise.resolve({ event, code, message }));

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
              warn(__DEV__ ? '[Footprint] not running in a browser (server-side rendering?): calls do nothing here' : '[Footprint] E62 not in a browser: calls do nothing');
            }
            return noop(name, args);
          };
  }
  return out as C;
};
