import type { Plugin } from '@footprint/core';
import { describe, expectTypeOf, it, expect } from 'vitest';
import * as api from './index';
import { networkCapturePlugin, type NetworkCaptureRule, type NetworkTrackingOptions } from './index';

describe('public surface', () => {
  it('exports exactly the documented names', () => {
    expect(Object.keys(api).sort()).toEqual([
      'DEFAULT_STATUS_CODE_RANGE',
      'FORBIDDEN_HEADERS',
      'MAX_CAPTURED_BODY_BYTES',
      'NETWORK_REQUEST_EVENT',
      'SAFE_HEADERS',
      'filterJson',
      'inStatusRange',
      'networkCapturePlugin',
      'parseStatusRange',
      'wildcardRegExp',
    ]);
  });

  it('types: the factory takes the anchor\'s NetworkTrackingOptions and returns a Plugin', () => {
    expectTypeOf(networkCapturePlugin).parameter(0).toEqualTypeOf<NetworkTrackingOptions | undefined>();
    expectTypeOf(networkCapturePlugin).returns.toEqualTypeOf<Plugin>();
    // The docs' advanced-configuration example type-checks as is.
    expectTypeOf({
      captureRules: [{ statusCodeRange: '400-599' }],
      ignoreHosts: ['*.example.com'],
      ignoreAmplitudeRequests: true,
    }).toMatchTypeOf<NetworkTrackingOptions>();
    expectTypeOf({ urls: [/https:\/\/example.com\/api\/*/, 'https://example.com/api/status'] }).toMatchTypeOf<NetworkCaptureRule>();
    expectTypeOf({ requestHeaders: 'yes' }).not.toMatchTypeOf<NetworkCaptureRule>();
  });
});
