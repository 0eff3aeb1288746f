import { describe, expect, it } from 'vitest';
import { candidateDomains, discoverCookieDomain, sameDomain } from './cookie-domain';
import { fakeJar } from './fake-jar';

describe('candidate cookie domains', () => {
  it('lists registrable domains shortest first, skipping the top-level label', () => {
    expect(candidateDomains('a.b.example.com')).toEqual(['example.com', 'b.example.com', 'a.b.example.com']);
    expect(candidateDomains('Example.COM.')).toEqual(['example.com']);
  });
  it('lists two-label public suffixes too (the probe skips them because the browser refuses them)', () => {
    expect(candidateDomains('shop.example.co.uk')).toEqual(['co.uk', 'example.co.uk', 'shop.example.co.uk']);
    const jar = fakeJar('shop.example.co.uk');
    expect(discoverCookieDomain(jar, 'shop.example.co.uk')).toBe('.example.co.uk');
    expect(jar.entries()).toEqual([]);
  });
  it('offers nothing for single-label hosts and IP addresses (host-only cookies)', () => {
    expect(candidateDomains('localhost')).toEqual([]);
    expect(candidateDomains('127.0.0.1')).toEqual([]);
    expect(candidateDomains('[::1]')).toEqual([]);
  });
});

describe('top-level domain discovery with the AMP_TLDTEST probe', () => {
  it('returns the widest writable domain and leaves no probe behind', () => {
    const jar = fakeJar('app.shop.example.com');
    expect(discoverCookieDomain(jar, 'app.shop.example.com')).toBe('.example.com');
    expect(jar.entries()).toEqual([]);
    expect(jar.writes).toBe(2); // one probe written, one deleted
  });
  it('walks up past domains the browser refuses', () => {
    const jar = fakeJar('app.example.com', { publicSuffixes: ['com', 'example.com'] });
    expect(discoverCookieDomain(jar, 'app.example.com')).toBe('.app.example.com');
    expect(jar.entries()).toEqual([]);
  });
  it('falls back to host-only when nothing is writable', () => {
    expect(discoverCookieDomain(fakeJar('example.com', { disabled: true }), 'example.com')).toBe('');
    expect(discoverCookieDomain(fakeJar('localhost'), 'localhost')).toBe('');
    const throwing = { get cookie(): string { throw new Error('SecurityError'); }, set cookie(_v: string) { throw new Error('SecurityError'); } };
    expect(discoverCookieDomain(throwing, 'example.com')).toBe('');
  });
});

describe('sameDomain', () => {
  it('ignores a leading dot and case; host-only only equals host-only; missing equals nothing', () => {
    expect(sameDomain('.Example.com', 'example.com')).toBe(true);
    expect(sameDomain('', '')).toBe(true);
    expect(sameDomain('', '.example.com')).toBe(false);
    expect(sameDomain(undefined, undefined)).toBe(false);
    expect(sameDomain('.a.example.com', '.example.com')).toBe(false);
  });
});
