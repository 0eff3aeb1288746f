import { describe, expect, it, vi } from 'vitest';
import { isTrackingOn, resolveServerUrl, validateOptions } from './config';

describe('validateOptions', () => {
  it('keeps valid options and gives one warning per bad one, naming it and what it expects', () => {
    const warn = vi.fn();
    const out = validateOptions(
      { flushQueueSize: 10, serverZone: 'EU', logLevel: 9, useBatch: 'yes', unknownThing: 1, userId: undefined, loggerProvider: {} },
      warn,
    );
    expect(out).toEqual({ flushQueueSize: 10, serverZone: 'EU' });
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      'init(): option "logLevel" should be a LogLevel (0 None … 4 Debug), got 9; the default is used',
      'init(): option "useBatch" should be true or false, got "yes"; the default is used',
      'init(): unknown option "unknownThing" is ignored',
      'init(): option "loggerProvider" should be a logger with log, warn, error and debug methods, got an object; the default is used',
    ]);
  });

  it('accepts extra option names from the environment', () => {
    const warn = vi.fn();
    expect(validateOptions({ custom: 'x' }, warn, { custom: 's' })).toEqual({ custom: 'x' });
    expect(warn).not.toHaveBeenCalled();
  });

  it('reads nothing from a non-object options argument (init() is the one that warns about it)', () => {
    const warn = vi.fn();
    expect(validateOptions('nope', warn)).toEqual({});
    expect(validateOptions(null, warn)).toEqual({});
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('isTrackingOn', () => {
  it('defaults on; false turns all off; an object turns off only what it sets false', () => {
    expect(isTrackingOn({}, 'sessions')).toBe(true);
    expect(isTrackingOn({ autocapture: false }, 'sessions')).toBe(false);
    expect(isTrackingOn({ autocapture: true }, 'sessions')).toBe(true);
    expect(isTrackingOn({ autocapture: { sessions: false } }, 'sessions')).toBe(false);
    expect(isTrackingOn({ autocapture: { pageViews: false } }, 'sessions')).toBe(true);
    expect(isTrackingOn({ defaultTracking: false }, 'sessions')).toBe(false);
  });
});

describe('resolveServerUrl', () => {
  it('follows serverUrl, then zone and batch', () => {
    expect(resolveServerUrl({})).toBe('https://api2.amplitude.com/2/httpapi');
    expect(resolveServerUrl({ serverZone: 'EU', useBatch: true })).toBe('https://api.eu.amplitude.com/batch');
    expect(resolveServerUrl({ serverUrl: 'https://x.test/y', serverZone: 'EU' })).toBe('https://x.test/y');
  });
});
