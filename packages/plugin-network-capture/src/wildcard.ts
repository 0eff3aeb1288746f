/**
 * Compiles a host wildcard (`*.example.com`, `*`) into an anchored, case-insensitive RegExp.
 * Only `*` is special; it matches any run of characters, dots included.
 * @example wildcardRegExp('*.example.com').test('api.example.com') // true
 */
export const wildcardRegExp = (pattern: string): RegExp =>
  new RegExp(`^${String(pattern).replace(/[.+?^${}()|[\]\\/-]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');

/**
 * Whether a request's host matches any pattern. Patterns are tried against the host with and
 * without its port, so `localhost` and `localhost:8080` both match a request to `localhost:8080`.
 * @example hostMatches({ host: 'a.b.com:80', hostname: 'a.b.com' }, [wildcardRegExp('*.b.com')]) // true
 */
export const hostMatches = (target: { host: string; hostname: string }, patterns: RegExp[]): boolean =>
  patterns.some((re) => re.test(target.hostname) || re.test(target.host));
