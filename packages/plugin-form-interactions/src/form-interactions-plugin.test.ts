import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formInteractionsPlugin, type FormInteractionsOptions } from './form-interactions-plugin';
import { setupPlugin, watchListeners } from './test-helpers';

const STARTED = '[Amplitude] Form Started';
const SUBMITTED = '[Amplitude] Form Submitted';
let plugin: ReturnType<typeof formInteractionsPlugin> | undefined;

const start = (options?: FormInteractionsOptions) => setupPlugin((plugin = formInteractionsPlugin(options)));
const $ = <T extends Element = HTMLElement>(sel: string) => document.querySelector(sel) as unknown as T;
const change = (el: Element) => el.dispatchEvent(new Event('change', { bubbles: true }));
const submit = (form: Element) => form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
const props = (id: string, name: string, destination: string) => ({
  '[Amplitude] Form ID': id,
  '[Amplitude] Form Name': name,
  '[Amplitude] Form Destination': destination,
});

beforeEach(() => {
  history.replaceState(null, '', '/signup');
  document.body.innerHTML = `
    <form id="signup" name="signup-form" action="/subscribe">
      <input id="email" name="email" type="email">
      <input type="radio" name="plan" value="a"><input type="checkbox" name="terms">
      <select name="size"><option>S</option><option>M</option></select>
      <textarea name="notes"></textarea>
    </form>`;
});
afterEach(() => {
  void plugin?.teardown?.();
  plugin = undefined;
});

