// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isLoopback } from './http-utils';

describe('isLoopback', () => {
  it('accepts 127.0.0.0/8, ::1 and IPv4-mapped loopback only', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'].map(isLoopback)).toEqual([true, true, true, true]);
    expect(['10.0.0.1', '192.168.1.5', '::ffff:10.0.0.1', '128.0.0.1', 'fe80::1', undefined].map(isLoopback)).toEqual([
      false, false, false, false, false, false,
    ]);
  });
});
