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
  /** Its `class` attribute, as read. */
  className: string | null;
  /** The element first; its id, tag and allowed attributes give the element's own properties. */
  hierarchy: HierarchyNode[];
  selector: string;
  parentLabel: string;
  /** Masked and redacted (clicks only). */
  text?: string;
  /** As read: masked in `toProperties`. */
  href?: string;
  left: number;
  top: number;
  viewportHeight: number;
  viewportWidth: number;
  /** `location.href`, as read. */
  url: string;
  /** `document.title`, or `*****` when `<title>` has `data-amp-mask`. */
  title: string;
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

/** Reads everything an interaction needs from the page, now, before the app's handlers change it. */
export const snapshot = (click: boolean, element: Element, frame: Frame, patterns: RegExp[], trackPrefix: string): Snapshot => {
  const { win, doc, offset } = frame;
  const rect = element.getBoundingClientRect();
  const href = element.tagName === 'A' ? (element as HTMLAnchorElement).href : undefined;
  return {
    time: Date.now(),
    className: element.getAttribute('class'),
    ...describe(element, patterns, trackPrefix),
    parentLabel: parentLabel(element, patterns),
    text: click ? elementText(element, patterns) : undefined,
    href: typeof href === 'string' ? href : undefined,
    left: Math.round(rect.left + (offset?.left ?? 0)),
    top: Math.round(rect.top + (offset?.top ?? 0)),
    viewportHeight: win.innerHeight,
    viewportWidth: win.innerWidth,
    url: win.location.href,
    // The document's own <title> (the first), not a full-document search for a masked one.
    title: doc.querySelector('title')?.hasAttribute(TEXT_MASK_ATTRIBUTE) ? MASK : doc.title,
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
export const toProperties = (s: Snapshot, patterns: RegExp[], prefix: string | RegExp): Record<string, unknown> => {
  const { id, tag, attrs: own = {} } = s.hierarchy[0];
  const data: Record<string, string> = {};
  for (const name in own) {
    if (typeof prefix === 'string' ? name.startsWith(prefix) : prefix.test(name)) data[name.replace(prefix, '')] = own[name];
  }
  const props: Record<string, unknown> = {
    '[Amplitude] Element ID': id,
    '[Amplitude] Element Class': s.className,
    '[Amplitude] Element Hierarchy': s.hierarchy,
    '[Amplitude] Element Tag': tag,
    '[Amplitude] Element Text': s.text,
    // Masked like any URL we capture, then cut as the anchor does.
    '[Amplitude] Element Href': s.href && redactText(scrubUrl(s.href), patterns).slice(0, MAX_ATTRIBUTE_LENGTH),
    '[Amplitude] Element Position Left': s.left,
    '[Amplitude] Element Position Top': s.top,
    '[Amplitude] Element Attributes': data,
    '[Amplitude] Element Aria Label': own['aria-label'],
    '[Amplitude] Element Selector': s.selector,
    '[Amplitude] Element Path': s.selector,
    '[Amplitude] Element Parent Label': s.parentLabel,
    '[Amplitude] Page URL': pageUrl(s.url),
    '[Amplitude] Page Title': redactText(s.title, patterns),
    '[Amplitude] Viewport Height': s.viewportHeight,
    '[Amplitude] Viewport Width': s.viewportWidth,
  };
  for (const k in props) {
    const v = props[k];
    if (v == null || v === '' || (typeof v === 'object' && !Object.keys(v).length)) delete props[k];
  }
  return props;
};
