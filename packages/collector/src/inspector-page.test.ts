import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// The page's own modules, loaded as the browser loads them (plain ES modules, no build).
// @ts-expect-error: plain JavaScript modules without type declarations
import { createEventsView, PAGE } from '../inspector/events-view.js';
// @ts-expect-error: as above
import { byTimeline, describePending, fullTime, matches, NO_FILTERS, refusedEvents } from '../inspector/format.js';
// @ts-expect-error: as above
import { addEvents, addUploads, createModel, exportEvents } from '../inspector/model.js';
import { INSPECTOR_ASSETS, INSPECTOR_CSP, inspectorPage, loadInspectorAssets } from './inspector-page';

type Entry = { seq: number; event: Record<string, unknown> };

afterEach(() => {
  document.body.textContent = '';
});

describe('inspector page shell', () => {
  it('loads only its own files, with nothing inline, under a CSP that allows nothing else', () => {
    const html = inspectorPage(['format.js']);
    expect(html).not.toMatch(/<script>|<style|\son[a-z]+=|style="/);
    expect([...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1])).toEqual(['/favicon.svg', `${INSPECTOR_ASSETS}inspector.css`, `${INSPECTOR_ASSETS}main.js`, `${INSPECTOR_ASSETS}format.js`]);
    expect(INSPECTOR_CSP).toContain("script-src 'self'");
    expect(INSPECTOR_CSP).not.toMatch(/unsafe|https?:/);
  });

  it('serves every module the page imports, each small enough to read', () => {
    // happy-dom gives this module an http: URL, so name the directory from the repository root.
    const assets = loadInspectorAssets(resolve(process.cwd(), 'packages/collector/inspector'));
    for (const [name, { body }] of assets) {
      expect(body.split('\n').length, name).toBeLessThan(300);
      for (const [, imported] of body.matchAll(/from '\.\/([^']+)'/g)) expect(assets.has(imported as string), `${name} imports ${imported}`).toBe(true);
    }
    expect([...assets.keys()]).toContain('main.js');
  });
});

describe('inspector helpers', () => {
  it('shows full local timestamps with milliseconds', () => {
    const ms = new Date(2026, 0, 2, 3, 4, 5, 67).getTime();
    expect(fullTime(ms)).toBe('2026-01-02 03:04:05.067');
    expect(fullTime(undefined)).toBe('');
  });

  it('orders a session timeline by time, then event_id, then arrival', () => {
    const entries: Entry[] = [
      { seq: 0, event: { time: 130, event_id: 1, event_type: '$identify' } },
      { seq: 1, event: { time: 129, event_id: 2, event_type: 'session_start' } },
      { seq: 2, event: { time: 130, event_id: 0, event_type: 'first at 130' } },
    ];
    expect(entries.slice().sort(byTimeline).map((e) => e.event.event_type)).toEqual(['session_start', 'first at 130', '$identify']);
  });

  it('filters by type, user or device, session, property and any text', () => {
    const entry = { seq: 0, event: { event_type: 'Clicked', user_id: 'Ada', device_id: 'dev-9', session_id: 42, event_properties: { color: 'Red', n: 3 } } };
    const f = (over: Record<string, string>) => matches(entry, { ...NO_FILTERS, ...over });
    expect([f({}), f({ type: 'Clicked' }), f({ type: 'Click' }), f({ user: 'ada' }), f({ user: 'dev-9' }), f({ user: 'bob' })]).toEqual([true, true, false, true, true, false]);
    expect([f({ session: '42' }), f({ session: '4' }), f({ property: 'color' }), f({ property: 'color=red' }), f({ property: 'color=blue' }), f({ property: 'size' })]).toEqual([
      true, false, true, true, false, false,
    ]);
    expect([f({ text: 'RED' }), f({ text: 'nothing' })]).toEqual([true, false]);
  });

  it('names each refused event with its reasons from the answer', () => {
    expect(refusedEvents({ code: 400, events_with_invalid_fields: { user_id: [0, 2] }, events_with_missing_fields: { event_type: [2] } })).toEqual([
      { index: 0, reasons: ['invalid field: user_id'] },
      { index: 2, reasons: ['missing field: event_type', 'invalid field: user_id'] },
    ]);
    expect(refusedEvents({ code: 429, throttled_events: [1] })).toEqual([{ index: 1, reasons: ['throttled'] }]);
    expect(refusedEvents(undefined)).toEqual([]);
  });

  it('describes pending faults for the banner', () => {
    expect(describePending({ status: 503, remaining: 2 })).toBe('503 for the next 2 uploads');
    expect(describePending({ status: 413, remaining: 1, minEvents: 11 })).toBe('413 for the next upload of 11+ events');
    expect(describePending({ api: 'replay', status: 200, headers: { 'X-Session-Replay-Event-Skipped': '4005' }, remaining: 1 })).toBe('200 skipping 4005 for the next upload (session replay)');
    expect(describePending({ hang: true, remaining: 1 })).toBe('no answer (hang) for the next upload');
  });

  it('counts with a Map, marks duplicates from upload records, and exports NDJSON or JSON', () => {
    const model = createModel();
    addEvents(model, ['constructor', '__proto__', 'toString', 'constructor'].map((event_type) => ({ event_type })));
    expect([...model.counts]).toEqual([['constructor', 2], ['__proto__', 1], ['toString', 1]]);
    expect(addUploads(model, [{ id: 'u1', duplicates: ['a', 'a'] }, { id: 'u1', duplicates: ['a'] }])).toEqual(['a', 'a']);
    expect(model.duplicates.get('a')).toBe(2);
    const entries = [{ seq: 0, event: { event_type: 'a' } }, { seq: 1, event: { event_type: 'b' } }];
    expect(exportEvents(entries, 'ndjson')).toBe('{"event_type":"a"}\n{"event_type":"b"}\n');
    expect(JSON.parse(exportEvents(entries, 'json'))).toEqual([{ event_type: 'a' }, { event_type: 'b' }]);
  });
});

