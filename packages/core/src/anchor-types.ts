// Members of the anchor's `Types` that have no home in another package (docs/differences.md lists what
// they do here); the browser's `Types` re-exports them. The constants repeat the plugins' values so the
// lite entry imports no plugin for them; packages/browser/src/index.test.ts checks they stay equal.
import type { Logger } from './types';

/** Elements always tracked by element interactions (the anchor's value). */
export const DEFAULT_CSS_SELECTOR_ALLOWLIST = ['a', 'button', 'input', 'select', 'textarea', 'label', 'video', 'audio', '[contenteditable="true" i]', '[data-amp-default-track]', '.amp-default-track'];
/** Elements tracked only when a click changes the page (the anchor's value). */
export const DEFAULT_ACTION_CLICK_ALLOWLIST = ['div', 'span', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
/** The prefix of attributes copied into element interaction events (the anchor's value). */
export const DEFAULT_DATA_ATTRIBUTE_PREFIX = 'data-amp-track-';


/** The anchor's visual-tagging messenger; Footprint has no visual tagging, so nothing calls it. */
export interface Messenger {
  logger?: Logger;
  setup: () => void;
}

/** The `utm_*` parameters of a campaign. */
export interface UTMParameters {
  utm_campaign: string | undefined;
  utm_content: string | undefined;
  utm_id: string | undefined;
  utm_medium: string | undefined;
  utm_source: string | undefined;
  utm_term: string | undefined;
}
/** The referrer of a campaign. */
export interface ReferrerParameters {
  referrer: string | undefined;
  referring_domain: string | undefined;
}
/** The ad click ids of a campaign. */
export interface ClickIdParameters {
  dclid: string | undefined;
  fbclid: string | undefined;
  gbraid: string | undefined;
  gclid: string | undefined;
  ko_click_id: string | undefined;
  li_fat_id: string | undefined;
  msclkid: string | undefined;
  rdt_cid: string | undefined;
  ttclid: string | undefined;
  twclid: string | undefined;
  wbraid: string | undefined;
}
/** A campaign as attribution reads it from the page URL and referrer. */
export interface Campaign extends Record<string, string | undefined>, UTMParameters, ReferrerParameters, ClickIdParameters {}

/**
 * When attribution ignores a referrer on the site's own domain (`excludeInternalReferrers`).
 * @example
 * init('API_KEY', { autocapture: { attribution: { excludeInternalReferrers: { condition: EXCLUDE_INTERNAL_REFERRERS_CONDITIONS.ifEmptyCampaign } } } });
 */
export const EXCLUDE_INTERNAL_REFERRERS_CONDITIONS = { always: 'always', ifEmptyCampaign: 'ifEmptyCampaign' } as const;
/** The `excludeInternalReferrers` object form. */
export interface ExcludeInternalReferrersOptions {
  condition?: (typeof EXCLUDE_INTERNAL_REFERRERS_CONDITIONS)[keyof typeof EXCLUDE_INTERNAL_REFERRERS_CONDITIONS];
}
