import { describe, expect, it } from 'vitest';
import { DEFAULT_AUTOCAPTURE, autocapturePlugins, featureSetting, lazyPlugin, type AutocaptureConfig } from './autocapture';

const config = (extra: Partial<AutocaptureConfig> = {}) => ({ apiKey: 'api-key-12345', ...extra }) as AutocaptureConfig;
const names = (c: AutocaptureConfig) => autocapturePlugins(c).map((p) => p.name);

describe('featureSetting', () => {
  it('uses the anchor defaults when autocapture is not set', () => {
    for (const [feature, on] of Object.entries(DEFAULT_AUTOCAPTURE)) {
      expect(featureSetting(config(), feature as keyof typeof DEFAULT_AUTOCAPTURE), feature).toEqual(on ? {} : false);
    }
  });

  it('turns every feature on with true and off with false', () => {
    expect(featureSetting(config({ autocapture: true }), 'webVitals')).toEqual({});
    expect(featureSetting(config({ autocapture: false }), 'pageViews')).toBe(false);
  });

  it('passes a feature object through as its options and keeps unnamed features at their default', () => {
    const ac = { pageViews: { trackHistoryChanges: 'pathOnly' }, attribution: false };
    expect(featureSetting(config({ autocapture: ac }), 'pageViews')).toEqual({ trackHistoryChanges: 'pathOnly' });
    expect(featureSetting(config({ autocapture: ac }), 'attribution')).toBe(false);
    expect(featureSetting(config({ autocapture: ac }), 'fileDownloads')).toEqual({});
    expect(featureSetting(config({ autocapture: ac }), 'elementInteractions')).toBe(false);
  });

  it('reads the older defaultTracking option when autocapture is absent', () => {
    expect(featureSetting(config({ defaultTracking: { pageViews: false } }), 'pageViews')).toBe(false);
  });
});

describe('autocapturePlugins', () => {
  it('installs the default set with masking last', () => {
    const list = names(config());
    expect(list.at(-1)).toMatch(/mask/);
    expect(list).toHaveLength(6);
  });

  it('installs nothing but masking with autocapture: false, and nothing at all with masking: false too', () => {
    expect(names(config({ autocapture: false }))).toHaveLength(1);
    expect(names(config({ autocapture: false, masking: false }))).toEqual([]);
  });

  it('adds the optional features as lazily loaded plugins when turned on', () => {
    const list = names(config({ autocapture: true }));
    expect(list).toEqual(expect.arrayContaining(['footprint-elementInteractions', 'footprint-frustrationInteractions', 'footprint-networkTracking', 'footprint-webVitals']));
  });
});

describe('lazyPlugin', () => {
  it('passes events through until loaded, then delegates setup, execute and teardown', async () => {
    const calls: string[] = [];
    const plugin = lazyPlugin('x', async () => ({
      setup: () => void calls.push('setup'),
      execute: (e) => ({ ...e, event_properties: { seen: true } }),
      teardown: () => void calls.push('teardown'),
    }));
    expect(await plugin.execute!({ event_type: 'a' })).toEqual({ event_type: 'a' });
    await plugin.setup!(config(), {});
    expect(await plugin.execute!({ event_type: 'a' })).toEqual({ event_type: 'a', event_properties: { seen: true } });
    await plugin.teardown!();
    expect(calls).toEqual(['setup', 'teardown']);
  });
});
