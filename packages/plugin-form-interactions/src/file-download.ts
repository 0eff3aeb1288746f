// Which links are file downloads, and what a download event says about the link.
// Behaviour: docs/autocapture.md "File downloads".
import { elementText } from '@footprint/plugin-masking';

/** The event type, as the anchor sends it. */
export const FILE_DOWNLOADED = '[Amplitude] File Downloaded';

/**
 * The documented download extensions, matched at the end of the link's absolute URL (a query string may
 * follow). Case-sensitive and applied to the whole `href`, fragment included, exactly as the anchor does.
 * @example DOWNLOAD_EXTENSIONS.exec('https://x.test/a/report.pdf?v=2')?.[1] // 'pdf'
 */
export const DOWNLOAD_EXTENSIONS = /\.(pdf|xlsx?|docx?|txt|rtf|csv|exe|key|pp(?:s|t|tx)|7z|pkg|rar|gz|zip|avi|mov|mp4|mpe?g|wmv|midi?|mp3|wav|wma)(?:\?.+)?$/;

/**
 * The `[Amplitude] File Downloaded` properties for a click on `link`, or `undefined` when it does not
 * point at a file. Link Text goes through the masking rules (`data-amp-mask`, pattern redaction).
 * @example downloadProperties(a) // { '[Amplitude] File Extension': 'pdf', '[Amplitude] File Name': '/files/report.pdf', ... }
 */
export const downloadProperties = (link: HTMLAnchorElement, patterns?: RegExp[]): Record<string, string> | undefined => {
  const href = link.href;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  const ext = DOWNLOAD_EXTENSIONS.exec(url.href)?.[1];
  if (!ext) return undefined;
  return {
    '[Amplitude] File Extension': ext,
    '[Amplitude] File Name': url.pathname,
    '[Amplitude] Link ID': link.getAttribute('id') ?? '',
    '[Amplitude] Link Text': elementText(link, patterns),
    '[Amplitude] Link URL': href,
  };
};
