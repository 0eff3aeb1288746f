export { autocapturePlugin, elementInteractionsPlugin, ELEMENT_CHANGED, ELEMENT_CLICKED } from './element-interactions-plugin';
export {
  DEAD_CLICK,
  DEFAULT_DEAD_CLICK_ALLOWLIST,
  DEFAULT_DEAD_CLICK_WINDOW_MS,
  DEFAULT_ERROR_CLICK_ALLOWLIST,
  DEFAULT_RAGE_CLICK_ALLOWLIST,
  ERROR_CLICK,
  ERROR_CLICK_WINDOW_MS,
  RAGE_CLICK,
  THRASHED_CURSOR,
  frustrationPlugin,
  type FrustrationInteractionsOptions,
  type SelectorOptions,
} from './frustration-plugin';
export {
  ACTION_CLICK_WINDOW_MS,
  DEFAULT_ACTION_CLICK_ALLOWLIST,
  DEFAULT_CSS_SELECTOR_ALLOWLIST,
  isUrlAllowed,
  type ActionType,
  type ElementInteractionsOptions,
  type UrlRule,
} from './options';
export { DEFAULT_RAGE_RULES, rageDetector, rageProperties, type Click, type RageRules } from './rage';
export { DEFAULT_THRASH_RULES, thrashDetector, type ThrashRules } from './thrash';
export { MAX_HIERARCHY_LENGTH, cssSelector, hierarchy, pageUrl, type HierarchyNode } from './snapshot';
