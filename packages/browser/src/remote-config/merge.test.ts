import { describe, expect, it, vi } from 'vitest';
import { applyRemoteConfig, mergeAutocapture, translateRemoteConfig } from './merge';

const ALL_OFF = {
  attribution: false,
  fileDownloads: false,
  formInteractions: false,
  pageViews: false,
  sessions: false,
  elementInteractions: false,
  webVitals: false,
  frustrationInteractions: false,
};

describe('translating remote enabled flags', () => {
  it('turns { enabled } objects into the local shapes, recursively, without mutating the input', () => {
    const input = { autocapture: { pageViews: { enabled: true }, webVitals: { enabled: false, x: 1 }, elementInteractions: { enabled: true, cssSelectorAllowlist: ['a'] }, sessions: true } };
    const copy = structuredClone(input);
    expect(translateRemoteConfig(input)).toEqual({ autocapture: { pageViews: true, webVitals: false, elementInteractions: { cssSelectorAllowlist: ['a'] }, sessions: true } });
    expect(input).toEqual(copy);
  });
});

describe('per-feature autocapture merge (docs/autocapture.md "Remote configuration")', () => {
  it('remote enables specific features when local disables all', () => {
    expect(mergeAutocapture(false, { pageViews: true, elementInteractions: true })).toEqual({ ...ALL_OFF, pageViews: true, elementInteractions: true });
  });
  it('remote overrides specific local settings, the rest stay local', () => {
    const local = { pageViews: true, sessions: true, elementInteractions: true, formInteractions: true };
    expect(mergeAutocapture(local, { elementInteractions: false, frustrationInteractions: true })).toEqual({
      pageViews: true,
      sessions: true,
      elementInteractions: false,
      formInteractions: true,
      frustrationInteractions: true,
    });
  });
  it('with no local autocapture, the remote object is used and the rest keep their defaults', () => {
    expect(mergeAutocapture(undefined, { pageViews: true, sessions: true })).toEqual({ pageViews: true, sessions: true });
  });
  it('a remote boolean replaces everything; a missing or odd remote value changes nothing', () => {
    expect(mergeAutocapture({ pageViews: true }, false)).toBe(false);
    expect(mergeAutocapture({ pageViews: true }, undefined)).toEqual({ pageViews: true });
    expect(mergeAutocapture(true, 'yes')).toBe(true);
  });
  it('turns pageUrlAllowlistRegex and network urlsRegex into RegExp entries, warning on invalid ones', () => {
    const warn = vi.fn();
    const merged = mergeAutocapture(undefined, {
      elementInteractions: { pageUrlAllowlist: ['https://a.com/'], pageUrlAllowlistRegex: ['^https://b\\.com/', '('] },
      networkTracking: { captureRules: [{ urls: ['x'], urlsRegex: ['api/.*'], statusCodeRange: '500-599' }] },
    }, warn) as any;
    expect(merged.elementInteractions.pageUrlAllowlist).toEqual(['https://a.com/', /^https:\/\/b\.com\//]);
    expect(merged.elementInteractions.pageUrlAllowlistRegex).toBeUndefined();
    expect(merged.networkTracking.captureRules[0]).toEqual({ urls: ['x', /api\/.*/], statusCodeRange: '500-599' });
    expect(warn).toHaveBeenCalledTimes(1);
  });
});

describe('applyRemoteConfig', () => {
  it('merges translated autocapture into init options and leaves everything else', () => {
    const out = applyRemoteConfig({ autocapture: false, flushQueueSize: 5 }, { autocapture: { pageViews: { enabled: true } }, somethingElse: 1 });
    expect(out).toEqual({ flushQueueSize: 5, autocapture: { ...ALL_OFF, pageViews: true } });
  });
  it('keeps deprecated defaultTracking in step, and ignores configs without autocapture', () => {
    expect(applyRemoteConfig({ defaultTracking: true }, { autocapture: { sessions: false } })).toMatchObject({ autocapture: { sessions: false, pageViews: true }, defaultTracking: { sessions: false } });
    const options = { autocapture: true };
    expect(applyRemoteConfig(options, undefined)).toBe(options);
    expect(applyRemoteConfig(options, { customEnrichment: {} })).toBe(options);
  });
});
