import { MASK } from '@footprint/plugin-masking';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { elementInteractionsPlugin, autocapturePlugin } from './element-interactions-plugin';
import { DEFAULT_CSS_SELECTOR_ALLOWLIST } from './options';
import { change, click, countLiveHooks, setupPlugin } from '../test/helpers';

const CLICKED = '[Amplitude] Element Clicked';
const CHANGED = '[Amplitude] Element Changed';
let plugin: ReturnType<typeof elementInteractionsPlugin>;

const start = (options?: Parameters<typeof elementInteractionsPlugin>[0]) => {
  plugin = elementInteractionsPlugin(options);
  return setupPlugin(plugin);
};
const $ = (sel: string) => document.querySelector(sel)!;
const idle = () => vi.advanceTimersByTime(5);

beforeEach(() => {
  vi.useFakeTimers();
  document.head.innerHTML = '<title>Shop</title>';
  document.body.innerHTML = '';
});
afterEach(() => {
  plugin?.teardown?.();
  vi.useRealTimers();
});

describe('elementInteractionsPlugin', () => {
  it('exports the documented default allowlist and the anchor alias', () => {
    expect(DEFAULT_CSS_SELECTOR_ALLOWLIST).toEqual(['a', 'button', 'input', 'select', 'textarea', 'label', 'video', 'audio', '[contenteditable="true" i]', '[data-amp-default-track]', '.amp-default-track']);
    expect(autocapturePlugin).toBe(elementInteractionsPlugin);
  });

  it('tracks a button click with every documented property, after the click returns', () => {
    document.body.innerHTML = `<main><span>Pricing</span><div class="row">
      <button id="buy" class="btn primary" aria-label="Buy now" data-amp-track-plan="pro" style="x" onclick="void 0">Buy</button></div></main>`;
    const { tracked } = start();
    click($('#buy'));
    expect(tracked).toEqual([]); // deferred to idle time
    idle();
    expect(tracked).toHaveLength(1);
    const [{ type, props, time }] = tracked;
    expect(type).toBe(CLICKED);
    expect(time).toBeTypeOf('number');
    expect(props).toMatchObject({
      '[Amplitude] Element ID': 'buy',
      '[Amplitude] Element Class': 'btn primary',
      '[Amplitude] Element Tag': 'button',
      '[Amplitude] Element Text': 'Buy',
      '[Amplitude] Element Position Left': expect.any(Number),
      '[Amplitude] Element Position Top': expect.any(Number),
      '[Amplitude] Viewport Height': window.innerHeight,
      '[Amplitude] Viewport Width': window.innerWidth,
      '[Amplitude] Page URL': location.href.split('?')[0],
      '[Amplitude] Page Title': 'Shop',
      '[Amplitude] Element Selector': '#buy',
      '[Amplitude] Element Attributes': { plan: 'pro' },
      '[Amplitude] Element Aria Label': 'Buy now',
      '[Amplitude] Element Parent Label': 'Pricing',
    });
    expect(props['[Amplitude] Element Hierarchy']).toEqual([
      { tag: 'button', index: 0, indexOfType: 0, id: 'buy', classes: ['btn', 'primary'], attrs: { 'aria-label': 'Buy now', 'data-amp-track-plan': 'pro' } },
      { tag: 'div', index: 1, indexOfType: 0, prevSib: 'span', classes: ['row'] },
      { tag: 'main', index: 0, indexOfType: 0 },
      { tag: 'body', index: 1, indexOfType: 0, prevSib: 'head' },
    ]);
    expect(props).not.toHaveProperty('[Amplitude] Element Href');
  });

  it('attributes a click on a span nested in a button to the button', () => {
    document.body.innerHTML = '<button id="b"><span id="s">Go <b>now</b></span></button>';
    const { tracked } = start();
    click($('#s b'));
    idle();
    expect(tracked[0].props).toMatchObject({ '[Amplitude] Element ID': 'b', '[Amplitude] Element Tag': 'button', '[Amplitude] Element Text': 'Go now' });
  });

  it.each([
    ['https://shop.example/pricing?utm=1', 'https://shop.example/pricing?utm=1'],
    ['https://shop.example/cb?token=abc', `https://shop.example/cb?token=${MASK}`],
    [`https://shop.example/${'p'.repeat(200)}`, `https://shop.example/${'p'.repeat(200)}`.slice(0, 128)],
  ])('records a link href %s as %s', (href, expected) => {
    document.body.innerHTML = `<a id="l" href="${href}">Link</a>`;
    $('#l').addEventListener('click', (e) => e.preventDefault());
    const { tracked } = start();
    click($('#l'));
    idle();
    expect(tracked[0].props['[Amplitude] Element Href']).toBe(expected);
  });

  it.each([
    ['<select id="t" class="s"><option>a</option><option selected>b</option></select>', 'select', { type: undefined }],
    ['<input id="t" class="c" type="checkbox" name="agree">', 'input', { type: 'checkbox' }],
    ['<input id="t" type="text" value="typed secret" placeholder="Your name">', 'input', { type: 'text' }],
  ])('tracks a change on %s without text, href or value', (markup, tag, attrs) => {
    document.body.innerHTML = `<form>${markup}</form>`;
    const { tracked } = start();
    change($('#t'));
    idle();
    expect(tracked).toHaveLength(1);
    expect(tracked[0].type).toBe(CHANGED);
    const p = tracked[0].props;
    expect(p['[Amplitude] Element Tag']).toBe(tag);
    expect(p).not.toHaveProperty('[Amplitude] Element Text');
    expect(p).not.toHaveProperty('[Amplitude] Element Href');
    expect(p['[Amplitude] Element Hierarchy'][0].attrs).toEqual(attrs.type ? attrs : undefined);
    expect(JSON.stringify(p)).not.toMatch(/typed secret|Your name|agree/);
  });

  it('ignores clicks on elements outside both allowlists', () => {
    document.body.innerHTML = '<p id="p">text</p>';
    const { tracked } = start();
    click($('#p'));
    vi.advanceTimersByTime(1000);
    expect(tracked).toEqual([]);
  });

  it('tracks an action click (div/span) only when the DOM changes within 500 ms', async () => {
    document.body.innerHTML = '<div id="opens">Open</div><div id="inert">Nothing</div>';
    $('#opens').addEventListener('click', () => document.body.append(document.createElement('dialog')));
    const { tracked } = start();
    click($('#opens'));
    await vi.advanceTimersByTimeAsync(10);
    click($('#inert'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(tracked.map((t) => t.props['[Amplitude] Element ID'])).toEqual(['opens']);
  });

  it('tracks an action click that navigates (URL change) within 500 ms', async () => {
    document.body.innerHTML = '<span id="nav">Next</span>';
    $('#nav').addEventListener('click', () => history.pushState({}, '', '#next'));
    const { tracked } = start();
    click($('#nav'));
    await vi.advanceTimersByTimeAsync(600);
    expect(tracked).toHaveLength(1);
    history.replaceState({}, '', location.pathname);
  });

  it('with cssSelectorAllowlist [".amp-tracking"] and actionClickAllowlist [] tracks only those elements (docs example)', async () => {
    document.body.innerHTML = '<button id="b">x</button><div id="d" class="amp-tracking">y</div>';
    const { tracked } = start({ cssSelectorAllowlist: ['.amp-tracking'], actionClickAllowlist: [] });
    click($('#b'));
    click($('#d'));
    await vi.advanceTimersByTimeAsync(600);
    expect(tracked.map((t) => t.props['[Amplitude] Element ID'])).toEqual(['d']);
  });

  it.each([
    [[location.href], undefined, 1],
    [[/nowhere/], undefined, 0],
    [[new RegExp(location.host)], undefined, 1],
    [[`${location.origin}/*`], undefined, 1],
    [undefined, [location.href], 0],
    [[/./], [/./], 0], // the excludelist wins
  ])('pageUrlAllowlist %s / pageUrlExcludelist %s → %i events', (pageUrlAllowlist, pageUrlExcludelist, n) => {
    document.body.innerHTML = '<button id="b">x</button>';
    const { tracked } = start({ pageUrlAllowlist, pageUrlExcludelist });
    click($('#b'));
    idle();
    expect(tracked).toHaveLength(n);
  });

  it('uses dataAttributePrefix for Element Attributes (string or RegExp)', () => {
    document.body.innerHTML = '<button id="b" data-x-plan="pro" data-amp-track-y="1">x</button>';
    let { tracked } = start({ dataAttributePrefix: 'data-x-' });
    click($('#b'));
    idle();
    expect(tracked[0].props['[Amplitude] Element Attributes']).toEqual({ plan: 'pro' });
    plugin.teardown!();
    ({ tracked } = start({ dataAttributePrefix: /^data-(x|amp-track)-/ }));
    click($('#b'));
    idle();
    expect(tracked[0].props['[Amplitude] Element Attributes']).toEqual({ plan: 'pro', y: '1' });
  });

  it('lets shouldTrackEventResolver decide instead of the allowlists', () => {
    document.body.innerHTML = '<button id="b">x</button><p id="p" data-track>y</p>';
    const resolver = vi.fn((_type: string, el: Element) => el.hasAttribute('data-track'));
    const { tracked } = start({ shouldTrackEventResolver: resolver });
    click($('#b'));
    click($('#p'));
    idle();
    expect(tracked.map((t) => t.props['[Amplitude] Element ID'])).toEqual(['p']);
    expect(resolver).toHaveBeenCalledWith('click', $('#b'));
  });

  it('masks text, attributes and patterns through plugin-masking', () => {
    document.head.innerHTML = '<title data-amp-mask>Jane Doe – Account</title>';
    document.body.innerHTML = `<div data-amp-mask-attributes="title"><button id="a" title="Jane">Mail jane@corp.com</button>
      <button id="b" data-amp-mask>Jane Doe</button><button id="c">Card ends in 4242</button></div>`;
    const { tracked } = start({ maskTextRegex: [/ends in \d{4}/] });
    for (const id of ['#a', '#b', '#c']) click($(id));
    idle();
    const [a, b, c] = tracked.map((t) => t.props);
    expect(a['[Amplitude] Element Text']).toBe(`Mail ${MASK}`);
    expect(a['[Amplitude] Element Hierarchy'][0].attrs).toEqual({ title: MASK });
    expect(a['[Amplitude] Page Title']).toBe(MASK);
    expect(b['[Amplitude] Element Text']).toBe(MASK);
    expect(c['[Amplitude] Element Text']).toBe(`Card ${MASK}`);
  });

  it('gives a password field nothing but class and type', () => {
    document.body.innerHTML = '<input id="pw" class="pw" type="password" name="password" value="hunter2" aria-label="Password">';
    const { tracked } = start();
    click($('#pw'));
    change($('#pw'));
    idle();
    for (const { props } of tracked) {
      expect(props['[Amplitude] Element Hierarchy'][0].attrs).toEqual({ type: 'password' });
      expect(props).not.toHaveProperty('[Amplitude] Element Aria Label');
      expect(props).not.toHaveProperty('[Amplitude] Element Text');
      expect(JSON.stringify(props)).not.toContain('hunter2');
    }
  });

  it('finds the element inside an open shadow root', () => {
    document.body.innerHTML = '<x-card id="host"></x-card>';
    const root = $('#host').attachShadow({ mode: 'open' });
    root.innerHTML = '<button id="inner">Shadow buy</button>';
    const { tracked } = start();
    click(root.querySelector('#inner')!);
    idle();
    expect(tracked[0].props).toMatchObject({ '[Amplitude] Element ID': 'inner', '[Amplitude] Element Text': 'Shadow buy' });
    expect(tracked[0].props['[Amplitude] Element Hierarchy'].map((n: any) => n.tag)).toEqual(['button', 'x-card', 'body']);
  });

  it('reads the element and its ancestors at click time, before the app removes them', () => {
    document.body.innerHTML = '<ul id="list"><li>a</li><li>b</li><li class="item"><button class="del">Delete</button></li></ul>';
    $('.del').addEventListener('click', (e) => (e.target as Element).closest('li')!.remove());
    const { tracked } = start();
    click($('.del'));
    idle();
    expect(tracked[0].props['[Amplitude] Element Hierarchy'].slice(0, 3)).toEqual([
      { tag: 'button', index: 0, indexOfType: 0, classes: ['del'] },
      { tag: 'li', index: 2, indexOfType: 2, prevSib: 'li', classes: ['item'] },
      { tag: 'ul', index: 0, indexOfType: 0, id: 'list' },
    ]);
    expect(tracked[0].props['[Amplitude] Element Selector']).toBe('#list > li:nth-of-type(3) > button');
    expect(tracked[0].props['[Amplitude] Element Text']).toBe('Delete');
  });

  it('lists classes as classList does (split on whitespace, each once) and keeps Element Class as written', () => {
    document.body.innerHTML = '<button id="b" class=" btn\tbig  btn ">x</button>';
    const { tracked } = start();
    click($('#b'));
    idle();
    expect(tracked[0].props['[Amplitude] Element Hierarchy'][0].classes).toEqual(['btn', 'big']);
    expect(tracked[0].props['[Amplitude] Element Class']).toBe(' btn\tbig  btn ');
  });

  it('masks attributes named by data-amp-mask-attributes on the element or any ancestor, and only there', () => {
    document.body.innerHTML = `<section data-amp-mask-attributes="title"><div data-amp-mask-attributes="name">
      <button id="in" title="Jane" name="jane" aria-label="Pay">x</button></div></section>
      <button id="out" title="Jane" name="jane">y</button>`;
    const { tracked } = start();
    click($('#in'));
    click($('#out'));
    idle();
    expect(tracked[0].props['[Amplitude] Element Hierarchy'][0].attrs).toEqual({ title: MASK, name: MASK, 'aria-label': 'Pay' });
    expect(tracked[1].props['[Amplitude] Element Hierarchy'][0].attrs).toEqual({ title: 'Jane', name: 'jane' });
  });

  it('has no execute, so the pipeline does not copy every event through it', () => {
    expect(elementInteractionsPlugin().execute).toBeUndefined();
  });

  it('cuts Element Hierarchy to 1024 characters by dropping outer ancestors', () => {
    document.body.innerHTML = `${'<div class="a-long-class-name another-long-class">'.repeat(30)}<button id="deep">x</button>${'</div>'.repeat(30)}`;
    const { tracked } = start();
    click($('#deep'));
    idle();
    const h = tracked[0].props['[Amplitude] Element Hierarchy'];
    expect(JSON.stringify(h).length).toBeLessThanOrEqual(1024);
    expect(h[0].id).toBe('deep');
    expect(h.length).toBeGreaterThan(3);
  });

  it('keeps walking up for Element Selector after the hierarchy is cut, and reads nothing past what both need', () => {
    document.body.innerHTML = `<main id="app">${'<div class="a-long-class-name another-long-class">'.repeat(30)}<p>x</p><button>y</button>${'</div>'.repeat(30)}</main>`;
    const { tracked } = start();
    // Past #app neither needs anything: <body> is never asked.
    const spy = vi.spyOn(document.body, 'getAttributeNames');
    click($('button'));
    idle();
    const p = tracked[0].props;
    expect(JSON.stringify(p['[Amplitude] Element Hierarchy']).length).toBeLessThanOrEqual(1024);
    expect(p['[Amplitude] Element Hierarchy'].length).toBeLessThan(31);
    expect(p['[Amplitude] Element Selector']).toBe(`#app > ${'div > '.repeat(30)}button`);
    expect(spy).not.toHaveBeenCalled();
  });

  it('warns about an invalid selector and keeps working', () => {
    document.body.innerHTML = '<button id="b">x</button>';
    const { tracked, warnings } = start({ cssSelectorAllowlist: ['button', '[[bad'] });
    click($('#b'));
    idle();
    expect(warnings.join()).toContain('[[bad');
    expect(tracked).toHaveLength(1);
  });

  it('leaves the app alone: no preventDefault, propagation continues, its own preventDefault stands, SDK errors stay inside', () => {
    document.body.innerHTML = '<form id="f"><button id="b" type="submit">Send</button></form>';
    const order: string[] = [];
    $('#b').addEventListener('click', (e) => {
      order.push(`target:${e.defaultPrevented}`);
      e.preventDefault();
    });
    document.body.addEventListener('click', () => order.push('bubble'));
    const { client, errors } = start();
    client.track.mockImplementation(() => {
      throw new Error('sdk bug');
    });
    const notCancelled = click($('#b'));
    expect(() => idle()).not.toThrow();
    expect(order).toEqual(['target:false', 'bubble']);
    expect(notCancelled).toBe(false); // the app's preventDefault, nothing else
    expect(errors).toHaveLength(1);
  });

  it('uses requestIdleCallback with a timeout when the browser has it', () => {
    const ric = vi.fn((fn: () => void, _opts?: { timeout: number }) => setTimeout(fn, 50));
    Object.assign(window, { requestIdleCallback: ric, cancelIdleCallback: (id: number) => clearTimeout(id) });
    try {
      document.body.innerHTML = '<button id="b">x</button>';
      const { tracked } = start();
      click($('#b'));
      click($('#b'));
      expect(ric).toHaveBeenCalledTimes(1); // one idle callback drains every pending click
      expect(ric.mock.calls[0][1]).toEqual({ timeout: 1000 });
      vi.advanceTimersByTime(50);
      expect(tracked).toHaveLength(2);
    } finally {
      delete (window as any).requestIdleCallback;
      delete (window as any).cancelIdleCallback;
    }
  });

  it('sends pending work when the page hides instead of losing it', () => {
    document.body.innerHTML = '<button id="b">x</button>';
    const { tracked } = start();
    click($('#b'));
    window.dispatchEvent(new Event('pagehide'));
    expect(tracked).toHaveLength(1);
  });

  it('tracks clicks inside a same-origin iframe', async () => {
    document.body.innerHTML = '<iframe id="f"></iframe>';
    const { tracked } = start();
    const fdoc = ($('#f') as HTMLIFrameElement).contentDocument!;
    fdoc.body.innerHTML = '<button id="in">Inside</button>';
    click(fdoc.querySelector('#in')!);
    idle();
    expect(tracked[0]?.props['[Amplitude] Element ID']).toBe('in');
  });

  it('teardown removes every listener and observer it added', async () => {
    const hooks = countLiveHooks();
    try {
      const before = hooks.listeners();
      document.body.innerHTML = '<div id="d">x</div><iframe></iframe>';
      const { tracked } = start();
      expect(hooks.listeners()).toBeGreaterThan(before);
      click($('#d')); // leaves a pending change watch with an observer
      expect(hooks.observers()).toBe(1);
      plugin.teardown!();
      expect(hooks.listeners()).toBe(before);
      expect(hooks.observers()).toBe(0);
      document.body.innerHTML = '<button id="b">x</button>';
      click($('#b'));
      await vi.advanceTimersByTimeAsync(1000);
      expect(tracked).toEqual([]);
    } finally {
      hooks.restore();
    }
  });
});
