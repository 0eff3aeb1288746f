// For plugin unit tests in several packages: a real core client whose events a destination records.
import { createClient, memoryStorage, type Event, type Logger, type LogLevel, type Options, type Plugin } from '@footprint/core';

export const API_KEY = 'test-api-key-0123456789';

/**
 * A real client with a recording destination; `storage` is its identity storage, `start(plugins)` adds
 * them and inits with sessions on, `settle()` lets timers and the pipeline run.
 * @example
 * const t = recordingClient({ log() {}, debug() {}, warn() {}, error() {} });
 * await t.start([pageViewsPlugin()]);
 */
export const recordingClient = (loggerProvider: Logger, logLevel?: LogLevel) => {
  const events: Event[] = [];
  const storage = memoryStorage<any>();
  const client = createClient({
    library: 'test/1.0.0',
    defaults: { transportProvider: { send: async () => ({ status: 200, body: { code: 200 } }) }, loggerProvider, ...(logLevel !== undefined && { logLevel }) },
  });
  client.add({
    name: 'recorder',
    type: 'destination',
    execute: async (event: Event) => {
      events.push(event);
      return { event, code: 200, message: 'recorded' };
    },
  } as Plugin);
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
  return { client, events, storage, start, settle };
};
