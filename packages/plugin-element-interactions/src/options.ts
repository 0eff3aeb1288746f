import type { MaskPattern } from '@footprint/plugin-masking';

/** What a tracked interaction was. */
export type ActionType = 'click' | 'change';

/**
 * Elements whose clicks and changes are always tracked (docs/autocapture.md "Element interactions").
 * Spread it into your own list to keep the defaults.
 */
export const DEFAULT_CSS_SELECTOR_ALLOWLIST = [
  'a',
  'button',
  'input',
  'select',
  'textarea',
  'label',
  'video',
  'audio',
  '[contenteditable="true" i]',
  '[data-amp-default-track]',
  '.amp-default-track',
];

/** Elements whose clicks are tracked only when the DOM changes or the page navigates shortly after. */
export const DEFAULT_ACTION_CLICK_ALLOWLIST = ['div', 'span', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

/** How long after an action click a DOM change or navigation still counts (ms). */
export const ACTION_CLICK_WINDOW_MS = 500;

/** A URL rule: exact string (or a `*` glob), or a RegExp. */
export type UrlRule = string | RegExp;

/** The options both plugins take. */
export interface CommonOptions {
  /** Track only on pages whose URL matches one of these. @default every page */
  pageUrlAllowlist?: UrlRule[];
  /** Never track on pages whose URL matches one of these; wins over the allowlist. */
  pageUrlExcludelist?: (UrlRule | { pattern: string })[];
  /** Attributes with this prefix become `[Amplitude] Element Attributes` (prefix removed). @default 'data-amp-track-' */
  dataAttributePrefix?: string | RegExp;
  /** Decides instead of the allowlists whether the element found for an interaction is tracked. */
  shouldTrackEventResolver?: (actionType: ActionType, element: Element) => boolean;
  /** More text patterns to mask with `*****` (at most 25). */
  maskTextRegex?: MaskPattern[];
}

/** Options of `elementInteractionsPlugin`; the anchor's `autocapture.elementInteractions` object. */
export interface ElementInteractionsOptions extends CommonOptions {
  /** Elements always tracked. @default DEFAULT_CSS_SELECTOR_ALLOWLIST */
  cssSelectorAllowlist?: string[];
  /** Elements tracked only when the click changes the DOM or navigates within 500 ms. @default DEFAULT_ACTION_CLICK_ALLOWLIST */
  actionClickAllowlist?: string[];
}

const globToRegExp = (glob: string) => new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

const matchesRule = (url: string, rule: UrlRule | { pattern: string }) => {
  if (rule instanceof RegExp) return rule.test(url);
  if (typeof rule === 'string') return rule === url || (rule.includes('*') && globToRegExp(rule).test(url));
  try {
    return new RegExp(rule.pattern).test(url);
  } catch {
    return false;
  }
};

/**
 * Whether interactions on `url` are tracked: not excluded, and allowed (or no allowlist).
 * @example isUrlAllowed('https://a.co/blog/x', [/\/blog\//]) // true
 */
export const isUrlAllowed = (url: string, allow?: UrlRule[], exclude?: (UrlRule | { pattern: string })[]): boolean =>
  !exclude?.some((r) => matchesRule(url, r)) && (!allow || allow.some((r) => matchesRule(url, r)));
