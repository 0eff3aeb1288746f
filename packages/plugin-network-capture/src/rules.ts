import { headerAllowlist } from './headers';
import { inStatusRange, parseStatusRange, type StatusRanges } from './status-range';
import type { BodyCaptureRule, NetworkCaptureRule, NetworkTrackingOptions } from './types';
import { isUnder, splitUrl, urlPrefix } from './url';
import { hostMatches, wildcardRegExp } from './wildcard';

/**
 * The status range of a rule without `statusCodeRange`, and of the plugin without rules.
 * @example parseStatusRange(DEFAULT_STATUS_CODE_RANGE) // [[500, 599]]
 */
export const DEFAULT_STATUS_CODE_RANGE = '500-599';
const AMPLITUDE_HOSTS = [wildcardRegExp('amplitude.com'), wildcardRegExp('*.amplitude.com')];

/** What to capture beyond the basic properties once a rule has decided a request is tracked. */
export interface CaptureSpec {
  requestHeaders?: string[];
  responseHeaders?: string[];
  requestBody?: { allow: string[]; block: string[] };
  responseBody?: { allow: string[]; block: string[] };
}

interface CompiledRule {
  urls?: (string | RegExp)[];
  hosts?: RegExp[];
  methods?: string[];
  status: StatusRanges;
  spec: CaptureSpec;
}

/**
 * Options compiled once: wildcards become RegExps, ranges are parsed, rules are kept in order (without
 * `captureRules`, one rule capturing 500–599).
 */
export interface CompiledOptions {
  rules: CompiledRule[];
  ignoreHosts: RegExp[];
  ignoreAmplitude: boolean;
  /** URL prefixes never captured: the SDK's own endpoints (see `urlPrefix`). */
  ownUrls: string[];
  /** Whether any rule may need a response body (so the observer keeps a copy). */
  wantsResponseBody: boolean;
}

/** The request facts rules look at. */
export interface RequestFacts {
  url: string;
  method: string;
  status: number;
}

const bodySpec = (rule: BodyCaptureRule | undefined) => {
  const allow = rule?.allowlist ?? [];
  // Only an allowlist captures anything; a blocklist alone has nothing to remove from.
  return Array.isArray(allow) && allow.length
    ? { allow: allow.map(String), block: (rule?.blocklist ?? rule?.excludelist ?? []).map(String) }
    : undefined;
};

const list = <T>(value: T | T[] | undefined): T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value];

/**
 * Compiles the plugin options and the SDK's own URLs. `warn` receives a message for each option that
 * had to be ignored.
 * @example compileOptions({ captureRules: [{ statusCodeRange: '400-599' }] }, ['https://api2.amplitude.com/2/httpapi'])
 */
export const compileOptions = (options: NetworkTrackingOptions, ownUrls: string[], warn: (message: string) => void = () => {}): CompiledOptions => {
  const given = options.captureRules;
  if (given !== undefined && !Array.isArray(given)) warn(__DEV__ ? 'networkTracking: captureRules must be an array; using the default rule' : 'E81 captureRules not an array');
  const rules = (Array.isArray(given) ? given : [{}]).map((rule: NetworkCaptureRule): CompiledRule => {
    const range = rule.statusCodeRange ?? DEFAULT_STATUS_CODE_RANGE;
    return {
      urls: list(rule.urls),
      hosts: rule.hosts?.map(wildcardRegExp),
      methods: rule.methods?.map((m) => String(m).toUpperCase()),
      status: parseStatusRange(range, (piece) => warn(__DEV__ ? `networkTracking: statusCodeRange "${range}": "${piece}" is not a code or a low-high range; ignored` : `E82 statusCodeRange "${piece}" ignored`)),
      spec: {
        requestHeaders: headerAllowlist(rule.requestHeaders),
        responseHeaders: headerAllowlist(rule.responseHeaders),
        requestBody: bodySpec(rule.requestBody),
        responseBody: bodySpec(rule.responseBody),
      },
    };
  });
  return {
    rules,
    ignoreHosts: (Array.isArray(options.ignoreHosts) ? options.ignoreHosts : []).map(wildcardRegExp),
    ignoreAmplitude: options.ignoreAmplitudeRequests !== false,
    ownUrls: ownUrls.filter(Boolean).map(urlPrefix).filter(Boolean),
    wantsResponseBody: rules.some((r) => r.spec.responseBody),
  };
};

// undefined: the rule does not apply to this request; false: it applies and says "don't capture".
const ruleVerdict = (rule: CompiledRule, facts: RequestFacts, target: { host: string; hostname: string }): boolean | undefined => {
  if (rule.hosts && !hostMatches(target, rule.hosts)) return undefined;
  if (rule.urls?.length && !rule.urls.some((u) => (typeof u === 'string' ? u === facts.url : facts.url.search(u) >= 0))) return undefined;
  if (rule.methods && !rule.methods.some((m) => m === '*' || m === facts.method.toUpperCase())) return undefined;
  return inStatusRange(facts.status, rule.status);
};

/**
 * Decides whether a finished request is captured and with what. Order: the SDK's own URLs, Amplitude
 * hosts (unless `ignoreAmplitudeRequests: false`), `ignoreHosts`, then the rules from LAST to first:
 * the first rule that applies (URL, host and method match) decides by its status range. Without
 * `captureRules` the default range `500-599` decides. Returns `undefined` when not captured.
 * @example decide(compileOptions({}, []), { url: 'https://a.co/x', method: 'GET', status: 503 }) // {}
 */
export const decide = (compiled: CompiledOptions, facts: RequestFacts): CaptureSpec | undefined => {
  const target = splitUrl(facts.url);
  if (compiled.ownUrls.some((own) => isUnder(target.base, own))) return undefined;
  if (compiled.ignoreAmplitude && hostMatches(target, AMPLITUDE_HOSTS)) return undefined;
  if (hostMatches(target, compiled.ignoreHosts)) return undefined;
  for (let i = compiled.rules.length - 1; i >= 0; i--) {
    const rule = compiled.rules[i];
    const verdict = ruleVerdict(rule, facts, target);
    if (verdict !== undefined) return verdict ? rule.spec : undefined;
  }
  return undefined;
};
