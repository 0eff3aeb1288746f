import { describe, expect, it } from 'vitest';
import { filterJson, parseJsonPath, pathMatches } from './json-filter';

// The example body of the docs' "Network body capture" section (docs/autocapture.md "Network requests").
const body = { a: 'A', b: { c: 'C', d: { e: 'E', f: 'F' } }, g: 'G' };

describe('filterJson: the documented allowlist table', () => {
  it.each([
    ['a', { a: 'A' }],
    // The docs print `{ "a": { "b": { "c": "C" } } }` for this row, which that body cannot produce
    // ("a" is a string); nothing in it lies at a/b/<key>, so nothing is captured.
    ['a/b/*', {}],
    ['b/c', { b: { c: 'C' } }],
    ['b/**', { b: { c: 'C', d: { e: 'E', f: 'F' } } }],
    ['b/d/*', { b: { d: { e: 'E', f: 'F' } } }],
    ['*', { a: 'A', g: 'G' }],
  ])('allowlist [%s] captures %j', (path, expected) => {
    expect(filterJson(body, [path])).toEqual(expected);
  });
});

describe('filterJson', () => {
  it('removes blocklisted paths from what the allowlist captured', () => {
    expect(filterJson(body, ['**'], ['b/d/e', 'g'])).toEqual({ a: 'A', b: { c: 'C', d: { f: 'F' } } });
    expect(filterJson(body, ['b/**'], ['b/*'])).toEqual({ b: { d: { e: 'E', f: 'F' } } });
    expect(filterJson(body, ['b/**'], ['**'])).toEqual({});
  });

  it('captures nothing without an allowlist, and nothing from a non-object', () => {
    expect(filterJson(body, [], ['a'])).toBeUndefined();
    expect(filterJson('text', ['**'])).toBeUndefined();
    expect(filterJson(null, ['**'])).toBeUndefined();
  });

  it('treats a leading slash as optional and unescapes ~1 and ~0', () => {
    expect(filterJson(body, ['/b/c'])).toEqual({ b: { c: 'C' } });
    expect(filterJson({ 'x/y': 1, 'p~q': 2, z: 3 }, ['x~1y', 'p~0q'])).toEqual({ 'x/y': 1, 'p~q': 2 });
  });

  it('walks arrays by index, keeping positions and dropping emptied containers', () => {
    const json = { items: [{ id: 1, secret: 's' }, { id: 2 }], meta: { empty: {} } };
    expect(filterJson(json, ['items/*/id'])).toEqual({ items: [{ id: 1 }, { id: 2 }] });
    expect(filterJson(json, ['items/1/id'])).toEqual({ items: [null, { id: 2 }] });
    expect(filterJson(json, ['meta/**'])).toEqual({});
    expect(filterJson([{ a: 1 }, { b: 2 }], ['*/b'])).toEqual([null, { b: 2 }]);
  });

  it('keeps null, false and 0 leaves and never changes its input', () => {
    const json = { n: null, f: false, z: 0, o: { k: 'v' } };
    const copy = structuredClone(json);
    expect(filterJson(json, ['n', 'f', 'z'])).toEqual({ n: null, f: false, z: 0 });
    expect(json).toEqual(copy);
  });

  it('stops at a depth limit instead of overflowing the stack', () => {
    let deep: any = { leaf: 1 };
    for (let i = 0; i < 5000; i++) deep = { x: deep };
    expect(filterJson(deep, ['**'])).toEqual({});
  });
});

describe('pathMatches', () => {
  it.each([
    [['a'], 'a', true],
    [['a', 'b'], 'a', false],
    [['a', 'b'], 'a/*', true],
    [['a', 'b', 'c'], 'a/*', false],
    [['a', 'b', 'c'], 'a/**', true],
    [['a'], 'a/**', true],
    [['x', 'a', 'y', 'b'], '**/b', true],
    [['x', 'a', 'y', 'b'], '**/a/*/b', true],
    [['x', 'a', 'b'], '**/a/*/b', false],
    [[], '*', false],
  ])('%j vs %s → %s', (path, pattern, expected) => {
    expect(pathMatches(path, parseJsonPath(pattern))).toBe(expected);
  });
});
