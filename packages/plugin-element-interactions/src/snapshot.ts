// What an interaction captures, in two steps: `snapshot` on the event (O(depth), no layout beyond one
// getBoundingClientRect on an already laid-out page), `toProperties` later in idle time.
import {
  DEFAULT_DATA_ATTRIBUTE_PREFIX,
  MAX_ATTRIBUTE_LENGTH,
  elementAttributes,
  elementText,
  maskedAttributeNames,
  pageTitle,
  parentAcrossShadow,
  redactText,
  scrubUrl,
} from '@footprint/plugin-masking';
import type { ActionType } from './options';

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
  action: ActionType;
  time: number;
  element: Element;
  /** The element and its ancestors up to (not including) `<html>`, crossing shadow roots. */
  chain: Element[];
  /** Filtered, masked attributes of each element of `chain`. */
  attrs: Record<string, string>[];
  text?: string;
  href?: string;
  left: number;
  top: number;
  viewportHeight: number;
  viewportWidth: number;
  pageUrl: string;
  pageTitle: string;
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
  const first = (e.composedPath?.()[0] ?? e.target) as Node | null;
  if (!first) return null;
  return first.nodeType === 1 ? (first as Element) : first.parentElement;
};

/** The closest element (itself included, crossing shadow roots) matching `selector`. O(depth). */
export const closestMatching = (el: Element | null, selector: string): Element | null => {
  if (!selector) return null;
  for (; el; el = parentAcrossShadow(el)) if (el.matches(selector)) return el;
  return null;
};

