// @vitest-environment node
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { inspectorPage } from './inspector-page';

type Listener = (message: { data: string }) => void;

/** Loads the page in happy-dom with a fake EventSource whose messages the test sends. */
async function loadPage() {
  const window = new Window({
    url: 'http://127.0.0.1:8787/',
    settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true },
  });
  const listeners: Record<string, Listener> = {};
  const globals = window as unknown as Record<string, unknown>;
  globals.EventSource = class {
    url: string;
    constructor(url: string) {
      this.url = url;
      listeners.url = () => url;
    }
    addEventListener(name: string, listener: Listener) {
      listeners[name] = listener;
    }
  };
  globals.requestAnimationFrame = (callback: () => void) => setTimeout(callback, 0);
  window.document.write(inspectorPage());
  await window.happyDOM.waitUntilComplete();
  const send = async (name: string, data: unknown) => {
    listeners[name]?.({ data: JSON.stringify(data) });
    await new Promise((resolve) => setTimeout(resolve, 5));
  };
  const query = (selector: string) => [...window.document.querySelectorAll(selector)];
  pages.push(window);
  return { window, listeners, send, query };
}

const pages: Window[] = [];
afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => page.happyDOM.close()));
});

describe('inspector page', () => {
  it('is self-contained: no script or style from elsewhere', () => {
    expect(inspectorPage()).not.toMatch(/<(script|link)[^>]+(src|href)="(?!\/[a-z])/);
    expect(inspectorPage()).not.toMatch(/<script[^>]+src=/);
  });

  it('subscribes to the stream and lists events newest first with counts', async () => {
    const { send, query, listeners } = await loadPage();
    expect(listeners.url?.({ data: '' })).toBe('/_footprint/stream');
    await send('ingest', { replay: true, events: [{ event_type: 'Page Viewed', insert_id: 'i-1', device_id: 'device-1' }] });
    await send('ingest', { events: [{ event_type: 'Clicked', insert_id: 'i-2', user_id: 'user-1', event_properties: { a: 1 } }] });
    const rows = query('[data-testid="event-row"]');
    expect(rows.map((r) => r.getAttribute('data-insert-id'))).toEqual(['i-2', 'i-1']);
    expect(rows.map((r) => r.getAttribute('data-event-type'))).toEqual(['Clicked', 'Page Viewed']);
    expect(rows[0]?.querySelector('pre')?.textContent).toContain('"a": 1');
    expect(query('[data-testid="counts"] [data-event-type]').map((c) => c.textContent)).toEqual(['Clicked1', 'Page Viewed1']);
  });

  it('filters by event type or any text, and shows rejected uploads with their reason', async () => {
    const { window, send, query } = await loadPage();
    await send('ingest', { events: [{ event_type: 'a', insert_id: '1', device_id: 'dev-x' }, { event_type: 'b', insert_id: '2', device_id: 'dev-y' }] });
    await send('reject', { rejected: [{ at: 1, status: 413, error: 'Payload too large', path: '/2/httpapi', events: 3 }] });
    const filter = window.document.querySelector('[data-testid="filter"]') as unknown as { value: string; dispatchEvent(e: unknown): void };
    filter.value = 'dev-y';
    filter.dispatchEvent(new window.Event('input'));
    expect(query('[data-testid="event-row"]').map((r) => r.getAttribute('data-insert-id'))).toEqual(['2']);
    const rejected = query('[data-testid="rejected-row"]');
    expect(rejected.map((r) => r.textContent)).toEqual([expect.stringContaining('Payload too large')]);
  });

  it('counts reserved names such as constructor and __proto__ like any other event type', async () => {
    const { send, query } = await loadPage();
    const types = ['constructor', 'toString', '__proto__', 'constructor'];
    await send('ingest', { events: types.map((event_type, i) => ({ event_type, insert_id: `r-${i}`, device_id: 'device-1' })) });
    expect(query('[data-testid="counts"] [data-event-type]').map((c) => c.textContent)).toEqual(['__proto__1', 'constructor2', 'toString1']);
  });

  it('shows event data as text, never as markup, and empties on reset', async () => {
    const { window, send, query } = await loadPage();
    await send('ingest', { events: [{ event_type: '<img src=x onerror=alert(1)>', insert_id: '1', device_id: 'device-1' }] });
    expect(window.document.querySelector('img')).toBeNull();
    expect(query('[data-testid="event-row"] .type')[0]?.textContent).toBe('<img src=x onerror=alert(1)>');
    await send('reset', {});
    expect(query('[data-testid="event-row"]')).toEqual([]);
  });
});
