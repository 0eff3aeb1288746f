// Which URL changes are a new page view, from the URL alone.

/** Which URL changes count as a new page: any change (`'all'`) or a change of origin + path (`'pathOnly'`). */
export type HistoryChanges = 'all' | 'pathOnly';

/**
 * What identifies a page for de-duplication: the whole URL (an empty trailing `#` ignored) or, for
 * `'pathOnly'`, its origin and path. Two navigations with the same key are one page view.
 * @example
 * pageKey('https://a.com/x?q=1#top', 'pathOnly'); // 'https://a.com/x'
 */
export const pageKey = (href: string, mode: HistoryChanges): string => {
  if (mode === 'pathOnly') {
    try {
      const url = new URL(href);
      return url.origin + url.pathname;
    } catch {
      return href.split(/[?#]/)[0];
    }
  }
  return href.endsWith('#') ? href.slice(0, -1) : href;
};
