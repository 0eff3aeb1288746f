/**
 * Cross-domain identity (packages/browser/IDENTITY.md "Cross-domain";
 * docs/protocol.md §A.7): a link to another site carries `ampDeviceId`, `ampSessionId` and `ampTimestamp`, and
 * the SDK on the other side starts with those ids while `ampTimestamp` is in the future.
 */

/** Ids found in a page's URL. */
export interface CrossDomainIds {
  deviceId?: string;
  sessionId?: number;
}

/** Where the ids of an outbound link come from: a client (`getDeviceId`, `getSessionId`). */
export interface CrossDomainIdSource {
  getDeviceId(): string | undefined;
  getSessionId(): number | undefined;
}

/** Options of {@link getCrossDomainParams} and {@link decorateUrl}. */
export interface CrossDomainOptions {
  /** How long the link's ids stay valid, in ms (sent as `ampTimestamp` = now + ttl). @default 300000 (5 minutes) */
  ttl?: number;
}

/** The URL parameters that carry identity to another domain. */
export interface CrossDomainParams {
  ampDeviceId?: string;
  ampSessionId?: string;
  ampTimestamp: string;
}

const DEFAULT_TTL = 5 * 60 * 1000;

/**
 * Reads `ampDeviceId` (or the older `deviceId`; `ampDeviceId` wins) and `ampSessionId` from a query
 * string. They count only while `ampTimestamp` is absent or in the future; an expired or unreadable
 * `ampTimestamp` discards both. The caller applies the precedence: `init` options first, then these,
 * then stored ids.
 * @example
 * readCrossDomainParams('?ampDeviceId=d-1&ampSessionId=1716245958483&ampTimestamp=1999999999999');
 * // { deviceId: 'd-1', sessionId: 1716245958483 }
 */
export const readCrossDomainParams = (search: string, now = Date.now()): CrossDomainIds => {
  let q: URLSearchParams;
  try {
    q = new URLSearchParams(search);
  } catch {
    return {};
  }
  const timestamp = q.get('ampTimestamp');
  if (timestamp !== null && timestamp !== '' && !(Number(timestamp) > now)) return {};
  const out: CrossDomainIds = {};
  const deviceId = q.get('ampDeviceId') || q.get('deviceId');
  if (deviceId) out.deviceId = deviceId;
  const sessionId = Number(q.get('ampSessionId') || NaN);
  if (Number.isSafeInteger(sessionId) && sessionId > 0) out.sessionId = sessionId;
  return out;
};

/**
 * The parameters to add to a link so the site it opens continues this device and session, valid for
 * `ttl` ms.
 * @example
 * getCrossDomainParams(client); // { ampDeviceId: '…', ampSessionId: '1716245958483', ampTimestamp: '1716246258483' }
 */
export const getCrossDomainParams = (client: CrossDomainIdSource, options: CrossDomainOptions = {}, now = Date.now()): CrossDomainParams => {
  const deviceId = client.getDeviceId();
  const sessionId = client.getSessionId();
  const ttl = typeof options.ttl === 'number' && options.ttl > 0 ? options.ttl : DEFAULT_TTL;
  return {
    ...(deviceId && { ampDeviceId: deviceId }),
    ...(sessionId !== undefined && { ampSessionId: String(sessionId) }),
    ampTimestamp: String(now + ttl),
  };
};

/**
 * Returns `url` with this client's {@link getCrossDomainParams} added (replacing any already there);
 * other parameters and the fragment are kept. A relative `url` resolves against `base`. Returns `url`
 * unchanged when it cannot be parsed or the client has no ids yet (before `init`).
 * @example
 * link.href = decorateUrl('https://shop.example.org/cart', client, { ttl: 60_000 });
 */
export const decorateUrl = (url: string, client: CrossDomainIdSource, options: CrossDomainOptions & { base?: string } = {}, now = Date.now()): string => {
  const params = getCrossDomainParams(client, options, now);
  if (!params.ampDeviceId) return url;
  try {
    const u = new URL(url, options.base);
    for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
    return u.toString();
  } catch {
    return url;
  }
};
