// Shared by this package's unit tests (not exported): a real core client whose events are recorded.
import { createClient, memoryStorage, type Event, type Options, type Plugin, type UserSession } from '@footprint/core';

export const API_KEY = 'test-api-key-0123456789';

/** A real client with a recording destination and a quiet logger; `settle()` lets timers and the pipeline run. */
export const testClient = () => {
  const events: Event[] = [];
  const warnings: unknown[][] = [];
  const storage = memoryStorage<UserSession>();
  const client = createClient({
    library: 'test/1.0.0',
    defaults: {
      transportProvider: { send: async () => ({ status: 200, body: { code: 200 } }) },
      loggerProvider: { log() {}, debug() {}, warn: (...a: unknown[]) => warnings.push(a), error: (...a: unknown[]) => warnings.push(a) },
    },
  });
  const recorder: Plugin = {
    name: 'recorder',
    type: 'destination',
    execute: async (event) => {
      events.push(event);
      return { event, code: 200, message: 'recorded' };
    },
  };
  client.add(recorder);
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
  const of = (type: string) => events.filter((e) => e.event_type === type);
  return { client, events, warnings, storage, start, settle, of };
};
