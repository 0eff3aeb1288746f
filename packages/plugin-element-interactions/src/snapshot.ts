// What an interaction captures, in two steps. `snapshot` runs in the listener and reads from the page
// everything the app's own handlers may change right after the click (the element, its ancestors and
// their siblings, text, position, URL, title): one walk up the ancestors, sibling walks, and one
// getBoundingClientRect, which forces no layout on a page that is already laid out. `toProperties` runs
// later in idle time and reads nothing from the page: it only masks URLs and assembles the properties.
import {
  MASK,
  MASK_ATTRIBUTES_ATTRIBUTE,
  MAX_ATTRIBUTE_LENGTH,
  TEXT_MASK_ATTRIBUTE,
  closestAcrossShadow,
  elementAttributes,
  elementText,
  parentAcrossShadow,
  maskedAttributeNames,
  redactText,
  scrubUrl,
} from '@footprint/plugin-masking';

/** One level of `[Amplitude] Element Hierarchy`, in the anchor's shape. */
export interface HierarchyNode {
  tag: string;
  index?: number;
  indexOfType?: number;
  prevSib?: string;
  id?: string;
  classes?: string[];
  attrs?: Record<string, string>;
}

/** What is read from the page at the moment of the interaction. */
export interface Snapshot {
  time: number;
  /**
   * The event properties as read, keyed by their names; `toProperties` finishes them (the href, page URL
   * and title are masked there, and empty values left out).
   */
  props: Record<string, any>;
}

/** Where the snapshot reads page-level facts (the top window; a same-origin iframe adds its offset). */
export interface Frame {
  win: Window;
  doc: Document;
  /** For an element in a same-origin iframe: the iframe's offset in the top viewport, and its window/document. */
  offset?: { left: number; top: number };
  inner?: { win: Window; doc: Document };
}

/** Largest serialized `[Amplitude] Element Hierarchy`, as in the anchor. */
export const MAX_HIERARCHY_LENGTH = 1024;

/** The element an event really started on: inside open shadow roots, `composedPath()[0]`. */
export const eventElement = (e: Event): Element | null => {
  let first = e.target as Node | null;
  // Retargeted to a shadow host: the path (built only then) starts inside.
  if ((first as Element | null)?.shadowRoot) first = e.composedPath()[0] as Node;
  return first && (first.nodeType === 1 ? (first as Element) : first.parentElement);
};

/** The closest element (itself included, crossing shadow roots) matching `selector` (valid, or ''). O(depth). */
export const closest = (el: Element, selector: string): Element | null => (selector ? closestAcrossShadow(el, selector) : null);

const IDENT = /^[A-Za-z_][\w-]*$/;

/**
 * `[Amplitude] Element Hierarchy` and `[Amplitude] Element Selector` of `element`, read in one walk up its
 * ancestors (crossing shadow roots). Every DOM read costs on a click, so each element is asked for its
 * attribute names once and for the values it has, and the walk ends as soon as both are complete.
 * - hierarchy: the element first, then its ancestors up to (not including) `<html>`, in the anchor's shape;
 *   attributes as `elementAttributes` allows them; outer ancestors left out once the JSON would pass 1024
 *   characters.
 * - selector: a CSS path from the nearest ancestor with an id (or `body`).
 * @example describe(button).selector // '#checkout > div:nth-of-type(2) > button'
 */
export const describe = (element: Element, patterns: RegExp[] = [], trackPrefix?: string) => {
  // `data-amp-mask-attributes` (on the element or an ancestor) is rare: one look decides.
  const masking = closestAcrossShadow(element, `[${MASK_ATTRIBUTES_ATTRIBUTE}]`);
  const hierarchy: HierarchyNode[] = [];
  let selector = '';
  let size = 1; // `[`, then each node and its `,` or `]`
  let full = false;
  let done = false;
  for (let el: Element | null = element; el && !(full && done) && (el === element || el.tagName !== 'HTML'); el = parentAcrossShadow(el)) {
    const tag = el.tagName;
    const node: HierarchyNode = { tag: tag.toLowerCase() };
    const prev = el.previousElementSibling;
    let ofType = 0;
    if (el.parentElement) {
      let index = 0;
      for (let s = prev; s; s = s.previousElementSibling, index++) if (s.tagName === tag) ofType++;
      node.index = index;
      node.indexOfType = ofType;
    }
    if (prev) node.prevSib = prev.tagName.toLowerCase();
    let id: string | null = null;
    let cls: string | null = null;
    let other = false;
    for (const name of el.getAttributeNames()) {
      if (name === 'id') id = el.getAttribute(name);
      else if (name === 'class') cls = el.getAttribute(name);
      else other = true;
    }
    if (!done) {
      let part = node.tag;
      if (id && IDENT.test(id)) part = `#${id}`;
      else if (part !== 'body' && el.parentElement) {
        let twin = ofType > 0;
        for (let s = el.nextElementSibling; s && !twin; s = s.nextElementSibling) twin = s.tagName === tag;
        if (twin) part += `:nth-of-type(${ofType + 1})`;
      }
      done = part[0] === '#' || part === 'body';
      selector = selector ? `${part} > ${selector}` : part;
    }
    if (full) continue;
    if (id) node.id = id;
    // As `classList`: split on ASCII whitespace, duplicates once.
    const classes = [...new Set(cls?.match(/[^\t\n\f\r ]+/g))];
    if (classes.length) node.classes = classes;
    // Id and class never go into attrs; only other attributes are worth `elementAttributes`.
    if (other) {
      const attrs = elementAttributes(el, { masked: masking ? maskedAttributeNames(el) : undefined, trackPrefix, patterns });
      if (Object.keys(attrs).length) node.attrs = attrs;
    }
    size += JSON.stringify(node).length + 1;
    if (el !== element && size > MAX_HIERARCHY_LENGTH) full = true;
    else hierarchy.push(node);
  }
  return { hierarchy, selector };
};

