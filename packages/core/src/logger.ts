import { LogLevel, type Logger } from './types';

/** Wraps a logger so that only messages at or above `level` reach it, each prefixed `[Footprint]`. */
export const createLogger = (level: LogLevel, provider: Logger = console) => {
  const at =
    (min: LogLevel, write: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      if (level >= min) write.call(provider, '[Footprint]', ...args);
    };
  return {
    error: at(LogLevel.Error, provider.error),
    warn: at(LogLevel.Warn, provider.warn),
    log: at(LogLevel.Verbose, provider.log),
    debug: at(LogLevel.Debug, provider.debug),
  };
};

export type SdkLogger = ReturnType<typeof createLogger>;
