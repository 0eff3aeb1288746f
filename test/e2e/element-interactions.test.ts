import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useChromium } from '../support/chromium';
import type { StoredEvent } from '../support/collector';

const CLICKED = '[Amplitude] Element Clicked';
const CHANGED = '[Amplitude] Element Changed';

describe('element interactions in Chromium', () => {
  const env = useChromium();

  const open = async (sdk: boolean): Promise<Page> => {
    const page = await env.browser.newPage({ viewport: { width: 1000, height: 700 } });
    await page.goto(`${env.collector.url}/fixtures/element-interactions/?sdk=${sdk ? 1 : 0}`);
    await page.waitForFunction(() => (window as any).ready);
    return page;
  };

  // The same user session, with and without the SDK.
  const interact = async (page: Page) => {
    await page.click('#link');
    await page.click('#buy-label b');
    await page.check('#agree');
    await page.selectOption('#size', 'M');
    await page.click('#guarded');
    await page.click('#save');
    return { log: await page.evaluate(() => (window as any).appLog), url: page.url() };
  };

  const byId = (events: StoredEvent[], type: string, id: string) =>
    events.find((e) => e.event_type === type && e.event_properties?.['[Amplitude] Element ID'] === id)?.event_properties;

  it('sends the documented properties for links, buttons, nested spans, checkbox and select changes, and leaves the app unchanged', async () => {
    const plain = await open(false);
    const without = await interact(plain);
    await plain.close();

    const page = await open(true);
    const pageErrors: Error[] = [];
    page.on('pageerror', (e) => pageErrors.push(e));
    const withSdk = await interact(page);
    expect(withSdk.log).toEqual(without.log);
    expect(new URL(withSdk.url).pathname).toBe(new URL(without.url).pathname);
    expect(withSdk.log).toContain('guarded:prevented');
    expect(withSdk.log).toContain('submit:M');

    const events = await env.collector.waitFor((evs) => evs.filter((e) => e.event_type === CLICKED).length >= 5 && evs.filter((e) => e.event_type === CHANGED).length >= 2);
    expect(pageErrors).toEqual([]);
    const origin = env.collector.url;

    expect(byId(events, CLICKED, 'link')).toMatchObject({
      '[Amplitude] Element Tag': 'a',
      '[Amplitude] Element Text': 'Details',
      '[Amplitude] Element Href': `${env.collector.url}/fixtures/element-interactions/?sdk=1#details`,
      '[Amplitude] Element Class': 'nav-link',
      '[Amplitude] Element Parent Label': 'Main menu',
      '[Amplitude] Page URL': `${env.collector.url}/fixtures/element-interactions/`,
      '[Amplitude] Page Title': 'Element interactions fixture',
      '[Amplitude] Viewport Width': 1000,
      '[Amplitude] Viewport Height': 700,
    });
    const buy = byId(events, CLICKED, 'buy')!;
    expect(buy).toMatchObject({
      '[Amplitude] Element Tag': 'button',
      '[Amplitude] Element Text': 'Buy now',
      '[Amplitude] Element Class': 'btn primary',
      '[Amplitude] Element Aria Label': 'Buy plan',
      '[Amplitude] Element Attributes': { plan: 'pro' },
      '[Amplitude] Element Parent Label': 'Plans',
      '[Amplitude] Element Selector': '#buy',
    });
    expect(buy['[Amplitude] Element Position Left']).toBeGreaterThan(0);
    expect(buy['[Amplitude] Element Position Top']).toBeGreaterThan(0);
    expect(buy['[Amplitude] Element Hierarchy'].map((n: any) => n.tag)).toEqual(['button', 'section', 'body']);

    const agree = byId(events, CHANGED, 'agree')!;
    expect(agree).toMatchObject({ '[Amplitude] Element Tag': 'input' });
    expect(agree['[Amplitude] Element Hierarchy'][0].attrs).toEqual({ type: 'checkbox' });
    expect(agree).not.toHaveProperty('[Amplitude] Element Text');
    expect(byId(events, CHANGED, 'size')).toMatchObject({ '[Amplitude] Element Tag': 'select' });
    expect(byId(events, CLICKED, 'save')).toMatchObject({ '[Amplitude] Element Text': 'Save' });
    await page.close();
  });

  it('describes an element as it was when clicked, even when the app removes it in its click handler', async () => {
    await env.collector.reset();
    const page = await open(true);
    await page.evaluate(() => {
      const list = document.createElement('ul');
      list.id = 'todo';
      list.innerHTML = '<li>Milk</li><li class="item"><button id="rm" class="rm">Remove</button></li>';
      list.querySelector('#rm')!.addEventListener('click', (e) => (e.target as Element).closest('li')!.remove());
      document.body.append(list);
    });
    await page.click('#rm');
    expect(await page.$('#rm')).toBeNull();
    const events = await env.collector.waitFor((evs) => !!byId(evs, CLICKED, 'rm'), 8000);
    const rm = byId(events, CLICKED, 'rm')!;
    expect(rm['[Amplitude] Element Hierarchy'].slice(0, 3)).toEqual([
      { tag: 'button', index: 0, indexOfType: 0, id: 'rm', classes: ['rm'] },
      { tag: 'li', index: 1, indexOfType: 1, prevSib: 'li', classes: ['item'] },
      expect.objectContaining({ tag: 'ul', id: 'todo' }),
    ]);
    expect(rm).toMatchObject({ '[Amplitude] Element Text': 'Remove', '[Amplitude] Element Selector': '#rm' });
    expect(rm['[Amplitude] Element Position Top']).toBeGreaterThan(0);
    await page.close();
  });

  it('detects rage clicks and dead clicks', async () => {
    await env.collector.reset();
    const page = await open(true);
    for (let i = 0; i < 4; i++) await page.click('#rage', { position: { x: 20 + i * 3, y: 20 } });
    await page.click('#dead');
    const events = await env.collector.waitFor(
      (evs) => evs.some((e) => e.event_type === '[Amplitude] Rage Click') && evs.some((e) => e.event_type === '[Amplitude] Dead Click'),
      8000,
    );
    const rage = events.find((e) => e.event_type === '[Amplitude] Rage Click')!.event_properties;
    expect(rage).toMatchObject({ '[Amplitude] Click Count': 4, '[Amplitude] Element ID': 'rage', '[Amplitude] Element Tag': 'div' });
    expect(rage['[Amplitude] Clicks']).toHaveLength(4);
    const dead = events.find((e) => e.event_type === '[Amplitude] Dead Click')!.event_properties;
    expect(dead).toMatchObject({ '[Amplitude] Element ID': 'dead', '[Amplitude] X': expect.any(Number), '[Amplitude] Y': expect.any(Number) });
    await page.close();
  });
});
