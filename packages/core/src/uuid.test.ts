import { afterEach, describe, expect, it, vi } from 'vitest';
import { uuid } from './uuid';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => vi.restoreAllMocks());

describe('uuid', () => {
  it('gives RFC 4122 version 4 UUIDs, all different, across refills of the random pool', () => {
    const ids = Array.from({ length: 1000 }, uuid);
    for (const id of ids) expect(id).toMatch(V4);
    expect(new Set(ids).size).toBe(1000);
  });

  it('draws random bytes in bulk: one getRandomValues call per 256 UUIDs, each byte used once', () => {
    const real = globalThis.crypto.getRandomValues.bind(globalThis.crypto);
    const fills: Uint8Array[] = [];
    const spy = vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(a: T): T => {
      real(a as unknown as Uint8Array);
      fills.push(Uint8Array.from(a as unknown as Uint8Array));
      return a;
    });
    const ids: string[] = [];
    for (let i = 0; i < 300 && !fills.length; i++) ids.splice(0, 1, uuid()); // until the pool is refilled
    expect(fills).toHaveLength(1);
    for (let i = 1; i < 256; i++) ids.push(uuid());
    expect(spy).toHaveBeenCalledTimes(1);
    expect(fills[0]).toHaveLength(4096);
    // The 256 UUIDs are the 4096 bytes in order, but for the version and variant bits set in place.
    const hexOf = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    const strip = (h: string) => h.replace(/(.{12}).(...).(.{15})/g, '$1_$2_$3');
    expect(strip(ids.join('').replace(/-/g, ''))).toBe(strip(hexOf(fills[0])));
    uuid();
    expect(spy).toHaveBeenCalledTimes(2);
  });
});
