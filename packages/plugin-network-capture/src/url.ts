/** The parts of a request URL the event and the rules need. */
export interface UrlParts {
  /** The URL without credentials, query or fragment. */
  base: string;
  /** The query without `?`. */
  query: string;
  /** The fragment without `#`. */
  fragment: string;
  /** Host with port. */
  host: string;
  /** Host without port. */
  hostname: string;
}

/**
 * Splits an absolute URL; user name and password are dropped. A URL that does not parse is split as
 * text (its host is then empty).
 * @example splitUrl('https://u:p@a.co:8080/x?y=1#z') // { base: 'https://a.co:8080/x', query: 'y=1', fragment: 'z', host: 'a.co:8080', hostname: 'a.co' }
 */
export const splitUrl = (href: string): UrlParts => {
  // As text: the base ends at the first `?` or `#`, the query at the first `#`.
  const [, base, query = '', fragment = ''] = /^([^?#]*)(?:\?([^#]*))?(?:#([^]*))?/.exec(href)!;
  try {
    const u = new URL(href);
    return {
      base: /^(?:https?|wss?|ftp):$/.test(u.protocol) ? `${u.protocol}//${u.host}${u.pathname}` : base,
      query: u.search.slice(1),
      fragment: u.hash.slice(1),
      host: u.host,
      hostname: u.hostname,
    };
  } catch {
    return { base, query, fragment, host: '', hostname: '' };
  }
};

/**
 * The form of a URL prefix {@link isUnder} compares with: its base without trailing slashes.
 * @example urlPrefix('http://h/2/httpapi/?x') // 'http://h/2/httpapi'
 */
export const urlPrefix = (url: string): string => splitUrl(url).base.replace(/\/+$/, '');

/**
 * Whether a URL base (see {@link splitUrl}) is a prefix itself or lies under it (same origin, path
 * equal or below). Used to skip the SDK's own uploads and remote-config calls.
 * @example isUnder(splitUrl('http://h/2/httpapi?x=1').base, urlPrefix('http://h/2/httpapi')) // true
 */
export const isUnder = (base: string, prefix: string): boolean => !!prefix && (base === prefix || base.startsWith(`${prefix}/`));
