import { describe, expect, it } from 'vitest';
import { FORBIDDEN_HEADERS, SAFE_HEADERS, headerAllowlist, headersToRecord, pickHeaders } from './headers';

describe('headerAllowlist', () => {
  it.each([
    [true, SAFE_HEADERS],
    [false, undefined],
    [undefined, undefined],
    [[], undefined],
    [['X-Request-Id', 'Content-Type'], ['x-request-id', 'content-type']],
    [['Authorization', 'Cookie', 'set-cookie'], undefined],
  ])('%j → %j', (rule, expected) => {
    expect(headerAllowlist(rule as boolean | string[] | undefined)).toEqual(expected);
  });

  it('the safe list is exactly the documented one', () => {
    // docs/autocapture.md "Network requests": the safe headers list.
    const documented = `access-control-allow-origin access-control-allow-credentials access-control-expose-headers
      access-control-max-age access-control-allow-methods access-control-allow-headers accept-patch accept-ranges age
      allow alt-svc cache-control connection content-disposition content-encoding content-language content-length
      content-location content-md5 content-range content-type date delta-base etag expires im last-modified link
      location permanent p3p pragma proxy-authenticate public-key-pins retry-after server status
      strict-transport-security trailer transfer-encoding tk upgrade vary via warning www-authenticate x-b3-traceid
      x-frame-options`.split(/\s+/);
    expect(SAFE_HEADERS).toEqual(documented);
  });

  it('the safe list holds no credential headers', () => {
    for (const name of FORBIDDEN_HEADERS) expect(SAFE_HEADERS).not.toContain(name);
    expect(SAFE_HEADERS).toHaveLength(48);
  });
});

describe('headersToRecord', () => {
  it.each([
    ['a Headers', new Headers({ 'Content-Type': 'application/json', 'X-A': '1' })],
    ['pairs', [['Content-Type', 'application/json'], ['X-A', '1']]],
    ['an object', { 'Content-Type': 'application/json', 'X-A': '1' }],
    ['an XHR header block', 'content-type: application/json\r\nx-a: 1\r\n'],
  ])('reads %s with lower-case names', (_, headers) => {
    expect(headersToRecord(headers)).toEqual({ 'content-type': 'application/json', 'x-a': '1' });
  });

  it('joins repeated names and ignores nonsense', () => {
    expect(headersToRecord([['X-A', '1'], ['x-a', '2']])).toEqual({ 'x-a': '1, 2' });
    expect(headersToRecord(undefined)).toEqual({});
    expect(headersToRecord(42)).toEqual({});
    expect(headersToRecord('no colon line\r\n: empty name')).toEqual({});
  });
});

describe('pickHeaders', () => {
  const headers = { 'content-type': 'text/plain', authorization: 'Bearer x', cookie: 'a=b', 'set-cookie': 'c=d', 'x-secret': 's', etag: '"1"' };
  it('true keeps the safe headers only', () => {
    expect(pickHeaders(headers, headerAllowlist(true)!)).toEqual({ 'content-type': 'text/plain', etag: '"1"' });
  });
  it('a list keeps those headers, never credentials', () => {
    expect(pickHeaders(headers, ['x-secret', 'authorization', 'cookie'])).toEqual({ 'x-secret': 's' });
  });
});
