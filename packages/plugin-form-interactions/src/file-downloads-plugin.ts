import type { Plugin } from '@footprint/core';
import { listen, onPage } from '@footprint/dom';
import { closestAcrossShadow, compilePatterns, type MaskPattern } from '@footprint/plugin-masking';
import { downloadProperties, FILE_DOWNLOADED } from './file-download';
import { eventElement } from './event-element';

/** Options of {@link fileDownloadsPlugin}. */
export interface FileDownloadsOptions {
  /**
   * More patterns to mask in Link Text with `*****` (see `compilePatterns` in `@footprint/plugin-masking`).
   * @example maskTextRegex: [/order\s*#\d+/i]
   * @default []
   */
  maskTextRegex?: MaskPattern[];
}

/**
 * Tracks `[Amplitude] File Downloaded` when a link whose URL ends in a documented file extension is
 * clicked (links added later included), with File Extension, File Name, Link ID, masked Link Text and
 * Link URL. Tracked synchronously, so a download that navigates is not lost.
 * @example client.add(fileDownloadsPlugin())
 */
export const fileDownloadsPlugin = (options: FileDownloadsOptions = {}): Plugin => ({
  name: '@footprint/plugin-file-downloads',
  type: 'enrichment',
  ...onPage((host, config, client) => {
    const log = config.loggerProvider;
    const patterns = compilePatterns(options.maskTextRegex, (p) => log.warn(__DEV__ ? `fileDownloadsPlugin: ignoring invalid maskTextRegex ${String(p)}` : `E73 bad maskTextRegex ${String(p)}`));
    return listen(host.doc, 'click', (e) => {
      const el = eventElement(e);
      const link = el && (closestAcrossShadow(el, 'a[href]') as HTMLAnchorElement | null);
      // An SVG <a> has an SVGAnimatedString href; the anchor tracks HTML links only.
      const props = link && typeof link.href === 'string' ? downloadProperties(link, patterns) : undefined;
      if (props) client.track(FILE_DOWNLOADED, props);
    }, (e) => log.error(__DEV__ ? 'fileDownloadsPlugin: a download click could not be tracked:' : 'E80 download click failed', e));
  }),
  execute: (event) => event,
});
