import { describe, expect, it, vi } from 'vitest';
import { SAFE_HEADERS } from './headers';
import { compileOptions, decide } from './rules';
import type { NetworkTrackingOptions } from './types';

const OWN = 'https://collector.test/2/httpapi';
const captured = (options: NetworkTrackingOptions, url: string, status: number, method = 'GET', own: string[] = [OWN]) =>
  decide(compileOptions(options, own), { url, method, status }) !== undefined;

describe('default rule (no captureRules)', () => {
  it.each([
    [500, true],
    [503, true],
    [599, true],
    [404, false],
    [200, false],
    [0, false],
  ])('status %i → %s', (status, expected) => {
    expect(captured({}, 'https://api.example.com/x', status)).toBe(expected);
  });
});

describe('ignored requests', () => {
  it.each([
    ['an amplitude.com host', {}, 'https://api2.amplitude.com/2/httpapi', false],
    ['amplitude.com itself', {}, 'https://amplitude.com/x', false],
    ['amplitude.com when ignoreAmplitudeRequests is false', { ignoreAmplitudeRequests: false }, 'https://api2.amplitude.com/x', true],
    ['a look-alike host', {}, 'https://notamplitude.com/x', true],
    ['an ignoreHosts wildcard', { ignoreHosts: ['*.example.com'] }, 'https://api.example.com/x', false],
    ['the bare domain with only *.', { ignoreHosts: ['*.example.com'] }, 'https://example.com/x', true],
    ['everything with "*"', { ignoreHosts: ['*'] }, 'https://anything.io/x', false],
  ])('%s', (_, options, url, expected) => {
    expect(captured(options as NetworkTrackingOptions, url, 500)).toBe(expected);
  });

  it('never captures the SDK upload URL, whatever the options say', () => {
    const all = { ignoreAmplitudeRequests: false, captureRules: [{ statusCodeRange: '0-599' }] };
    expect(captured(all, OWN, 500)).toBe(false);
    expect(captured(all, `${OWN}?x=1`, 500)).toBe(false);
    expect(captured(all, `${OWN}/deeper`, 500)).toBe(false);
    expect(captured(all, 'https://collector.test/2/httpapi2', 500)).toBe(true);
    expect(captured(all, 'https://collector.test/other', 500)).toBe(true);
    expect(captured(all, 'https://collector.test/config', 500, 'GET', [OWN, 'https://collector.test/config'])).toBe(false);
  });
});

