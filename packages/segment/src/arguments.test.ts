import { describe, expect, it } from 'vitest';
import { pageArguments, popPageContext, trackArguments, userArguments } from './arguments';

// analytics.js argument shuffling, case by case (docs/segment.md "Calls").
const cb = () => {};

describe('argument shuffling', () => {
  it('page: one string is the name, two are category and name; objects are properties then options', () => {
    expect(pageArguments(['Name'])).toMatchObject({ category: undefined, name: 'Name' });
    expect(pageArguments(['Cat', 'Name', { a: 1 }, { o: 1 }, cb])).toEqual({ category: 'Cat', name: 'Name', properties: { a: 1 }, options: { o: 1 }, callback: cb });
    expect(pageArguments([{ a: 1 }, { o: 1 }])).toMatchObject({ name: undefined, properties: { a: 1 }, options: { o: 1 } });
    expect(pageArguments(['Name', { a: 1 }, cb])).toMatchObject({ name: 'Name', properties: { a: 1 }, callback: cb });
    expect(pageArguments(['Cat', 'Name', null, { o: 1 }])).toMatchObject({ properties: undefined, options: { o: 1 } });
    expect(pageArguments([cb])).toMatchObject({ name: undefined, properties: undefined, callback: cb });
  });

  it('identify and group: an optional id, then traits, options and a callback', () => {
    expect(userArguments(['u1', { t: 1 }, { o: 1 }, cb])).toEqual({ id: 'u1', traits: { t: 1 }, options: { o: 1 }, callback: cb });
    expect(userArguments([{ t: 1 }, { o: 1 }])).toMatchObject({ id: undefined, traits: { t: 1 }, options: { o: 1 } });
    expect(userArguments([42, cb])).toMatchObject({ id: '42', traits: undefined, callback: cb });
    expect(userArguments([null, { t: 1 }])).toMatchObject({ id: undefined, traits: { t: 1 } });
  });

  it('track: event, properties, options; a callback in any later position', () => {
    expect(trackArguments(['E', cb])).toMatchObject({ event: 'E', properties: undefined, options: undefined, callback: cb });
    expect(trackArguments(['E', { p: 1 }, { o: 1 }, cb])).toEqual({ event: 'E', properties: { p: 1 }, options: { o: 1 }, callback: cb });
    expect(trackArguments([{ event: 'E', properties: { p: 1 } }, { o: 1 }])).toMatchObject({ event: 'E', properties: { p: 1 }, options: { o: 1 } });
  });

  it("takes the snippet's buffered page context off the end of a queued call", () => {
    const bpc = { __t: 'bpc', c: undefined, p: '/a', u: 'http://x/a', s: '', t: 'A', r: '' };
    const args: unknown[] = ['Name', bpc];
    expect(popPageContext(args)).toBe(bpc);
    expect(args).toEqual(['Name']);
    const plain: unknown[] = ['Name', { __t: 'bpc', extra: 1 }];
    expect(popPageContext(plain)).toBeUndefined();
    expect(plain).toHaveLength(2);
  });
});
