import { MASK } from './redact';

/**
 * Query parameter names whose values are masked in any captured URL: credentials, tokens, session ids,
 * OAuth codes and personal data. Matched case-insensitively against the whole name.
 */
export const DEFAULT_SENSITIVE_QUERY_PARAMS =
  /^(?:.*(?:token|secret|passw(?:or)?d|signature)|pwd|pass|auth|authorization|api[-_]?key|apikey|key|code|session(?:[-_]?id)?|sid|jwt|email|e-?mail|phone|ssn|otp)$/i;

/**
 * Masks the values of sensitive query parameters in `url`, keeping its shape (no re-encoding of the rest).
 * `extra` names more parameters (exact, case-insensitive).
 * @example scrubUrl('https://a.co/?token=abc&page=2') // 'https://a.co/?token=*****&page=2'
 */
export const scrubUrl = (url: string, extra: string[] = []): string => {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const hash = url.indexOf('#', q);
  const end = hash < 0 ? url.length : hash;
  const names = extra.map((n) => n.toLowerCase());
  const query = url
    .slice(q + 1, end)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      let name = pair.slice(0, eq);
      try {
        name = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // A malformed escape: compare the raw name.
      }
      return DEFAULT_SENSITIVE_QUERY_PARAMS.test(name) || names.includes(name.toLowerCase())
        ? `${pair.slice(0, eq)}=${MASK}`
        : pair;
    })
    .join('&');
  return `${url.slice(0, q + 1)}${query}${url.slice(end)}`;
};

/** Whether `s` looks like an absolute URL or a path with a query string, i.e. worth `scrubUrl`. */
export const looksLikeUrl = (s: string): boolean => /^(?:[a-z][\w+.-]*:\/\/|\/)[^\s]*\?/i.test(s);
