export { MASK, MAX_MASK_PATTERNS, compilePatterns, luhn, redactText, type MaskPattern } from './redact';
export { DEFAULT_SENSITIVE_QUERY_PARAMS, looksLikeUrl, scrubUrl } from './url';
export {
  DEFAULT_DATA_ATTRIBUTE_PREFIX,
  MASK_ATTRIBUTES_ATTRIBUTE,
  MAX_ATTRIBUTE_LENGTH,
  MAX_TEXT_LENGTH,
  TEXT_MASK_ATTRIBUTE,
  closestAcrossShadow,
  elementAttributes,
  elementText,
  isHighlySensitive,
  isSensitiveElement,
  isTextMasked,
  maskedAttributeNames,
  pageTitle,
  parentAcrossShadow,
  parseMaskAttributes,
  type AttributeRules,
} from './dom';
export { maskingPlugin, scrubProperties, type MaskingOptions } from './masking-plugin';
export {
  REPLAY_BLOCK_CLASS,
  REPLAY_MASK_CLASS,
  REPLAY_UNMASK_CLASS,
  maskChars,
  replayMasking,
  type ReplayMaskLevel,
  type ReplayMasking,
  type ReplayPrivacyConfig,
} from './replay';