/** Reads everything an interaction needs from the page, now, before the app's handlers change it. */
export const snapshot = (
  action: ActionType,
  element: Element,
  frame: Frame,
  patterns: RegExp[],
  trackPrefix: string,
): Snapshot => {
  const chain: Element[] = [];
  for (let n: Element | null = element; n && n.tagName !== 'HTML'; n = parentAcrossShadow(n)) chain.push(n);
  // Masked attribute names accumulate from the root down.
  const attrs: Record<string, string>[] = new Array(chain.length);
  const masked = new Set<string>();
  for (let i = chain.length - 1; i >= 0; i--) {
    for (const name of maskedAttributeNames(chain[i])) masked.add(name);
    attrs[i] = elementAttributes(chain[i], { masked, trackPrefix, patterns });
  }
  const rect = element.getBoundingClientRect();
  const { win, doc, offset } = frame;
  const anchor = element.tagName === 'A' ? (element as HTMLAnchorElement).href : undefined;
  return {
    action,
    time: Date.now(),
    element,
    chain,
    attrs,
    text: action === 'click' ? elementText(element, patterns) : undefined,
    // Masked like any URL we capture, then cut as the anchor does.
    href: typeof anchor === 'string' ? redactText(scrubUrl(anchor), patterns).slice(0, MAX_ATTRIBUTE_LENGTH) : undefined,
    left: Math.round(rect.left + (offset?.left ?? 0)),
    top: Math.round(rect.top + (offset?.top ?? 0)),
    viewportHeight: win.innerHeight,
    viewportWidth: win.innerWidth,
    pageUrl: pageUrl(win.location.href),
    pageTitle: pageTitle(doc, patterns),
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

const hierarchyNode = (el: Element, attrs: Record<string, string>): HierarchyNode => {
  const node: HierarchyNode = { tag: el.tagName.toLowerCase() };
  const siblings = el.parentElement?.children;
  if (siblings) {
    let index = 0;
    let ofType = 0;
    for (let i = 0; i < siblings.length && siblings[i] !== el; i++) {
      index++;
      if (siblings[i].tagName === el.tagName) ofType++;
    }
    node.index = index;
    node.indexOfType = ofType;
  }
  const prev = el.previousElementSibling;
  if (prev) node.prevSib = prev.tagName.toLowerCase();
  const id = el.getAttribute('id');
  if (id) node.id = id;
  const classes = Array.from(el.classList);
  if (classes.length) node.classes = classes;
  if (Object.keys(attrs).length) node.attrs = attrs;
  return node;
};

/** `[Amplitude] Element Hierarchy`: the element first, then its ancestors, cut to 1024 JSON characters. */
export const hierarchy = (s: Snapshot): HierarchyNode[] => {
  const nodes = s.chain.map((el, i) => hierarchyNode(el, s.attrs[i]));
  let size = JSON.stringify(nodes).length;
  while (nodes.length > 1 && size > MAX_HIERARCHY_LENGTH) size -= JSON.stringify(nodes.pop()).length + 1;
  return nodes;
};

const IDENT = /^[A-Za-z_][\w-]*$/;

/** `[Amplitude] Element Selector`: a CSS path from the nearest ancestor with an id (or `body`). */
export const cssSelector = (s: Snapshot): string => {
  const parts: string[] = [];
  for (const el of s.chain) {
    const id = el.getAttribute('id');
    if (id && IDENT.test(id)) {
      parts.unshift(`#${id}`);
      break;
    }
    const tag = el.tagName.toLowerCase();
    if (tag === 'body') {
      parts.unshift(tag);
      break;
    }
    let part = tag;
    const parent = el.parentElement;
    if (parent) {
      let nth = 0;
      let count = 0;
      for (const c of Array.from(parent.children)) {
        if (c.tagName !== el.tagName) continue;
        count++;
        if (c === el) nth = count;
      }
      if (count > 1) part += `:nth-of-type(${nth})`;
    }
    parts.unshift(part);
  }
  return parts.join(' > ');
};

const LABEL = /^(?:SPAN|H[1-6])$/;
const MAX_LABEL_CHILDREN = 50;

/** `[Amplitude] Element Parent Label`: text of the first span/heading child of the nearest ancestor that has one. */
export const parentLabel = (s: Snapshot, patterns: RegExp[]): string => {
  for (let i = 1; i < s.chain.length; i++) {
    const children = s.chain[i].children;
    for (let j = 0; j < children.length && j < MAX_LABEL_CHILDREN; j++) {
      if (LABEL.test(children[j].tagName)) return elementText(children[j], patterns);
    }
  }
  return '';
};

/** `[Amplitude] Element Attributes`: attributes carrying the prefix, keyed without it. */
export const dataAttributes = (attrs: Record<string, string>, prefix: string | RegExp = DEFAULT_DATA_ATTRIBUTE_PREFIX) => {
  const out: Record<string, string> = {};
  for (const name of Object.keys(attrs)) {
    if (typeof prefix === 'string' ? name.startsWith(prefix) : prefix.test(name)) out[name.replace(prefix, '')] = attrs[name];
  }
  return out;
};

const isEmpty = (v: unknown) =>
  v === undefined || v === null || v === '' || (typeof v === 'object' && Object.keys(v as object).length === 0);

/** The event properties of an interaction, empty values left out (as the anchor does). */
export const toProperties = (s: Snapshot, patterns: RegExp[], prefix?: string | RegExp): Record<string, unknown> => {
  const selector = cssSelector(s);
  const props: Record<string, unknown> = {
    '[Amplitude] Element ID': s.element.getAttribute('id'),
    '[Amplitude] Element Class': s.element.getAttribute('class'),
    '[Amplitude] Element Hierarchy': hierarchy(s),
    '[Amplitude] Element Tag': s.element.tagName.toLowerCase(),
    '[Amplitude] Element Text': s.text,
    '[Amplitude] Element Href': s.href,
    '[Amplitude] Element Position Left': s.left,
    '[Amplitude] Element Position Top': s.top,
    '[Amplitude] Element Attributes': dataAttributes(s.attrs[0], prefix),
    '[Amplitude] Element Aria Label': s.attrs[0]['aria-label'],
    '[Amplitude] Element Selector': selector,
    '[Amplitude] Element Path': selector,
    '[Amplitude] Element Parent Label': parentLabel(s, patterns),
    '[Amplitude] Page URL': s.pageUrl,
    '[Amplitude] Page Title': s.pageTitle,
    '[Amplitude] Viewport Height': s.viewportHeight,
    '[Amplitude] Viewport Width': s.viewportWidth,
  };
  for (const k of Object.keys(props)) if (isEmpty(props[k])) delete props[k];
  return props;
};
