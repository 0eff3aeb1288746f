// Shared by this package's unit tests (not exported): a real core client whose events are recorded.
import { createClient, memoryStorage, type Event, type Options, type Plugin, type UserSession } from '@footprint/core';

export const API_KEY = 'test-api-key-0123456789';
export const IDENTITY_KEY = `AMP_${API_KEY.slice(0, 10)}`;
export const MKTG_KEY = `AMP_MKTG_${API_KEY.slice(0, 10)}`;

/** A real client with a recording destination; `storage` is its identity storage (and the campaign's). */
export const testClient = () => {
  const events: Event[] = [];
  const logs: string[] = [];
  const storage = memoryStorage<any>();
  const client = createClient({
    library: 'test/1.0.0',
    defaults: {
      transportProvider: { send: async () => ({ status: 200, body: { code: 200 } }) },
      logLevel: 4,
      loggerProvider: { log() {}, debug: (...a: unknown[]) => logs.push(a.map(String).join(' ')), warn: (...a: unknown[]) => logs.push(a.map(String).join(' ')), error: (...a: unknown[]) => logs.push(`ERROR ${a.map(String).join(' ')}`) },
    },
  });
  client.add({
    name: 'recorder',
    type: 'destination',
    execute: async (event) => {
      events.push(event);
      return { event, code: 200, message: 'recorded' };
    },
  } as Plugin);
  /** A returning visitor: identity with a session whose last event was `agoMs` ago. */
  const returning = async (agoMs: number, campaign?: object) => {
    const sessionId = Date.now() - agoMs - 60_000;
    await storage.set(IDENTITY_KEY, { deviceId: 'device-12345', sessionId, lastEventTime: Date.now() - agoMs, optOut: false, lastEventId: 10 } satisfies UserSession);
    if (campaign) await storage.set(MKTG_KEY, campaign);
    return sessionId;
  };
  const start = (plugins: Plugin[], options: Options = {}) => {
    for (const p of plugins) client.add(p);
    return client.init(API_KEY, { cookieStorage: storage, autocapture: { sessions: true }, ...options }).promise;
  };
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 2));
      await client.flush().promise;
    }
  };
  const identifies = () => events.filter((e) => e.event_type === '$identify');
  return { client, events, logs, storage, returning, start, settle, identifies };
};
