import { MASK } from './redact';

/**
 * Query parameter names whose values are masked in any captured URL, in its query string and in its
 * fragment: credentials, tokens, session ids, OAuth codes and state, and personal data. Matched
 * case-insensitively against the whole name.
 */
export const DEFAULT_SENSITIVE_QUERY_PARAMS =
  /^(?:.*(?:token|secret|passw(?:or)?d|signature)|pwd|pass|auth|authorization|api[-_]?key|apikey|key|code|state|session(?:[-_]?id)?|sid|jwt|email|e-?mail|phone|ssn|otp)$/i;

/**
 * Masks the values of sensitive parameters in `url`, keeping its shape (no re-encoding of the rest).
 * Every `name=value` after a `?`, `#` or `&` counts, so the fragment is read like the query: OAuth's
 * implicit flow returns `#access_token=…&state=…`, and hash routers carry `#/callback?code=…`.
 * `extra` names more parameters (exact, case-insensitive).
 * @example scrubUrl('https://a.co/?token=abc&page=2#id_token=x') // 'https://a.co/?token=*****&page=2#id_token=*****'
 */
export const scrubUrl = (url: string, extra: string[] = []): string => {
  const names = extra.map((n) => n.toLowerCase());
  return url.replace(/([?#&])([^=&#?]*)=[^&#]*/g, (pair, sep: string, raw: string) => {
    let name = raw;
    try {
      name = decodeURIComponent(raw.replace(/\+/g, ' '));
    } catch {
      // A malformed escape: compare the raw name.
    }
    return DEFAULT_SENSITIVE_QUERY_PARAMS.test(name) || names.includes(name.toLowerCase()) ? `${sep}${raw}=${MASK}` : pair;
  });
};

/** Whether `s` looks like an absolute URL or a path with a query string or a fragment, i.e. worth `scrubUrl`. */
export const looksLikeUrl = (s: string): boolean => /^(?:[a-z][\w+.-]*:\/\/|\/)[^\s]*[?#]/i.test(s);
