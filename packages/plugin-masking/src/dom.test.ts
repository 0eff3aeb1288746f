import { beforeEach, describe, expect, it } from 'vitest';
import {
  closestAcrossShadow,
  elementAttributes,
  elementText,
  isHighlySensitive,
  isSensitiveElement,
  isTextMasked,
  maskedAttributeNames,
  pageTitle,
  titleMasked,
  parseMaskAttributes,
} from './dom';
import { compilePatterns, MASK } from './redact';

const html = (markup: string) => {
  document.body.innerHTML = markup;
  return (sel: string) => document.querySelector(sel)!;
};

beforeEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

describe('sensitive elements (autocapture.md "Default Autocapture protections")', () => {
  it.each([
    ['<input id="t" type="text">', true, false],
    ['<input id="t" type="password">', true, true],
    ['<input id="t" type="HIDDEN">', true, true],
    ['<textarea id="t"></textarea>', true, false],
    ['<select id="t"></select>', true, false],
    ['<div id="t" contenteditable="true"></div>', true, false],
    ['<div id="t" contenteditable=""></div>', true, false],
    ['<div id="t" contenteditable="false"></div>', false, false],
    ['<button id="t">Go</button>', false, false],
  ])('%s → sensitive %s, highly %s', (markup, sensitive, highly) => {
    const el = html(markup)('#t');
    expect(isSensitiveElement(el)).toBe(sensitive);
    expect(isHighlySensitive(el)).toBe(highly);
  });
});

describe('elementAttributes', () => {
  it('keeps ordinary attributes and drops value, event handlers, style, id/class and framework internals', () => {
    const $ = html(
      `<a id="x" class="c" href="/pricing" style="color:red" onclick="go()" aria-label="Plans" data-reactid="1"
          data-v-7ba5bd90 _ngcontent-abc ng-reflect-router-link="/x" data-amp-mask-attributes="title" title="t"
          data-testid="cta" value="v">x</a>`,
    );
    expect(elementAttributes($('#x'))).toEqual({ href: '/pricing', 'aria-label': 'Plans', 'data-testid': 'cta', title: 't' });
  });

  it('reduces a text input to its type, and keeps data-amp-track-* (the documented exception)', () => {
    const $ = html('<input id="x" class="c" type="email" name="email" placeholder="you@x.io" value="me@x.io" data-amp-track-field="signup">');
    expect(elementAttributes($('#x'))).toEqual({ type: 'email', 'data-amp-track-field': 'signup' });
  });

  it('gives password and hidden inputs nothing but their type', () => {
    const $ = html('<input id="p" type="password" name="pw" data-amp-track-x="1"><input id="h" type="hidden" name="csrf" value="s3cret">');
    expect(elementAttributes($('#p'))).toEqual({ type: 'password' });
    expect(elementAttributes($('#h'))).toEqual({ type: 'hidden' });
  });

  it('keeps data-amp-track-* under a custom prefix only when told', () => {
    const $ = html('<textarea id="x" data-track-a="1" data-amp-track-b="2"></textarea>');
    expect(elementAttributes($('#x'), { trackPrefix: 'data-track-' })).toEqual({ 'data-track-a': '1' });
  });

  it('masks attributes named by data-amp-mask-attributes on the element or any ancestor (docs example)', () => {
    const $ = html('<div data-amp-mask-attributes="name"><button data-amp-mask-attributes="ssn, title"><span id="s" name="John D" ssn="1" title="t" lang="en">Account</span></button></div>');
    const el = $('#s');
    expect([...maskedAttributeNames(el)].sort()).toEqual(['name', 'ssn', 'title']);
    expect(elementAttributes(el, { masked: maskedAttributeNames(el) })).toEqual({ name: MASK, ssn: MASK, title: MASK, lang: 'en' });
  });

  it('never masks id or class (they identify the element for visual labeling)', () => {
    expect(parseMaskAttributes('id, class,name,,')).toEqual(['name']);
  });

  it('cuts values to 128 characters and redacts patterns in them', () => {
    const $ = html(`<a id="x" title="${'y'.repeat(200)}" data-owner="jane@corp.com">x</a>`);
    const attrs = elementAttributes($('#x'));
    expect(attrs.title).toHaveLength(128);
    expect(attrs['data-owner']).toBe(MASK);
  });
});

