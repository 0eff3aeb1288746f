/**
 * Which JSON fields of a request or response body to capture, as JSON-Pointer-like paths (`a/b`,
 * leading `/` optional, `~1` = `/`, `~0` = `~`). `*` matches any one key, `**` any number of keys.
 * @example
 * { allowlist: ['user/id', 'items/*\/sku'], blocklist: ['user/email'] }
 * @default undefined (no body is captured)
 */
export interface BodyCaptureRule {
  /** Paths to capture; the structure of the original JSON is kept. Nothing is captured without it. */
  allowlist?: string[];
  /** Paths removed from what `allowlist` captured. */
  blocklist?: string[];
  /** Older name of `blocklist`; used when `blocklist` is absent. */
  excludelist?: string[];
}

/**
 * One capture rule. When several rules apply to a request, the LAST one in the list decides (put rules
 * for specific hosts at the bottom, as the anchor's docs say).
 * @example
 * { urls: [/\/api\//], methods: ['POST'], statusCodeRange: '400-599', responseBody: { allowlist: ['error'] } }
 */
export interface NetworkCaptureRule {
  /** The URL (exact string), URLs or URL patterns this rule applies to. @default every URL */
  urls?: string | RegExp | (string | RegExp)[];
  /** @deprecated use `urls`. Host wildcards (`*.example.com`). @default every host */
  hosts?: string[];
  /** HTTP methods this rule applies to (case-insensitive; `*` = any). @default ['*'] */
  methods?: string[];
  /** Status codes to capture: comma-separated codes and ranges; 0 = failed without a status. @default '500-599' */
  statusCodeRange?: string;
  /** Captures JSON fields of the request body. @default undefined */
  requestBody?: BodyCaptureRule;
  /** Captures JSON fields of the response body. @default undefined */
  responseBody?: BodyCaptureRule;
  /** `true` = the safe header list; a list = those headers. `authorization`/`cookie`/`set-cookie` never. @default false */
  requestHeaders?: boolean | string[];
  /** `true` = the safe header list; a list = those headers. `authorization`/`cookie`/`set-cookie` never. @default false */
  responseHeaders?: boolean | string[];
}

/**
 * Options of {@link networkCapturePlugin}, the same as the anchor's `autocapture.networkTracking` object.
 * @example
 * networkCapturePlugin({ captureRules: [{ statusCodeRange: '400-599' }], ignoreHosts: ['*.example.com'] });
 */
export interface NetworkTrackingOptions {
  /** Rules deciding what is captured; without any, requests answered 500–599 are. @default undefined */
  captureRules?: NetworkCaptureRule[];
  /** Hosts never captured; `*` is a wildcard (`['*']` ignores everything). @default [] */
  ignoreHosts?: string[];
  /** Skip requests to `amplitude.com` and its subdomains. The SDK's own uploads are always skipped. @default true */
  ignoreAmplitudeRequests?: boolean;
}

/** Amplitude's name for {@link NetworkTrackingOptions}. */
export type NetworkCaptureOptions = NetworkTrackingOptions;

/**
 * What the observer records about one finished request; the plugin turns it into an event later.
 * Raw host values are kept by reference and only read after the request path has returned.
 */
export interface NetworkRequestRecord {
  type: 'fetch' | 'xhr';
  /** Absolute URL. */
  url: string;
  /** Upper-case method. */
  method: string;
  /** Epoch ms when the request started. */
  startTime: number;
  /** Milliseconds until the response headers (fetch) or `loadend` (XHR). */
  duration: number;
  /** HTTP status; 0 when the request failed without one. */
  status: number;
  /** Set when `status` is 0: a local error name and message. */
  error?: { code: string; message: string };
  /** The body as the host passed it (string, Blob, FormData, …). */
  requestBody?: unknown;
  /** Request headers: a `Headers`, a pairs array or a plain object. */
  requestHeaders?: unknown;
  /** Response headers: a `Headers` (fetch) or the raw `getAllResponseHeaders()` block (XHR). */
  responseHeaders?: unknown;
  /** Response size in bytes when known without reading the body. */
  responseBodySize?: number;
  /** fetch: a clone of the response, present only when a body rule may need it; read or cancelled later. */
  responseClone?: Response;
  /** XHR: the response text or JSON value, present when a body rule may need it or to size a text body. */
  responseValue?: unknown;
}
