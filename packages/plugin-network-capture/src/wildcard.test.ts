import { describe, expect, it } from 'vitest';
import { hostMatches, wildcardRegExp } from './wildcard';

const target = (host: string) => ({ host, hostname: host.replace(/:\d+$/, '') });

describe('host wildcards', () => {
  it.each([
    // The docs' examples: ["*"] matches all; ["*.notmyapi.com", "notmyapi.com"] = the domain and its subdomains.
    [['*'], 'anything.example', true],
    [['*.notmyapi.com', 'notmyapi.com'], 'notmyapi.com', true],
    [['*.notmyapi.com', 'notmyapi.com'], 'api.notmyapi.com', true],
    [['*.notmyapi.com', 'notmyapi.com'], 'a.b.notmyapi.com', true],
    [['*.notmyapi.com'], 'notmyapi.com', false],
    [['*.notmyapi.com', 'notmyapi.com'], 'notmyapi.com.evil.io', false],
    [['*.notmyapi.com', 'notmyapi.com'], 'xnotmyapi.com', false],
    [['example.com'], 'EXAMPLE.com', true],
    [['example.com'], 'example.com:8443', true],
    [['example.com:8443'], 'example.com:8443', true],
    [['example.com:8443'], 'example.com:9000', false],
    [['a.b'], 'axb', false],
    [['api-*.x.io'], 'api-eu.x.io', true],
  ])('%j matches %s → %s', (patterns, host, expected) => {
    expect(hostMatches(target(host), patterns.map(wildcardRegExp))).toBe(expected);
  });
});