describe('formInteractionsPlugin', () => {
  it('tracks Form Started on the first change to a text input, with id, name and absolute destination', () => {
    const { tracked } = start();
    change($('#email'));
    expect(tracked).toEqual([{ type: STARTED, props: props('signup', 'signup-form', `${location.origin}/subscribe`) }]);
  });

  it.each(['input[type=radio]', 'input[type=checkbox]', 'select', 'textarea'])('counts a change to %s as starting the form', (sel) => {
    const { types } = start();
    change($(sel));
    expect(types()).toEqual([STARTED]);
  });

  it('tracks Form Started once per form per page view, however many fields change', () => {
    const { types } = start();
    change($('#email'));
    change($('select'));
    change($('textarea'));
    expect(types()).toEqual([STARTED]);
  });

  it('tracks each form separately', () => {
    document.body.insertAdjacentHTML('beforeend', '<form id="search"><input name="q"></form>');
    const { tracked } = start();
    change($('#email'));
    change($('#search input'));
    expect(tracked.map((t) => t.props['[Amplitude] Form ID'])).toEqual(['signup', 'search']);
  });

  it('tracks Form Submitted after a change, without a second Form Started', () => {
    const { tracked } = start();
    change($('#email'));
    submit($('#signup'));
    expect(tracked).toEqual([
      { type: STARTED, props: props('signup', 'signup-form', `${location.origin}/subscribe`) },
      { type: SUBMITTED, props: props('signup', 'signup-form', `${location.origin}/subscribe`) },
    ]);
  });

  it('tracks both Form Started and Form Submitted when a form is submitted without a change', () => {
    const { types } = start();
    submit($('#signup'));
    expect(types()).toEqual([STARTED, SUBMITTED]);
  });

  it('starts the form again after a tracked submit, as the anchor does (a form that stays on the page)', () => {
    const { types } = start();
    change($('#email'));
    submit($('#signup'));
    change($('#email'));
    expect(types()).toEqual([STARTED, SUBMITTED, STARTED]);
  });

  it('tracks submits the host cancels or stops from propagating (capture phase)', () => {
    $('#signup').addEventListener('submit', (e) => (e.preventDefault(), e.stopPropagation()));
    const { types } = start();
    submit($('#signup'));
    expect(types()).toEqual([STARTED, SUBMITTED]);
  });

  it('associates fields outside the form through the form= attribute', () => {
    document.body.insertAdjacentHTML('beforeend', '<input id="outside" form="signup"><input id="orphan" form="nope">');
    const { tracked } = start();
    change($('#orphan'));
    expect(tracked).toEqual([]);
    change($('#outside'));
    expect(tracked.map((t) => [t.type, t.props['[Amplitude] Form ID']])).toEqual([[STARTED, 'signup']]);
  });

  it('follows a field whose form= attribute points at another form than its ancestor', () => {
    document.body.insertAdjacentHTML('beforeend', '<form id="other"><input id="elsewhere" form="signup"></form>');
    const { tracked } = start();
    change($('#elsewhere'));
    expect(tracked.map((t) => t.props['[Amplitude] Form ID'])).toEqual(['signup']);
  });

  it('ignores changes outside any form', () => {
    document.body.insertAdjacentHTML('beforeend', '<input id="loose">');
    const { tracked } = start();
    change($('#loose'));
    change(document.body);
    expect(tracked).toEqual([]);
  });

  it('treats a single-page-app URL change as a new page view: the same form starts again', () => {
    const { types } = start();
    change($('#email'));
    history.pushState(null, '', '/signup/step-2');
    change($('#email'));
    change($('#email'));
    history.back(); // happy-dom applies it synchronously
    history.replaceState(null, '', '/signup');
    change($('#email'));
    expect(types()).toEqual([STARTED, STARTED, STARTED]);
  });

  it('does not treat a fragment change as a new page view', () => {
    const { types } = start();
    change($('#email'));
    history.replaceState(null, '', '/signup#terms');
    change($('#email'));
    expect(types()).toEqual([STARTED]);
  });

  it('starts a form again on submit when the URL changed since it was started', () => {
    const { types } = start();
    change($('#email'));
    history.pushState(null, '', '/signup/review');
    submit($('#signup'));
    expect(types()).toEqual([STARTED, STARTED, SUBMITTED]);
  });

  it('reports empty id and name, and the page URL as destination, for a bare form', () => {
    document.body.innerHTML = '<form><input></form>';
    const { tracked } = start();
    change($('input'));
    expect(tracked[0].props).toEqual(props('', '', location.href));
  });

  it('reads attributes, not properties a field named "id", "name" or "action" would shadow', () => {
    document.body.innerHTML = '<form id="f" name="n" action="https://other.example/post"><input name="id"><input name="name"><input name="action"></form>';
    const { tracked } = start();
    change($('input'));
    expect(tracked[0].props).toEqual(props('f', 'n', 'https://other.example/post'));
  });

  it('resolves relative and absolute destinations against the document base URL', () => {
    document.body.innerHTML = '<form action="sub/dir?x=a b"><input></form>';
    const { tracked } = start();
    change($('input'));
    expect(tracked[0].props['[Amplitude] Form Destination']).toBe(`${location.origin}/sub/dir?x=a%20b`);
  });

  it('never reads a field value', () => {
    const { types } = start();
    const input = $<HTMLInputElement>('#email');
    let reads = 0;
    for (const el of document.querySelectorAll('input, select, textarea')) {
      Object.defineProperty(el, 'value', { get: () => (reads++, 'secret'), configurable: true });
    }
    change(input);
    change($('select'));
    submit($('#signup'));
    expect(types()).toEqual([STARTED, SUBMITTED]);
    expect(reads).toBe(0);
  });

  describe('shouldTrackSubmit', () => {
    it('skips Form Submitted when it returns false, but the form stays started', () => {
      const seen: Event[] = [];
      const { types } = start({ shouldTrackSubmit: (e) => (seen.push(e), false) });
      submit($('#signup'));
      change($('#email'));
      expect(types()).toEqual([STARTED]);
      expect(seen).toHaveLength(1);
      expect(seen[0].target).toBe($('#signup'));
    });

    it('tracks Form Submitted when it returns true', () => {
      const { types } = start({ shouldTrackSubmit: () => true });
      submit($('#signup'));
      expect(types()).toEqual([STARTED, SUBMITTED]);
    });

    it('can reject a novalidate form that is invalid and accept it once valid', () => {
      document.body.innerHTML = '<form id="nv" novalidate><input id="req" required></form>';
      const { types } = start({ shouldTrackSubmit: (e) => (e.target as HTMLFormElement).checkValidity() });
      submit($('#nv'));
      expect(types()).toEqual([STARTED]);
      $<HTMLInputElement>('#req').value = 'filled';
      submit($('#nv'));
      expect(types()).toEqual([STARTED, SUBMITTED]);
    });

    it('tracks the submit and logs a warning when it throws', () => {
      const { types, warnings, errors } = start({
        shouldTrackSubmit: () => {
          throw new Error('boom');
        },
      });
      submit($('#signup'));
      expect(types()).toEqual([STARTED, SUBMITTED]);
      expect(String(warnings[0][0])).toMatch(/shouldTrackSubmit threw/);
      expect(errors).toEqual([]);
    });

    it('is ignored with a warning when it is not a function', () => {
      const { types, warnings } = start({ shouldTrackSubmit: 'yes' as any });
      expect(String(warnings[0][0])).toMatch(/must be a function/);
      submit($('#signup'));
      expect(types()).toEqual([STARTED, SUBMITTED]);
    });
  });

  it('keeps a failing client away from the page: the error is logged, the host event continues', () => {
    plugin = formInteractionsPlugin();
    const errors: unknown[][] = [];
    const config = { loggerProvider: { warn() {}, error: (...a: unknown[]) => errors.push(a), log() {}, debug() {} } } as any;
    void plugin.setup!(config, { track: () => { throw new Error('client down'); } });
    let hostSaw = false;
    document.addEventListener('change', () => (hostSaw = true));
    expect(() => change($('#email'))).not.toThrow();
    expect(hostSaw).toBe(true);
    expect(errors).toHaveLength(1);
  });

  it('passes events through execute unchanged', async () => {
    plugin = formInteractionsPlugin();
    const event = { event_type: 'x' };
    expect(await plugin.execute!(event)).toBe(event);
  });

  it('teardown removes every listener it added; a second setup is ignored until then', () => {
    const watch = watchListeners();
    try {
      const { types } = start();
      void plugin!.setup!({ loggerProvider: console } as any, { track() {} });
      expect(watch.live()).toBe(2);
      void plugin!.teardown!();
      expect(watch.live()).toBe(0);
      change($('#email'));
      submit($('#signup'));
      expect(types()).toEqual([]);
    } finally {
      watch.restore();
    }
  });
});
