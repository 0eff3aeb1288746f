import { describe, expect, it } from 'vitest';
import { replayMasking } from './replay';

const html = (markup: string) => {
  document.body.innerHTML = markup;
  return (sel: string) => document.querySelector(sel)!;
};

describe('replayMasking', () => {
  const $ = html(`
    <p id="plain">Hello a@b.co card 4111 1111 1111 1111</p>
    <p id="m" class="amp-mask">secret</p>
    <div data-amp-mask><span id="dm">deep</span></div>
    <div class="amp-unmask"><span id="um">open</span><input id="uin" value="typed"><input id="upw" type="password"></div>
    <div class="amp-unmask amp-mask"><span id="both">both</span></div>
    <input id="text" type="text"><input id="email" type="email"><input id="cc" autocomplete="cc-number">
    <input id="hidden" type="hidden"><textarea id="ta"></textarea>
    <div contenteditable id="ce"><b id="ceb">x</b></div>
    <section class="custom"><i id="c">custom</i></section>
    <div class="amp-block" id="blk"></div>`);

  it('medium (default): page text in clear except emails and card numbers; every field masked', () => {
    const m = replayMasking();
    expect(m.maskText('Hello a@b.co card 4111 1111 1111 1111', $('#plain'))).toBe('Hello ***** card *****');
    expect(m.maskInput('typed', $('#text'))).toBe('*****');
    expect(m.maskText('line one', $('#ta'))).toBe('**** ***');
    expect(m.maskText('typed', $('#ceb'))).toBe('*****');
  });

  it('light: only sensitive fields masked; page text untouched', () => {
    const m = replayMasking({ defaultMaskLevel: 'light' });
    expect(m.maskText('Hello a@b.co', $('#plain'))).toBe('Hello a@b.co');
    expect(m.maskInput('typed', $('#text'))).toBe('typed');
    expect(m.maskInput('a@b.co', $('#email'))).toBe('******');
    expect(m.maskInput('4111', $('#cc'))).toBe('****');
    expect(m.maskInput('h', $('#hidden'))).toBe('*');
  });

  it('conservative: all text masked, whitespace kept', () => {
    const m = replayMasking({ defaultMaskLevel: 'conservative' });
    expect(m.maskText(' Hi there ', $('#plain'))).toBe(' ** ***** ');
    expect(m.maskText('open', $('#um'))).toBe('open');
  });

  it('mask classes, data-amp-mask and maskSelector mask at every level; a mask wins over an unmask', () => {
    const m = replayMasking({ defaultMaskLevel: 'light', maskSelector: ['.custom'] });
    expect(m.maskText('secret', $('#m'))).toBe('******');
    expect(m.maskText('deep', $('#dm'))).toBe('****');
    expect(m.maskText('custom', $('#c'))).toBe('******');
    expect(m.maskText('both', $('#both'))).toBe('****');
  });

  it('unmask records fields in clear, except passwords', () => {
    const m = replayMasking({ unmaskSelector: '.never' });
    expect(m.maskInput('typed', $('#uin'))).toBe('typed');
    expect(m.maskInput('pw', $('#upw'))).toBe('**');
  });

  it('block selector joins .amp-block and blockSelector, dropping selectors the browser refuses', () => {
    const valid = (s: string) => {
      try {
        document.body.closest(s);
        return true;
      } catch {
        return false;
      }
    };
    expect(replayMasking({ blockSelector: ['.ad', '[[bad'] }, valid).blockSelector).toBe('.amp-block,.ad');
    expect(replayMasking({ maskSelector: ['[[bad'] }, valid).maskText('x', $('#plain'))).toBe('x');
    // Unchecked, a refused selector masks rather than unmasks.
    expect(replayMasking({ maskSelector: ['[[bad'] }).maskText('x', $('#plain'))).toBe('*');
  });
});
