import { describe, expect, it } from 'vitest';
import { Identify, isValidValue } from './identify';

describe('Identify', () => {
  it('builds every operation', () => {
    const id = new Identify()
      .set('a', 'x')
      .setOnce('b', 1)
      .add('c', 2)
      .append('d', [1, 2])
      .prepend('e', 'y')
      .preInsert('f', 'z')
      .postInsert('g', { k: 'v' })
      .remove('h', 3)
      .unset('i');
    expect(id.getUserProperties()).toEqual({
      $set: { a: 'x' },
      $setOnce: { b: 1 },
      $add: { c: 2 },
      $append: { d: [1, 2] },
      $prepend: { e: 'y' },
      $preInsert: { f: 'z' },
      $postInsert: { g: { k: 'v' } },
      $remove: { h: 3 },
      $unset: { i: '-' },
    });
  });

  it('allows one operation per property: the first wins', () => {
    const id = new Identify().set('p', 1).setOnce('p', 2).add('p', 3).unset('p');
    expect(id.getUserProperties()).toEqual({ $set: { p: 1 } });
  });

  it('clearAll replaces everything and nothing after it is recorded', () => {
    const id = new Identify().set('a', 1).clearAll().set('b', 2).unset('c');
    expect(id.getUserProperties()).toEqual({ $clearAll: '-' });
  });

  it('add takes finite numbers only', () => {
    const id = new Identify().add('a', '1' as any).add('b', NaN).add('c', -2.5);
    expect(id.getUserProperties()).toEqual({ $add: { c: -2.5 } });
  });

  it('rejects null, undefined, functions, nested arrays and non-string property names', () => {
    const id = new Identify()
      .set('n', null)
      .set('u', undefined)
      .set('f', () => 1)
      .set('nested', [[1]])
      .set('bools', [true])
      .set(42 as any, 'x')
      .set('ok', [1, 'a', { k: 2 }]);
    expect(id.getUserProperties()).toEqual({ $set: { ok: [1, 'a', { k: 2 }] } });
  });

  it('returns a copy, so editing the result does not change the Identify', () => {
    const id = new Identify().set('a', 1);
    id.getUserProperties().$set = 'changed';
    expect(id.getUserProperties()).toEqual({ $set: { a: 1 } });
  });

  it('caps objects at 1000 keys', () => {
    const big = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`k${i}`, i]));
    expect(isValidValue(big)).toBe(false);
    expect(isValidValue({ a: { b: [1, { c: true }] } })).toBe(true);
  });
});
