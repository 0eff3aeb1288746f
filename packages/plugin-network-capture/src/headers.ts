/**
 * Headers captured when a rule says `requestHeaders: true` / `responseHeaders: true`: the documented
 * list of headers that carry no credentials or personal data.
 * @example networkCapturePlugin({ captureRules: [{ responseHeaders: SAFE_HEADERS.filter((h) => h !== 'server') }] })
 */
export const SAFE_HEADERS: readonly string[] = (
  '~allow-origin ~allow-credentials ~expose-headers ~max-age ~allow-methods ~allow-headers accept-patch ' +
  'accept-ranges age allow alt-svc cache-control connection content-disposition content-encoding ' +
  'content-language content-length content-location content-md5 content-range content-type date ' +
  'delta-base etag expires im last-modified link location permanent p3p pragma proxy-authenticate ' +
  'public-key-pins retry-after server status strict-transport-security trailer transfer-encoding tk ' +
  'upgrade vary via warning www-authenticate x-b3-traceid x-frame-options'
)
  .split(' ')
  .map((name) => name.replace('~', 'access-control-'));

/**
 * Headers never captured, even when a rule lists them.
 * @example FORBIDDEN_HEADERS // ['authorization', 'cookie', 'set-cookie']
 */
export const FORBIDDEN_HEADERS: readonly string[] = ['authorization', 'cookie', 'set-cookie'];

/**
 * Resolves a rule's `requestHeaders`/`responseHeaders` to the lower-case names to capture, or
 * `undefined` when none are.
 * @example headerAllowlist(['X-Request-Id']) // ['x-request-id']
 */
export const headerAllowlist = (rule: boolean | string[] | undefined): string[] | undefined => {
  const names = rule === true ? SAFE_HEADERS : Array.isArray(rule) ? rule.map((n) => String(n).toLowerCase()) : [];
  const allowed = names.filter((n) => !FORBIDDEN_HEADERS.includes(n));
  return allowed.length ? allowed : undefined;
};

/**
 * Reads headers in any shape the host used — a `Headers`, `[name, value]` pairs, a plain object, or
 * XHR's raw `name: value` lines — into a record with lower-case names (repeated names joined by `, `).
 * @example headersToRecord('Content-Type: text/plain\r\n') // { 'content-type': 'text/plain' }
 */
export const headersToRecord = (headers: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  const add = (name: unknown, value: unknown) => {
    const key = String(name).trim().toLowerCase();
    if (!key) return;
    out[key] = key in out ? `${out[key]}, ${String(value)}` : String(value);
  };
  if (typeof headers === 'string') {
    for (const line of headers.split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon > 0) add(line.slice(0, colon), line.slice(colon + 1).trim());
    }
  } else if (Array.isArray(headers)) {
    for (const pair of headers) if (Array.isArray(pair)) add(pair[0], pair[1]);
  } else if (headers && typeof (headers as Headers).forEach === 'function' && typeof (headers as Headers).get === 'function') {
    (headers as Headers).forEach((value, name) => add(name, value));
  } else if (headers && typeof headers === 'object') {
    for (const [name, value] of Object.entries(headers)) add(name, value);
  }
  return out;
};

/**
 * Keeps only the allowed headers (never the forbidden ones).
 * @example pickHeaders({ 'content-type': 'a', cookie: 'b' }, ['content-type', 'cookie']) // { 'content-type': 'a' }
 */
export const pickHeaders = (headers: Record<string, string>, allow: string[]): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    if (allow.includes(name) && !FORBIDDEN_HEADERS.includes(name)) out[name] = headers[name];
  }
  return out;
};
