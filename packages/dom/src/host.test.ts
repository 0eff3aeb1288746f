import { describe, expect, it } from 'vitest';
import { getHost, isObject } from './host';

describe('getHost', () => {
  it("is the page's window and document in a browser", () => {
    expect(getHost()).toEqual({ win: window, doc: document });
  });
});

describe('isObject', () => {
  it('accepts records and refuses null, arrays and primitives', () => {
    expect(isObject({})).toBe(true);
    expect(isObject(Object.create(null))).toBe(true);
    for (const v of [null, undefined, [], 'x', 1, true]) expect(isObject(v)).toBe(false);
  });
});
