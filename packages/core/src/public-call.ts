// The API wrapper (docs/architecture.md "Debug mode"): every public method of a client goes through it.
import type { SdkLogger } from './logger';
import { fallback } from './methods';
import { errorText } from './sanitize';
import { LogLevel, type Event, type Result } from './types';

const isoNow = () => new Date().toISOString();

/**
 * The public API of a client from its methods (in the order of METHODS, methods.ts), each wrapped: it
 * never throws into the host page (a call that cannot use its arguments answers as METHODS declares, an
 * event call with a result `refused` makes), and at Debug level it logs the call, its arguments, and the
 * state `snapshot` tells before and after.
 * @example
 * const api = publicApi({ track }, () => log, () => ({ plugins: [] }), refused);
 */
export const publicApi = <M extends Record<string, (...args: any[]) => unknown>>(
  methods: M,
  log: () => SdkLogger,
  snapshot: () => object,
  refused: (event: Event, why: string) => Promise<Result>,
): M => {
  const publicCall =
    <A extends unknown[], R>(name: string, fn: (...args: A) => R) =>
    (...args: A): R => {
      const debug = log().level >= LogLevel.Debug;
      const before = debug ? snapshot() : undefined;
      const start = debug ? isoNow() : '';
      let out: R;
      try {
        out = fn(...args);
      } catch (e) {
        const why = __DEV__ ? `${name}() could not use its arguments (${errorText(e)})` : `E29 ${name}: bad arguments (${errorText(e)})`;
        log().error(why);
        out = fallback(name, args, (event) => refused(event, why)) as R;
      }
      if (log().level >= LogLevel.Debug) {
        log().debug({
          type: 'invoke public method',
          name,
          args,
          stacktrace: new Error().stack?.split('\n').slice(2, 6).map((l) => l.trim()),
          time: { start: start || isoNow(), end: isoNow() },
          states: { before: before ?? {}, after: snapshot() },
        });
      }
      return out;
    };
  const api = {} as M;
  for (const name of Object.keys(methods) as Array<keyof M>) api[name] = publicCall(name as string, methods[name]) as M[keyof M];
  return api;
};
