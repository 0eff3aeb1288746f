import { describe, expect, it } from 'vitest';
import { MASK } from './redact';
import { looksLikeUrl, scrubUrl } from './url';

describe('scrubUrl', () => {
  it.each([
    ['https://a.co/p?token=abc&page=2', `https://a.co/p?token=${MASK}&page=2`],
    ['https://a.co/?access_token=x&id_token=y', `https://a.co/?access_token=${MASK}&id_token=${MASK}`],
    ['https://a.co/?Password=x&q=shoes', `https://a.co/?Password=${MASK}&q=shoes`],
    ['https://a.co/?api_key=1&apikey=2&api-key=3', `https://a.co/?api_key=${MASK}&apikey=${MASK}&api-key=${MASK}`],
    ['https://a.co/cb?code=xyz&state=1&page=2', `https://a.co/cb?code=${MASK}&state=${MASK}&page=2`],
    ['https://a.co/?email=a%40b.co#frag?token=1', `https://a.co/?email=${MASK}#frag?token=${MASK}`],
    // The fragment: OAuth's implicit flow, and hash routers with a query of their own.
    [
      'https://app.example/cb?access_token=q#access_token=SECRET&token_type=bearer&id_token=eyJ&state=xyz&expires_in=3600',
      `https://app.example/cb?access_token=${MASK}#access_token=${MASK}&token_type=bearer&id_token=${MASK}&state=${MASK}&expires_in=3600`,
    ],
    ['https://a.co/#/callback?code=abc&tab=2', `https://a.co/#/callback?code=${MASK}&tab=2`],
    ['https://a.co/#section-2', 'https://a.co/#section-2'],
    ['https://a.co/#view=grid', 'https://a.co/#view=grid'],
    ['https://a.co/?sessionid=1&session_id=2&sid=3', `https://a.co/?sessionid=${MASK}&session_id=${MASK}&sid=${MASK}`],
    ['https://a.co/?utm_source=x&flag', 'https://a.co/?utm_source=x&flag'],
    ['https://a.co/no-query', 'https://a.co/no-query'],
    ['/relative?secret=1', `/relative?secret=${MASK}`],
  ])('%s → %s', (input, expected) => expect(scrubUrl(input)).toBe(expected));

  it('masks user-named parameters too', () => {
    expect(scrubUrl('https://a.co/?account=42&x=1', ['Account'])).toBe(`https://a.co/?account=${MASK}&x=1`);
  });
});

describe('looksLikeUrl', () => {
  it.each([
    ['https://a.co/?a=1', true],
    ['/path?a=1', true],
    ['https://a.co/', false],
    ['https://a.co/cb#access_token=x', true],
    ['what? no', false],
  ])('%s → %s', (s, v) => expect(looksLikeUrl(s)).toBe(v));
});