describe('events view', () => {
  const setup = () => {
    const model = createModel();
    const root = document.createElement('section');
    document.body.append(root);
    const filters = { ...NO_FILTERS };
    const view = createEventsView({ root, model, filters: () => filters, actions: { showUpload: () => {} } });
    const add = (events: Record<string, unknown>[]) => view.add(addEvents(model, events));
    const rows = () => [...root.querySelectorAll('[data-testid="event-row"]')] as HTMLDetailsElement[];
    return { model, root, filters, view, add, rows };
  };
  const event = (i: number, over: Record<string, unknown> = {}) => ({ event_type: `E${i}`, insert_id: `i${i}`, device_id: 'device-1', session_id: i % 2, time: 1000 + i, ...over });

  it('adds new events on top without rebuilding: an open row stays open, the same node', () => {
    const { add, rows } = setup();
    add([event(1), event(2)]);
    const opened = rows()[1]!;
    opened.open = true;
    opened.dispatchEvent(new Event('toggle'));
    add([event(3)]);
    expect(rows().map((r) => r.dataset.insertId)).toEqual(['i3', 'i2', 'i1']);
    expect(rows()[2]).toBe(opened);
    expect(opened.open).toBe(true);
    expect(opened.querySelectorAll('pre')[2]?.textContent).toContain('"insert_id": "i1"');
  });

  it('keeps rows open across a filter change, and renders a page of rows at a time', () => {
    const { add, rows, filters, view, root } = setup();
    add(Array.from({ length: PAGE + 5 }, (_, i) => event(i)));
    expect(rows()).toHaveLength(PAGE);
    expect(root.querySelector('[data-testid="show-more"]')?.textContent).toBe('Show 5 more');
    rows()[0]!.open = true;
    rows()[0]!.dispatchEvent(new Event('toggle'));
    filters.text = `i${PAGE + 4}`;
    view.rebuild();
    expect(rows().map((r) => [r.dataset.insertId, r.open])).toEqual([[`i${PAGE + 4}`, true]]);
  });

  it('groups by session with a timeline per session, new events inserted in time order', () => {
    const { add, view, root } = setup();
    add([event(1, { time: 50 }), event(3, { time: 10 })]);
    view.setMode('sessions');
    const group = root.querySelector('[data-testid="group"][data-group="1"]') as HTMLDetailsElement;
    expect(group).not.toBeNull();
    group.open = true;
    group.dispatchEvent(new Event('toggle'));
    add([event(5, { time: 30 })]);
    expect([...group.querySelectorAll('[data-testid="event-row"]')].map((r) => (r as HTMLElement).dataset.insertId)).toEqual(['i3', 'i5', 'i1']);
  });
});