/** `[Amplitude] Element Hierarchy` of `element` (see `describe`). */
export const hierarchy = (element: Element, patterns?: RegExp[], trackPrefix?: string): HierarchyNode[] =>
  describe(element, patterns, trackPrefix).hierarchy;

/** `[Amplitude] Element Selector` of `element` (see `describe`). */
export const cssSelector = (element: Element): string => describe(element).selector;

const LABEL = /^(?:SPAN|H[1-6])$/;
const MAX_LABEL_CHILDREN = 50;

/** `[Amplitude] Element Parent Label`: text of the first span/heading child of the nearest ancestor that has one. */
const parentLabel = (element: Element, patterns: RegExp[]): string => {
  for (let el = parentAcrossShadow(element); el; el = parentAcrossShadow(el)) {
    const children = el.children;
    for (let j = 0; j < children.length && j < MAX_LABEL_CHILDREN; j++) {
      if (LABEL.test(children[j].tagName)) return elementText(children[j], patterns);
    }
  }
  return '';
};

const HREF = '[Amplitude] Element Href';
const URL_ = '[Amplitude] Page URL';
const TITLE = '[Amplitude] Page Title';

/** Reads everything an interaction needs from the page, now, before the app's handlers change it. */
export const snapshot = (
  click: boolean,
  element: Element,
  frame: Frame,
  patterns: RegExp[],
  trackPrefix: string,
  prefix: string | RegExp = trackPrefix,
): Snapshot => {
  const { win, doc, offset } = frame;
  const rect = element.getBoundingClientRect();
  const { hierarchy, selector } = describe(element, patterns, trackPrefix);
  const { id, tag, attrs = {} } = hierarchy[0];
  const data: Record<string, string> = {};
  for (const name in attrs) {
    if (typeof prefix === 'string' ? name.startsWith(prefix) : prefix.test(name)) data[name.replace(prefix, '')] = attrs[name];
  }
  return {
    time: Date.now(),
    props: {
      '[Amplitude] Element ID': id,
      '[Amplitude] Element Class': element.getAttribute('class'),
      '[Amplitude] Element Hierarchy': hierarchy,
      '[Amplitude] Element Tag': tag,
      '[Amplitude] Element Text': click ? elementText(element, patterns) : undefined,
      [HREF]: tag === 'a' ? (element as HTMLAnchorElement).href : undefined,
      '[Amplitude] Element Position Left': Math.round(rect.left + (offset?.left ?? 0)),
      '[Amplitude] Element Position Top': Math.round(rect.top + (offset?.top ?? 0)),
      '[Amplitude] Element Attributes': data,
      '[Amplitude] Element Aria Label': attrs['aria-label'],
      '[Amplitude] Element Selector': selector,
      '[Amplitude] Element Path': selector,
      '[Amplitude] Element Parent Label': parentLabel(element, patterns),
      [URL_]: win.location.href,
      // The document's own <title> (the first), not a full-document search for a masked one.
      [TITLE]: doc.querySelector('title')?.hasAttribute(TEXT_MASK_ATTRIBUTE) ? MASK : doc.title,
      '[Amplitude] Viewport Height': win.innerHeight,
      '[Amplitude] Viewport Width': win.innerWidth,
    },
  };
};

/** The page URL without its query (as the anchor), and without a fragment that carries values (`#access_token=…`). */
export const pageUrl = (href: string): string => {
  let url = href.split('?')[0];
  const hash = url.indexOf('#');
  if (hash >= 0 && url.includes('=', hash)) url = url.slice(0, hash);
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
};

/** The event properties of an interaction, empty values left out (as the anchor does). Reads nothing from the page. */
export const toProperties = (s: Snapshot, patterns: RegExp[]): Record<string, unknown> => {
  const props = { ...s.props };
  const href = props[HREF];
  // Masked like any URL we capture, then cut as the anchor does (an SVG link's href is not a string).
  props[HREF] = typeof href === 'string' ? redactText(scrubUrl(href), patterns).slice(0, MAX_ATTRIBUTE_LENGTH) : undefined;
  props[URL_] = pageUrl(props[URL_]);
  props[TITLE] = redactText(props[TITLE], patterns);
  for (const k in props) {
    const v = props[k];
    if (v == null || v === '' || (typeof v === 'object' && !Object.keys(v).length)) delete props[k];
  }
  return props;
};
