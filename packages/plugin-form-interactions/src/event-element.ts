/** The element an event started at, looking inside open shadow roots (`null` when it is not an element). */
export const eventElement = (e: Event): Element | null => {
  const t = (e.composedPath?.()[0] ?? e.target) as Node | null;
  return t && t.nodeType === 1 ? (t as Element) : null;
};
