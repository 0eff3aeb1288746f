// Retry timing (docs/differences.md §C.3): exponential with jitter, capped, and `Retry-After` honoured.

/**
 * Delay before retry number `attempt` (1-based): `base·2^(attempt-1)` capped at `max`, then jittered
 * into its upper half so retries from many clients spread out but never come back sooner than half.
 * @example
 * backoffDelay(3, { baseMs: 1000, maxMs: 30_000 }); // between 2000 and 4000
 */
export const backoffDelay = (attempt: number, limits: { baseMs: number; maxMs: number }, random: () => number = Math.random): number => {
  const exp = Math.min(limits.maxMs, limits.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random());
};

/**
 * Reads a `Retry-After` header (seconds or an HTTP date) as milliseconds from `now`, clamped to `[0, maxMs]`.
 * @example
 * parseRetryAfter('2', Date.now(), 60_000); // 2000
 */
export const parseRetryAfter = (value: string | undefined, now: number, maxMs: number): number | undefined => {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(maxMs, Math.max(0, Math.round(ms)));
};
