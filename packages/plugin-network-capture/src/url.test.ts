import { describe, expect, it } from 'vitest';
import { isUnder, splitUrl, urlPrefix } from './url';

describe('splitUrl', () => {
  it('drops credentials and splits query and fragment', () => {
    expect(splitUrl('https://user:pw@api.example.com:8443/v1/items?q=1&token=abc#frag')).toEqual({
      base: 'https://api.example.com:8443/v1/items',
      query: 'q=1&token=abc',
      fragment: 'frag',
      host: 'api.example.com:8443',
      hostname: 'api.example.com',
    });
  });

  it('splits what does not parse as text', () => {
    expect(splitUrl('not a url?x=1#y')).toEqual({ base: 'not a url', query: 'x=1', fragment: 'y', host: '', hostname: '' });
    expect(splitUrl('not a url#y?x=1')).toEqual({ base: 'not a url', query: '', fragment: 'y?x=1', host: '', hostname: '' });
    expect(splitUrl('a b?c')).toEqual({ base: 'a b', query: 'c', fragment: '', host: '', hostname: '' });
  });

  it('keeps non-hierarchical URLs whole up to the query', () => {
    expect(splitUrl('data:text/plain,hi').base).toBe('data:text/plain,hi');
  });
});

describe('isUnder', () => {
  it.each([
    ['http://h:1/2/httpapi', 'http://h:1/2/httpapi', true],
    ['http://h:1/2/httpapi?x#y', 'http://h:1/2/httpapi', true],
    ['http://h:1/2/httpapi/batch', 'http://h:1/2/httpapi', true],
    ['http://h:1/2/httpapix', 'http://h:1/2/httpapi', false],
    ['http://h:2/2/httpapi', 'http://h:1/2/httpapi', false],
    ['https://h:1/2/httpapi', 'http://h:1/2/httpapi', false],
    ['http://h:1/anything', 'http://h:1/', true],
    ['http://h:1/x', '', false],
  ])('%s under %s → %s', (href, prefix, expected) => {
    expect(isUnder(splitUrl(href).base, prefix && urlPrefix(prefix))).toBe(expected);
  });
});