describe('elementText', () => {
  it.each([
    ['<button id="t">  Sign <b>up</b>\n now </button>', 'Sign up now'],
    ['<button id="t">Email jane@corp.com</button>', `Email ${MASK}`],
    ['<div id="t" data-amp-mask>John Doe</div>', MASK],
    // Recursive (docs example): both names masked.
    ['<div data-amp-mask> John Doe <div id="t">Jane Doe</div> </div>', MASK],
    ['<button id="t">Hi <span data-amp-mask>John</span>!</button>', `Hi ${MASK} !`],
    ['<button id="t">Pay <div contenteditable="true">typed</div></button>', `Pay ${MASK}`],
    ['<label id="t">Name <input value="typed"><textarea>draft</textarea><select><option>Opt</option></select></label>', 'Name'],
    ['<textarea id="t">draft</textarea>', ''],
    ['<button id="t">Go<script>var s = 1</script><style>b{}</style></button>', 'Go'],
    ['<ul id="t"><li>One</li><li>Two</li></ul>', 'One Two'],
  ])('%s → %j', (markup, text) => {
    expect(elementText(html(markup)('#t'))).toBe(text);
  });

  it('cuts to 255 characters, masking an email that straddles the cut', () => {
    const email = `${'x'.repeat(30)}@example.com`;
    const text = elementText(html(`<p id="t">${'a'.repeat(248)} ${email} tail</p>`)('#t'));
    expect(text.length).toBeLessThanOrEqual(255);
    expect(text).not.toContain('xxxxxxxxxx');
    expect(text.endsWith(MASK)).toBe(true);
  });

  it('applies user patterns', () => {
    expect(elementText(html('<p id="t">Card ends in 4242</p>')('#t'), compilePatterns(['ends in \\d{4}']))).toBe(`Card ${MASK}`);
  });

  it('reads text inside an open shadow root and honours data-amp-mask across it', () => {
    const $ = html('<div id="host" data-amp-mask></div><div id="host2"></div>');
    const root = $('#host').attachShadow({ mode: 'open' });
    root.innerHTML = '<button id="t">Secret</button>';
    expect(isTextMasked(root.querySelector('#t')!)).toBe(true);
    expect(closestAcrossShadow(root.querySelector('#t')!, '#host')).toBe($('#host'));
    const root2 = $('#host2').attachShadow({ mode: 'open' });
    root2.innerHTML = '<span>Shadow text</span>';
    expect(elementText($('#host2'))).toBe('Shadow text');
  });
});

describe('pageTitle (docs/autocapture.md "Privacy")', () => {
  it.each([
    ['<title>Checkout</title>', 'Checkout'],
    ['<title data-amp-mask>John Doe - Personal Banking Dashboard</title>', MASK],
    ['<title data-amp-mask="false">Sensitive Customer Information</title>', MASK],
    ['<title>Hi jane@corp.com</title>', `Hi ${MASK}`],
  ])('%s → %j', (markup, title) => {
    document.head.innerHTML = markup;
    expect(pageTitle(document)).toBe(title);
  });

  it('only the page <title> (the first, which document.title reads) decides, not a marked <title> further down', () => {
    document.head.innerHTML = '<title>Checkout</title>';
    document.body.innerHTML = '<svg><title data-amp-mask>Icon</title></svg>';
    expect(titleMasked(document)).toBe(false);
    expect(pageTitle(document)).toBe('Checkout');
    document.head.innerHTML = '<title data-amp-mask>Checkout</title>';
    expect(titleMasked(document)).toBe(true);
    document.body.innerHTML = '';
  });
});
