// DOM rules: what of an element may leave the page. Every helper takes the element it reads and
// touches no globals, so DOM-reading plugins share one definition of "private".
// Behaviour: docs/autocapture.md "Privacy".
import { MASK, redactText } from './redact';

/** The attribute that masks an element's text, recursively. */
export const TEXT_MASK_ATTRIBUTE = 'data-amp-mask';
/** The attribute listing attribute names to mask on an element and its descendants (`"name,ssn"`). */
export const MASK_ATTRIBUTES_ATTRIBUTE = 'data-amp-mask-attributes';
/** Attributes with this prefix are captured on purpose (`data-amp-track-plan="pro"`). */
export const DEFAULT_DATA_ATTRIBUTE_PREFIX = 'data-amp-track-';
/** Attribute values and hrefs are cut to this many characters, as in the anchor. */
export const MAX_ATTRIBUTE_LENGTH = 128;
/** Element text is cut to this many characters, as in the anchor. */
export const MAX_TEXT_LENGTH = 255;

// Never captured: id/class travel separately; value holds prefilled form data; style is large and useless;
// event handlers hold code; framework internals (React, Vue scoped styles, Angular) are noise; our own
// masking attributes say nothing about the element.
const BLOCKED = /^(?:id|class|style|value|on.*|data-react.*|data-v-[\w-]*|_ng(?:content|host)-.*|ng-reflect-.*|data-amp-mask(?:-attributes)?)$/i;
const SKIPPED_SUBTREES = /^(?:SCRIPT|STYLE|NOSCRIPT|TEMPLATE|INPUT|TEXTAREA|SELECT|OPTION)$/;
const BLOCK_TAGS = /^(?:P|DIV|LI|UL|OL|TR|TD|TH|BR|H[1-6]|SECTION|ARTICLE|HEADER|FOOTER|NAV|TABLE|FORM|BLOCKQUOTE|PRE|DT|DD)$/;

const tag = (el: Element) => el.tagName.toUpperCase();

/** The parent element, stepping out of a shadow root to its host. */
export const parentAcrossShadow = (el: Element): Element | null =>
  el.parentElement ?? ((el.parentNode as ShadowRoot | null)?.host || null);

/** `closest(selector)` that also climbs out of shadow roots. O(depth). */
export const closestAcrossShadow = (el: Element | null, selector: string): Element | null => {
  while (el) {
    const hit = el.closest(selector);
    if (hit) return hit;
    el = (el.getRootNode() as ShadowRoot).host ?? null;
  }
  return null;
};

const isEditable = (el: Element) => {
  const v = el.getAttribute('contenteditable');
  return v !== null && /^(?:|true|plaintext-only)$/i.test(v);
};

/**
 * Whether `el` holds end-user input: `<input>`, `<textarea>`, `<select>` or a `contenteditable` element.
 * Of these only class and type (and the author-set id) are ever captured.
 * @example isSensitiveElement(document.querySelector('textarea')!) // true
 */
export const isSensitiveElement = (el: Element): boolean => /^(?:INPUT|TEXTAREA|SELECT)$/.test(tag(el)) || isEditable(el);

/** Password and hidden inputs: nothing but class and type, ever. */
export const isHighlySensitive = (el: Element): boolean =>
  tag(el) === 'INPUT' && /^(?:password|hidden)$/i.test(el.getAttribute('type') ?? '');

/** Whether `el` or an ancestor carries `data-amp-mask`. */
export const isTextMasked = (el: Element): boolean => closestAcrossShadow(el, `[${TEXT_MASK_ATTRIBUTE}]`) !== null;

/** Parses `data-amp-mask-attributes="name, ssn"`; `id` and `class` can't be masked (the anchor's rule). */
export const parseMaskAttributes = (value: string | null): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s && s !== 'id' && s !== 'class');

/** Attribute names masked on `el`: its own `data-amp-mask-attributes` and every ancestor's. O(depth). */
export const maskedAttributeNames = (el: Element): Set<string> => {
  const names = new Set<string>();
  for (let n: Element | null = el; n; n = parentAcrossShadow(n)) {
    for (const a of parseMaskAttributes(n.getAttribute(MASK_ATTRIBUTES_ATTRIBUTE))) names.add(a);
  }
  return names;
};

