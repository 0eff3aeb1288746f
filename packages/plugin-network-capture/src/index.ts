export { networkCapturePlugin, MAX_CAPTURED_BODY_BYTES } from './network-capture-plugin';
export { NETWORK_REQUEST_EVENT } from './event';
export { DEFAULT_STATUS_CODE_RANGE } from './rules';
export { FORBIDDEN_HEADERS, SAFE_HEADERS } from './headers';
export { filterJson } from './json-filter';
export { inStatusRange, parseStatusRange, type StatusRanges } from './status-range';
export { wildcardRegExp } from './wildcard';
export type { BodyCaptureRule, NetworkCaptureOptions, NetworkCaptureRule, NetworkTrackingOptions } from './types';
