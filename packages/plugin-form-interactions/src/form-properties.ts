// What a form event says about its form: id, name and destination, read from attributes only.
// Field values are never read. Behaviour: docs/autocapture.md "Form interactions".

/** Event types, as the anchor sends them. */
export const FORM_STARTED = '[Amplitude] Form Started';
export const FORM_SUBMITTED = '[Amplitude] Form Submitted';

/**
 * The form a field belongs to: the form its `form="id"` attribute names (so fields outside the `<form>`
 * element count, and a field pointing elsewhere counts for that form), else the enclosing `<form>`.
 * Resolved from attributes, as the browser's `field.form` does, for any element that fires `change`.
 * @example formOf(document.querySelector('input[form=signup]')!) // <form id="signup">
 */
export const formOf = (el: Element): Element | null => {
  const id = el.getAttribute('form');
  if (id === null) return el.closest('form');
  const owner = (el.getRootNode() as Document | ShadowRoot).getElementById?.(id);
  return owner?.tagName.toUpperCase() === 'FORM' ? owner : null;
};

/**
 * The form's `action` attribute as an absolute URL (the page's own URL when absent), as the anchor
 * reports it; an action that is not a URL is returned as written.
 * @example formDestination('/subscribe', 'https://shop.example/home') // 'https://shop.example/subscribe'
 */
export const formDestination = (action: string | null, base: string): string => {
  try {
    return new URL(action ?? '', base).href;
  } catch {
    return action ?? '';
  }
};

/**
 * `[Amplitude] Form ID`, `Form Name` and `Form Destination` of `form`. Attributes are read rather than
 * `form.id`/`form.name`, which a field named `id` or `name` would shadow.
 * @example formProperties(form, document.baseURI) // { '[Amplitude] Form ID': 'signup', ... }
 */
export const formProperties = (form: Element, base: string): Record<string, string> => ({
  '[Amplitude] Form ID': form.getAttribute('id') ?? '',
  '[Amplitude] Form Name': form.getAttribute('name') ?? '',
  '[Amplitude] Form Destination': formDestination(form.getAttribute('action'), base),
});

/** The page a form was started on: the URL without its fragment, so an in-page anchor is not a new page view. */
export const pageKey = (href: string): string => href.split('#')[0];
