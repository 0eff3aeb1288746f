// The browser's keepalive quota: requests with `keepalive: true` (and beacons) may have at most 64 KiB of
// bodies in flight per page, shared by everyone (docs/differences.md §C.1, docs/differences.md §C.1). Exceeding it makes fetch
// fail with "Failed to fetch", so we count what we have in flight ourselves. Pure: tested without a DOM.

/** Chromium's and the Fetch standard's limit on in-flight keepalive body bytes. */
export const KEEPALIVE_QUOTA_BYTES = 64 * 1024;
/** Largest body sent with keepalive outside page hide: a quarter of the quota (as the anchor, AT PR #1781). */
export const KEEPALIVE_MAX_BODY_BYTES = 16 * 1024;

/**
 * Tracks keepalive bytes in flight.
 * @example
 * const budget = createKeepaliveBudget();
 * if (budget.reserve(n)) fetch(url, { keepalive: true, body }).finally(() => budget.release(n));
 */
export const createKeepaliveBudget = (limit = KEEPALIVE_QUOTA_BYTES) => {
  let inFlight = 0;
  return {
    remaining: () => limit - inFlight,
    /** Claims `bytes` if they fit; false when they would exceed the quota. */
    reserve(bytes: number): boolean {
      if (bytes <= 0 || inFlight + bytes > limit) return false;
      inFlight += bytes;
      return true;
    },
    release(bytes: number) {
      inFlight = Math.max(0, inFlight - bytes);
    },
  };
};

export type KeepaliveBudget = ReturnType<typeof createKeepaliveBudget>;
