// The masking rules of session replay: the same vocabulary as autocapture's (data-amp-mask, sensitive
// fields, pattern redaction), extended with replay's privacy levels and selectors. Pure: every decision
// reads only the element it is given. See docs/session-replay.md "Privacy".
import { closestAcrossShadow, isHighlySensitive, isSensitiveElement, TEXT_MASK_ATTRIBUTE } from './dom';
import { redactText } from './redact';

/** How much of the page replay masks: `light` (sensitive fields), `medium` (every field), `conservative` (every field and all text). */
export type ReplayMaskLevel = 'light' | 'medium' | 'conservative';

/** Replay's privacy options, as the anchor's `privacyConfig` names them. */
export interface ReplayPrivacyConfig {
  /** @default 'medium' */
  defaultMaskLevel?: ReplayMaskLevel;
  /** Elements recorded as an empty box of the same size. */
  blockSelector?: string | string[];
  /** Elements whose text and field values are masked. */
  maskSelector?: string | string[];
  /** Elements recorded in clear (a mask on it or an ancestor still wins). */
  unmaskSelector?: string | string[];
}

/** What {@link replayMasking} decides, in the shape a recorder asks for it. */
export interface ReplayMasking {
  /** CSS selector of the elements to block (`.amp-block` plus `blockSelector`). */
  blockSelector: string;
  /** The text of a text node under `el`, as it may be recorded. */
  maskText(text: string, el: Element | null): string;
  /** The value of the field `el`, as it may be recorded. */
  maskInput(value: string, el: Element | null): string;
}

/** The classes replay reads, as in the anchor: `.amp-block`, `.amp-mask`, `.amp-unmask`. */
export const REPLAY_BLOCK_CLASS = 'amp-block';
export const REPLAY_MASK_CLASS = 'amp-mask';
export const REPLAY_UNMASK_CLASS = 'amp-unmask';

/** Replay masking: every non-whitespace character becomes `*`, so the layout of the text survives. */
export const maskChars = (text: string): string => text.replace(/\S/g, '*');

const list = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []).filter((s) => typeof s === 'string' && s.trim() !== '');

/** Joins selectors, leaving out any the browser cannot parse (one bad selector must not unmask the page). */
const joinValid = (selectors: string[], probe?: (s: string) => boolean): string => selectors.filter((s) => !probe || probe(s)).join(',');

// light masks only these fields: passwords, hidden, email, phone, and anything autocompleting a card.
const LIGHT_TYPES = /^(?:password|hidden|email|tel)$/i;
const isLightSensitive = (el: Element) =>
  isHighlySensitive(el) || LIGHT_TYPES.test(el.getAttribute('type') ?? '') || /^cc-/i.test(el.getAttribute('autocomplete') ?? '');

/**
 * The masking decisions of session replay for `config`. At every level `.amp-mask`, `[data-amp-mask]`
 * and `maskSelector` mask; `.amp-unmask` and `unmaskSelector` record in clear unless a mask also
 * applies; passwords and hidden fields are always masked. `medium` also masks emails and card numbers in
 * page text (Footprint goes further than the anchor there).
 * `isValid` tells whether the browser accepts a selector (e.g. by calling `closest(s)` in a try).
 * @example
 * const m = replayMasking({ defaultMaskLevel: 'conservative', unmaskSelector: ['.price'] });
 * m.maskText('Total', priceCell); // 'Total'
 */
export const replayMasking = (config: ReplayPrivacyConfig = {}, isValid?: (selector: string) => boolean): ReplayMasking => {
  const level: ReplayMaskLevel = config.defaultMaskLevel === 'light' || config.defaultMaskLevel === 'conservative' ? config.defaultMaskLevel : 'medium';
  const mask = joinValid([`.${REPLAY_MASK_CLASS}`, `[${TEXT_MASK_ATTRIBUTE}]`, ...list(config.maskSelector)], isValid);
  const unmask = joinValid([`.${REPLAY_UNMASK_CLASS}`, ...list(config.unmaskSelector)], isValid);
  // A selector the browser refuses fails safe: the element counts as masked, never as unmasked.
  const within = (el: Element | null, selector: string, failed: boolean) => {
    try {
      return !!el && closestAcrossShadow(el, selector) !== null;
    } catch {
      return failed;
    }
  };
  const masked = (el: Element | null) => within(el, mask, true);
  const unmasked = (el: Element | null) => within(el, unmask, false);
  const editable = (el: Element | null) => within(el, '[contenteditable]:not([contenteditable="false" i])', false);

  return {
    blockSelector: joinValid([`.${REPLAY_BLOCK_CLASS}`, ...list(config.blockSelector)], isValid),
    maskText(text, el) {
      if (!text.trim()) return text;
      if (masked(el)) return maskChars(text);
      // Text someone types (a textarea's, a contenteditable's) is a field's value, not page text.
      const field = !!el && (isSensitiveElement(el) || editable(el));
      if (unmasked(el)) return field && el && isHighlySensitive(el) ? maskChars(text) : text;
      if (field) return level === 'light' ? text : maskChars(text);
      if (level === 'conservative') return maskChars(text);
      return level === 'medium' ? redactText(text) : text;
    },
    maskInput(value, el) {
      if (!value) return value;
      if (!el || masked(el) || isHighlySensitive(el)) return maskChars(value);
      if (unmasked(el)) return value;
      if (level === 'light') return isLightSensitive(el) ? maskChars(value) : value;
      return maskChars(value);
    },
  };
};