/** Options of `elementAttributes`. */
export interface AttributeRules {
  /** From `maskedAttributeNames`; each becomes `*****`. */
  masked?: Set<string>;
  /** Attributes with this prefix pass even on sensitive elements. @default 'data-amp-track-' */
  trackPrefix?: string;
  /** Extra redaction patterns (see `compilePatterns`). */
  patterns?: RegExp[];
}

/**
 * The attributes of `el` that may be captured: blocked ones dropped, sensitive elements reduced to
 * `type` (+ `data-amp-track-*`, except on password/hidden inputs), masked names as `*****`, values cut to
 * 128 characters and redacted.
 * @example elementAttributes(a, { masked: maskedAttributeNames(a) }) // { href: '/pricing', 'aria-label': 'Plans' }
 */
export const elementAttributes = (el: Element, rules: AttributeRules = {}): Record<string, string> => {
  const { masked, trackPrefix = DEFAULT_DATA_ATTRIBUTE_PREFIX, patterns } = rules;
  const out: Record<string, string> = {};
  const sensitive = isSensitiveElement(el);
  const highly = isHighlySensitive(el);
  for (const { name, value } of Array.from(el.attributes)) {
    if (BLOCKED.test(name)) continue;
    if (sensitive && name !== 'type' && (highly || !name.startsWith(trackPrefix))) continue;
    out[name] = masked?.has(name) ? MASK : redactText(value.slice(0, MAX_ATTRIBUTE_LENGTH), patterns);
  }
  return out;
};

/**
 * The visible text of `el` as it may be captured: `*****` when masked; no text at all from form fields;
 * masked and `contenteditable` descendants as `*****`; whitespace collapsed; redacted; at most 255 chars.
 * Reads text nodes only (no layout), and stops after a bounded amount of text.
 * @example elementText(button) // 'Email *****'
 */
export const elementText = (el: Element, patterns?: RegExp[]): string => {
  if (isTextMasked(el)) return MASK;
  if (isSensitiveElement(el)) return '';
  // Read past the cut so a pattern straddling it is still recognised before we truncate.
  const budget = MAX_TEXT_LENGTH * 2;
  let raw = '';
  const walk = (node: Node) => {
    for (let c = node.firstChild; c && raw.length < budget; c = c.nextSibling) {
      if (c.nodeType === 3) raw += c.nodeValue;
      else if (c.nodeType === 1) {
        const e = c as Element;
        const t = tag(e);
        if (SKIPPED_SUBTREES.test(t)) continue;
        if (e.hasAttribute(TEXT_MASK_ATTRIBUTE) || isEditable(e)) {
          raw += ` ${MASK} `;
          continue;
        }
        const block = BLOCK_TAGS.test(t);
        if (block) raw += ' ';
        walk(e);
        if (block) raw += ' ';
      }
    }
  };
  walk(el);
  if (!raw.trim() && el.shadowRoot) walk(el.shadowRoot);
  return redactText(raw.replace(/\s+/g, ' ').trim(), patterns).slice(0, MAX_TEXT_LENGTH).trim();
};

/**
 * The document title as it may be captured: `*****` when `<title>` has `data-amp-mask`
 * (docs/autocapture.md "Privacy"), else redacted.
 * @example pageTitle(document) // 'Checkout'
 */
export const pageTitle = (doc: Document, patterns?: RegExp[]): string =>
  titleMasked(doc) ? MASK : redactText(doc.title ?? '', patterns);

/**
 * Whether the page's `<title>` (the first one, which is what `document.title` reads) carries
 * `data-amp-mask`. Looks at that one element instead of searching the whole document.
 * @example titleMasked(document) // true for <title data-amp-mask>Order 1234</title>
 */
export const titleMasked = (doc: Document): boolean => !!doc.querySelector('title')?.hasAttribute(TEXT_MASK_ATTRIBUTE);
