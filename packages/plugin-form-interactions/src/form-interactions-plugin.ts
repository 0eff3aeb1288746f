import type { Plugin } from '@footprint/core';
import { listen, onPage } from '@footprint/dom';
import { eventElement } from './event-element';
import { FORM_STARTED, FORM_SUBMITTED, formOf, formProperties, pageKey } from './form-properties';

/** Options of {@link formInteractionsPlugin} (the anchor's `autocapture.formInteractions` object). */
export interface FormInteractionsOptions {
  /**
   * Decides whether a submit is tracked as `[Amplitude] Form Submitted`, e.g. for `novalidate` forms
   * that submit even when invalid. A callback that throws is logged and the submit is tracked.
   * @example shouldTrackSubmit: (e) => (e.target as HTMLFormElement).checkValidity()
   * @default every submit is tracked
   */
  shouldTrackSubmit?: (event: SubmitEvent) => boolean;
}

/**
 * Tracks `[Amplitude] Form Started` on the first change to a form's fields (once per form per page view;
 * a single-page-app URL change is a new page view) and `[Amplitude] Form Submitted` on submit, with a
 * Form Started first when nothing was changed. Only the form's id, name and action are read, never a
 * field's value. Events are tracked synchronously, so a submit that navigates away is not lost.
 * @example client.add(formInteractionsPlugin({ shouldTrackSubmit: (e) => (e.target as HTMLFormElement).checkValidity() }))
 */
export const formInteractionsPlugin = (options: FormInteractionsOptions = {}): Plugin => ({
  name: '@footprint/plugin-form-interactions',
  type: 'enrichment',
  ...onPage((host, config, client) => {
    const log = config.loggerProvider;
    let shouldTrack = options.shouldTrackSubmit;
    if (shouldTrack !== undefined && typeof shouldTrack !== 'function') {
      log.warn(__DEV__ ? 'formInteractionsPlugin: shouldTrackSubmit must be a function (event) => boolean; it is ignored and every submit is tracked' : 'E77 shouldTrackSubmit not a function');
      shouldTrack = undefined;
    }
    // form → the page (URL without fragment) it was started on; a different page means a new page view.
    const started = new WeakMap<Element, string>();
    const track = (type: string, form: Element) => client.track(type, formProperties(form, host.doc.baseURI));
    const start = (form: Element) => {
      const page = pageKey(host.win.location.href);
      if (started.get(form) === page) return;
      started.set(form, page);
      track(FORM_STARTED, form);
    };
    const onError = (e: unknown) => log.error(__DEV__ ? 'formInteractionsPlugin: a form event could not be tracked:' : 'E78 form event failed', e);
    const undo = [
      listen(host.doc, 'change', (e) => {
        const el = eventElement(e);
        const form = el && formOf(el);
        if (form) start(form);
      }, onError),
      listen<SubmitEvent>(host.doc, 'submit', (e) => {
        const form = eventElement(e);
        if (!form || form.tagName.toUpperCase() !== 'FORM') return;
        start(form);
        if (shouldTrack) {
          try {
            if (!shouldTrack(e)) return;
          } catch (err) {
            log.warn(__DEV__ ? 'formInteractionsPlugin: shouldTrackSubmit threw; the submit is tracked anyway:' : 'E79 shouldTrackSubmit threw', err);
          }
        }
        // As in the anchor, a tracked submit ends the form's run: the next change starts it again.
        started.delete(form);
        track(FORM_SUBMITTED, form);
      }, onError),
    ];
    return () => undo.forEach((u) => u());
  }),
  execute: (event) => event,
});
