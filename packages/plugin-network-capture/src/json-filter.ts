/** A tokenized allowlist/blocklist path: keys, `*` (one key) or `**` (any number of keys). */
export type JsonPath = string[];

// Deeper values are dropped: a hostile body must not exhaust the stack.
const MAX_DEPTH = 64;

/**
 * Splits a JSON-Pointer-like path into keys: leading `/` optional, `~1` → `/`, `~0` → `~`.
 * @example parseJsonPath('/a/b~1c') // ['a', 'b/c']
 */
export const parseJsonPath = (path: string): JsonPath =>
  (path.startsWith('/') ? path.slice(1) : path).split('/').map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));

/**
 * Whether the key path of a value matches a pattern (`*` = any one key, `**` = zero or more keys).
 * @example pathMatches(['b', 'd', 'e'], ['b', '**']) // true
 */
export const pathMatches = (path: string[], pattern: JsonPath, i = 0, j = 0): boolean => {
  if (j === pattern.length) return i === path.length;
  if (pattern[j] === '**') {
    for (let k = i; k <= path.length; k++) if (pathMatches(path, pattern, k, j + 1)) return true;
    return false;
  }
  return i < path.length && (pattern[j] === '*' || pattern[j] === path[i]) && pathMatches(path, pattern, i + 1, j + 1);
};

const isContainer = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * Keeps the leaves of a parsed JSON object or array whose key path matches an `allow` pattern and no
 * `block` pattern, in the original structure; containers left empty are dropped. Array elements keep
 * their index (dropped ones become `null`). Returns a new value; the input is never changed.
 * `undefined` when `allow` is empty or `json` is not an object or array.
 * @example filterJson({ a: 'A', b: { c: 'C' } }, ['b/*']) // { b: { c: 'C' } }
 */
export const filterJson = (json: unknown, allow: string[], block: string[] = []): unknown => {
  if (!allow.length || !isContainer(json)) return undefined;
  const allowPaths = allow.map(parseJsonPath);
  const blockPaths = block.map(parseJsonPath);
  const keep = (path: string[]) => allowPaths.some((p) => pathMatches(path, p)) && !blockPaths.some((p) => pathMatches(path, p));
  const walk = (value: Record<string, unknown>, path: string[]): Record<string, unknown> | unknown[] | undefined => {
    const array = Array.isArray(value);
    const out: Record<string, unknown> = {};
    let kept = 0;
    for (const key of Object.keys(value)) {
      const child = value[key];
      const childPath = [...path, key];
      const result = isContainer(child) ? (path.length < MAX_DEPTH ? walk(child, childPath) : undefined) : keep(childPath) ? child : undefined;
      if (result !== undefined) {
        out[key] = result;
        kept++;
      }
    }
    if (!kept) return undefined;
    return array ? Array.from({ length: (value as unknown[]).length }, (_, i) => (i in out ? out[i] : null)) : out;
  };
  return walk(json, []) ?? (Array.isArray(json) ? [] : {});
};
