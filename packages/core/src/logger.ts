import { LogLevel, type Logger } from './types';

const PREFIX = 'Footprint Logger';
/** Where each coded message of the production build is explained in full (docs/errors.md). */
const DOCS = 'https://github.com/footprint-analytics/footprint/blob/main/docs/errors.md#';

/** Maps a `logLevel` option (enum or 0–4) to a level; anything else gives `undefined`. */
export const toLogLevel = (level: unknown): LogLevel | undefined =>
  typeof level === 'number' && Number.isInteger(level) && level >= LogLevel.None && level <= LogLevel.Debug ? level : undefined;

/**
 * Wraps a logger so that only messages at or above `level` reach it, each prefixed `Footprint Logger [Level]:`.
 * In the production build a coded message is followed by its link in docs/errors.md. Never throws, even when
 * the provider does.
 * @example
 * const log = createLogger(LogLevel.Debug, console);
 * log.debug('state', { userId });
 */
export const createLogger = (level: LogLevel = LogLevel.Warn, provider: Logger = console) => {
  try {
    provider.enable?.(level);
  } catch {
    // a provider that cannot be configured still gets the filtered messages
  }
  const at =
    (min: LogLevel, name: 'error' | 'warn' | 'log' | 'debug', tag: string) =>
    (...args: unknown[]) => {
      if (level < min) return;
      try {
        // A production message starts with its code (`E12 init: …`): the line ends with where it is explained.
        const code = !__DEV__ && typeof args[0] === 'string' && /^E\d+ /.exec(args[0]);
        if (code) args[0] += ` (${DOCS}${code[0].trim().toLowerCase()})`;
        provider[name](`${PREFIX} [${tag}]:`, ...args);
      } catch {
        // logging must never break the host page
      }
    };
  return {
    level,
    provider,
    error: at(LogLevel.Error, 'error', 'Error'),
    warn: at(LogLevel.Warn, 'warn', 'Warn'),
    log: at(LogLevel.Verbose, 'log', 'Log'),
    debug: at(LogLevel.Debug, 'debug', 'Debug'),
  };
};

/** The SDK's internal logger. */
export type SdkLogger = ReturnType<typeof createLogger>;
