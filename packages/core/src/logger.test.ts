import { describe, expect, it, vi } from 'vitest';
import { createLogger, toLogLevel } from './logger';
import { LogLevel } from './types';

describe('createLogger', () => {
  it('passes only messages at or above the level, prefixed', () => {
    const p = { log: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() };
    const log = createLogger(LogLevel.Warn, p);
    log.error('e');
    log.warn('w');
    log.log('l');
    log.debug('d');
    expect(p.error).toHaveBeenCalledWith('Footprint Logger [Error]:', 'e');
    expect(p.warn).toHaveBeenCalledWith('Footprint Logger [Warn]:', 'w');
    expect(p.log).not.toHaveBeenCalled();
    expect(p.debug).not.toHaveBeenCalled();
  });

  it('calls enable(level) on loggers that filter themselves', () => {
    const p = { log() {}, warn() {}, error() {}, debug() {}, enable: vi.fn() };
    createLogger(LogLevel.Debug, p);
    expect(p.enable).toHaveBeenCalledWith(LogLevel.Debug);
  });

  it('maps 0–4 and rejects anything else', () => {
    expect([0, 1, 2, 3, 4].map(toLogLevel)).toEqual([0, 1, 2, 3, 4]);
    expect([5, -1, 1.5, '2', undefined].map(toLogLevel)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