describe('capture rules', () => {
  it('statusCodeRange selects codes; a missing one means 500-599', () => {
    const rules = { captureRules: [{ statusCodeRange: '0,400-499' }] };
    expect(captured(rules, 'https://a.io/', 0)).toBe(true);
    expect(captured(rules, 'https://a.io/', 404)).toBe(true);
    expect(captured(rules, 'https://a.io/', 500)).toBe(false);
    expect(captured({ captureRules: [{ methods: ['POST'] }] }, 'https://a.io/', 502, 'POST')).toBe(true);
    expect(captured({ captureRules: [{ methods: ['POST'] }] }, 'https://a.io/', 404, 'POST')).toBe(false);
  });

  it('an empty rule list captures nothing', () => {
    expect(captured({ captureRules: [] }, 'https://a.io/', 500)).toBe(false);
  });

  it('urls: exact strings and RegExps; no match means the rule does not apply', () => {
    const rules = { captureRules: [{ urls: [/https:\/\/example\.com\/api\/.*/, 'https://example.com/status'], statusCodeRange: '200-599' }] };
    expect(captured(rules, 'https://example.com/api/users', 200)).toBe(true);
    expect(captured(rules, 'https://example.com/status', 200)).toBe(true);
    expect(captured(rules, 'https://example.com/status?x=1', 200)).toBe(false);
    expect(captured(rules, 'https://example.com/other', 500)).toBe(false);
    expect(captured({ captureRules: [{ urls: /\/api\//g, statusCodeRange: '200' }] }, 'https://a.io/api/x', 200)).toBe(true);
    expect(captured({ captureRules: [{ urls: 'https://a.io/x', statusCodeRange: '200' }] }, 'https://a.io/x', 200)).toBe(true);
  });

  it('hosts (deprecated) match with wildcards', () => {
    const rules = { captureRules: [{ hosts: ['*.example.com'], statusCodeRange: '200-299' }] };
    expect(captured(rules, 'https://api.example.com/', 200)).toBe(true);
    expect(captured(rules, 'https://api.other.com/', 200)).toBe(false);
  });

  it('methods compare case-insensitively; "*" is any', () => {
    expect(captured({ captureRules: [{ methods: ['post'], statusCodeRange: '200' }] }, 'https://a.io/', 200, 'POST')).toBe(true);
    expect(captured({ captureRules: [{ methods: ['POST'], statusCodeRange: '200' }] }, 'https://a.io/', 200, 'GET')).toBe(false);
    expect(captured({ captureRules: [{ methods: ['*'], statusCodeRange: '200' }] }, 'https://a.io/', 200, 'PATCH')).toBe(true);
  });

  // The docs: "append rules with specific hosts to the bottom of the list" — the last rule that applies decides.
  describe('rule order: the last applicable rule decides', () => {
    const general = { statusCodeRange: '500-599' };
    const specific = { urls: [/api\.example\.com/], statusCodeRange: '400-599', responseBody: { allowlist: ['error'] } };
    it.each([
      ['specific last, specific URL, 404', [general, specific], 'https://api.example.com/x', 404, true],
      ['specific last, other URL, 404', [general, specific], 'https://other.io/x', 404, false],
      ['specific last, other URL, 503', [general, specific], 'https://other.io/x', 503, true],
      ['specific first is shadowed by the general rule', [specific, general], 'https://api.example.com/x', 404, false],
      ['a later applicable rule says no even if an earlier one says yes', [{ statusCodeRange: '400-499' }, { statusCodeRange: '500-599' }], 'https://a.io/', 404, false],
    ])('%s', (_, captureRules, url, status, expected) => {
      expect(captured({ captureRules }, url, status as number)).toBe(expected);
    });

    it('the deciding rule supplies the body and header settings', () => {
      const compiled = compileOptions({ captureRules: [{ statusCodeRange: '400-599', responseHeaders: true }, specific] }, []);
      expect(decide(compiled, { url: 'https://api.example.com/x', method: 'GET', status: 404 })).toEqual({
        responseBody: { allow: ['error'], block: [] },
        requestBody: undefined,
        requestHeaders: undefined,
        responseHeaders: undefined,
      });
      expect(decide(compiled, { url: 'https://other.io/x', method: 'GET', status: 404 })?.responseHeaders).toEqual(SAFE_HEADERS);
    });
  });
});

describe('compileOptions', () => {
  it('warns about unreadable ranges and a non-array captureRules', () => {
    const warn = vi.fn();
    compileOptions({ captureRules: [{ statusCodeRange: '5xx' }] }, [], warn);
    compileOptions({ captureRules: {} as never }, [], warn);
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      expect.stringContaining('"5xx" is not a code'),
      expect.stringContaining('captureRules must be an array'),
    ]);
  });

  it('knows whether any rule may need a response body; blocklist alone or excludelist-only captures nothing', () => {
    expect(compileOptions({}, []).wantsResponseBody).toBe(false);
    expect(compileOptions({ captureRules: [{ responseBody: { blocklist: ['a'] } }] }, []).wantsResponseBody).toBe(false);
    expect(compileOptions({ captureRules: [{ responseBody: { allowlist: ['a'] } }] }, []).wantsResponseBody).toBe(true);
    const legacy = compileOptions({ captureRules: [{ statusCodeRange: '200', requestBody: { allowlist: ['**'], excludelist: ['p'] } }] }, []);
    expect(decide(legacy, { url: 'https://a.io/', method: 'GET', status: 200 })?.requestBody).toEqual({ allow: ['**'], block: ['p'] });
  });
});
