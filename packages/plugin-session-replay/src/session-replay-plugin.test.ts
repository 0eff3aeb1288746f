import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Config } from '@footprint/core';

// rrweb stands in as a recorder that emits Meta and FullSnapshot when started, like the real one.
const recorders: Array<{ emit: (e: unknown) => void; stopped: boolean; options: Record<string, any> }> = [];
vi.mock('./load', () => ({
  loadRecord: async () => (options: Record<string, any>) => {
    const r = { emit: options.emit, stopped: false, options };
    recorders.push(r);
    options.emit({ type: 4, timestamp: Date.now(), data: { href: 'x' } });
    options.emit({ type: 2, timestamp: Date.now(), data: {} });
    return () => void (r.stopped = true);
  },
}));
const { sessionReplayPlugin } = await import('./session-replay-plugin');

const PROP = '[Amplitude] Session Replay ID';
const config = (over: Partial<Config> & { getConsent?: () => string } = {}) =>
  ({ apiKey: 'key-0123456789', deviceId: 'dev-1', sessionId: 1_700_000_000_000, optOut: false, logLevel: 0, loggerProvider: console, storeType: 'memory', ...over }) as unknown as Config;
const until = (f: () => boolean) => vi.waitFor(() => expect(f()).toBe(true), { timeout: 3000 });

describe('sessionReplayPlugin', () => {
  afterEach(() => {
    recorders.length = 0;
  });

  it('records a sampled session and tags its events, except $identify', async () => {
    const sent: any[] = [];
    const handleSendEvents = async (r: any) => (sent.push(r), new Response('{}', { status: 200 }));
    const plugin = sessionReplayPlugin({ sampleRate: 1, storeType: 'memory', useWebWorker: false, trackServerUrl: 'https://sr.test/track', handleSendEvents });
    const c = config();
    await plugin.setup!(c, {});
    await until(() => recorders.length === 1);
    await until(() => sent.length === 1);
    expect(sent[0].url).toBe('https://sr.test/track?device_id=dev-1&session_id=1700000000000&type=replay');
    const text = typeof sent[0].body === 'string' ? sent[0].body : gunzipSync(sent[0].body).toString();
    expect(sent[0].headers['Content-Encoding']).toBe(typeof sent[0].body === 'string' ? undefined : 'gzip');
    expect(JSON.parse(text).events.map((x: string) => JSON.parse(x).type)).toEqual([4, 2]);
    const e = (await plugin.execute!({ event_type: 'Buy', session_id: c.sessionId })) as any;
    expect(e.event_properties[PROP]).toBe('dev-1/1700000000000');
    const id = (await plugin.execute!({ event_type: '$identify', session_id: c.sessionId })) as any;
    expect(id.event_properties).toBeUndefined();
    expect(recorders[0].options.maskAllInputs).toBe(true);
    expect(recorders[0].options.maskTextFn('a@b.co', null)).toBe('*****');
    await plugin.teardown!();
    expect(recorders[0].stopped).toBe(true);
  });

  it('sampleRate 0 records nothing and adds no property', async () => {
    const plugin = sessionReplayPlugin({ sampleRate: 0, storeType: 'memory' });
    const c = config();
    await plugin.setup!(c, {});
    await new Promise((r) => setTimeout(r, 50));
    const e = (await plugin.execute!({ event_type: 'Buy', session_id: c.sessionId })) as any;
    expect(e.event_properties).toBeUndefined();
    expect(recorders).toHaveLength(0);
    await plugin.teardown!();
  });

  it('a new session stops the recording and starts a fresh one; opt-out and pending consent stop it', async () => {
    let consent = 'granted';
    const plugin = sessionReplayPlugin({ sampleRate: 1, storeType: 'memory', useWebWorker: false, handleSendEvents: async () => new Response('{}') });
    const c = config({ getConsent: () => consent });
    await plugin.setup!(c, {});
    await until(() => recorders.length === 1);
    c.sessionId = 1_700_000_100_000;
    plugin.onSessionIdChanged!(c.sessionId);
    await until(() => recorders.length === 2);
    expect(recorders[0].stopped).toBe(true);
    expect(plugin.getSessionReplayProperties()).toEqual({ [PROP]: 'dev-1/1700000100000' });

    c.optOut = true;
    plugin.onOptOutChanged!(true);
    expect(recorders[1].stopped).toBe(true);
    expect(plugin.getSessionReplayProperties()).toEqual({});
    c.optOut = false;
    plugin.onOptOutChanged!(false);
    await until(() => recorders.length === 3);

    consent = 'pending';
    await plugin.execute!({ event_type: 'x', session_id: c.sessionId });
    expect(recorders[2].stopped).toBe(true);
    expect(plugin.getSessionReplayProperties()).toEqual({});
    await plugin.teardown!();
  });
});
