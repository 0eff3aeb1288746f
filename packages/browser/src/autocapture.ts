// Wires the autocapture plugins from `init` options, as the anchor's browser client does (docs/protocol.md §A.8).
// Default-on features are imported statically; default-off ones load with `import()` only when enabled,
// so an app's bundler splits them out and a page that never turns them on never downloads them.
import type { Config, Plugin } from '@footprint/core';
import { attributionPlugin } from '@footprint/plugin-attribution';
import { fileDownloadsPlugin, formInteractionsPlugin } from '@footprint/plugin-form-interactions';
import { maskingPlugin, type MaskingOptions } from '@footprint/plugin-masking';
import { pageUrlEnrichmentPlugin, pageViewsPlugin } from '@footprint/plugin-page-views';

type Feature =
  | 'attribution'
  | 'pageViews'
  | 'formInteractions'
  | 'fileDownloads'
  | 'pageUrlEnrichment'
  | 'elementInteractions'
  | 'frustrationInteractions'
  | 'networkTracking'
  | 'webVitals';

/** The config the autocapture wiring reads: core's, plus `masking` (its options, or `false` to turn it off). */
export interface AutocaptureConfig extends Config {
  masking?: MaskingOptions | false;
}

/** Features on when `autocapture` is not set; `autocapture: true` turns on every feature. */
export const DEFAULT_AUTOCAPTURE: Readonly<Record<Feature, boolean>> = {
  attribution: true,
  pageViews: true,
  formInteractions: true,
  fileDownloads: true,
  pageUrlEnrichment: true,
  elementInteractions: false,
  frustrationInteractions: false,
  networkTracking: false,
  webVitals: false,
};

/**
 * A feature's setting from `autocapture` (or the older `defaultTracking`): `false` when off, else its
 * options object (`{}` when it is simply on).
 */
export const featureSetting = (config: Pick<Config, 'autocapture' | 'defaultTracking'>, feature: Feature): false | Record<string, unknown> => {
  const ac = config.autocapture ?? config.defaultTracking;
  const value = typeof ac === 'boolean' ? ac : ac && feature in ac ? (ac as Record<string, unknown>)[feature] : DEFAULT_AUTOCAPTURE[feature];
  if (!value) return false;
  return typeof value === 'object' ? (value as Record<string, unknown>) : {};
};

/** A plugin whose code arrives by `import()`: setup waits for it; until then events pass through unchanged. */
export const lazyPlugin = (name: string, load: () => Promise<Plugin>): Plugin => {
  let inner: Plugin | undefined;
  return {
    name,
    type: 'enrichment',
    async setup(config, client) {
      inner = await load();
      await inner.setup?.(config, client);
    },
    execute: (event) => (inner?.execute ? inner.execute(event) : event),
    teardown: () => inner?.teardown?.(),
  };
};

/** The plugins `init` installs for the given config; masking comes last so it sees every other plugin's output. */
export const autocapturePlugins = (config: AutocaptureConfig): Plugin[] => {
  const on = (feature: Feature) => featureSetting(config, feature);
  const plugins: Plugin[] = [];
  const add = (feature: Feature, make: (options: any) => Plugin | Promise<Plugin>, lazy = false) => {
    const options = on(feature);
    if (options === false) return;
    plugins.push(lazy ? lazyPlugin(`footprint-${feature}`, async () => make(options)) : (make(options) as Plugin));
  };
  add('attribution', attributionPlugin);
  add('pageViews', pageViewsPlugin);
  add('formInteractions', formInteractionsPlugin);
  add('fileDownloads', fileDownloadsPlugin);
  add('pageUrlEnrichment', pageUrlEnrichmentPlugin);
  add('elementInteractions', async (o) => (await import('@footprint/plugin-element-interactions')).elementInteractionsPlugin(o), true);
  add('frustrationInteractions', async (o) => (await import('@footprint/plugin-element-interactions')).frustrationPlugin(o), true);
  // `networkTrackingOptions` (the anchor's older form) applies when `networkTracking` is simply on.
  const network = (o: Record<string, unknown>) => (Object.keys(o).length ? o : config.networkTrackingOptions ?? o);
  add('networkTracking', async (o) => (await import('@footprint/plugin-network-capture')).networkCapturePlugin(network(o)), true);
  add('webVitals', async () => (await import('@footprint/plugin-web-vitals')).webVitalsPlugin(), true);
  if (config.masking !== false) plugins.push(maskingPlugin(config.masking ?? {}));
  return plugins;
};
