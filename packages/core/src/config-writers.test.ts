import { describe, expect, it } from 'vitest';
import { createClient } from './client';
import { contextPlugin } from './context';
import { METHODS } from './methods';
import type { PluginClient } from './plugin-client';
import { memoryStorage } from './storage';
import type { Config, Event, Plugin, UserSession } from './types';

const KEY = 'test-api-key-0123456789';

/** A client whose plugins' setup arguments are kept, with an identity storage to read back. */
const started = async (env: Parameters<typeof createClient>[0] = { library: 'test/1' }) => {
  const store = memoryStorage<UserSession>();
  const client = createClient({ defaults: { transportProvider: { send: async () => ({ status: 200, body: { code: 200 } }) } }, ...env, library: 'test/1' });
  let config!: Config;
  let handed!: PluginClient;
  client.add({ name: 'spy', setup: (c, cl) => void ((config = c), (handed = cl)) } as Plugin);
  await client.init(KEY, { cookieStorage: env.storage ? undefined : store, autocapture: { sessions: true } }).promise;
  const stored = async () => (await new Promise((r) => setTimeout(r, 0)), store.get(`AMP_${KEY.slice(0, 10)}`));
  return { client, config, handed, stored };
};

describe('the config has one writer, the client (docs/architecture.md "Inside the core")', () => {
  it("sets what the environment shares: storage() as cookieStorage, share() on the config", async () => {
    const identity = memoryStorage<UserSession>();
    const tab = memoryStorage<unknown>();
    const getConsent = () => 'pending';
    const { config } = await started({ library: 'test/1', storage: () => identity, share: () => ({ tabStorage: tab, getConsent }) });
    expect(config.cookieStorage).toBe(identity);
    expect(config.tabStorage).toBe(tab);
    expect(config.getConsent).toBe(getConsent);
  });

  it('a cookieStorage in the options is the config\'s, and the environment storage is not asked', async () => {
    let asked = 0;
    const { config } = await started({ library: 'test/1', storage: () => (asked++, memoryStorage<UserSession>()) });
    expect(asked).toBe(1); // no cookieStorage option in this helper when the environment has storage
    const own = memoryStorage<UserSession>();
    const client = createClient({ library: 'test/1', storage: () => (asked++, memoryStorage<UserSession>()) });
    let seen!: Config;
    client.add({ name: 'spy', setup: (c) => void (seen = c) });
    await client.init(KEY, { cookieStorage: own }).promise;
    expect([seen.cookieStorage === own, asked]).toEqual([true, 1]);
    expect(config).toBeDefined();
  });

  it('countPage counts the session\'s pages on the plugin client, restarts with a new session and stores the count', async () => {
    const { client, handed, stored } = await started();
    expect(handed).toBe(client);
    expect([handed.countPage?.(), handed.countPage?.()]).toEqual([1, 2]);
    expect((await stored())?.pageCounter).toBe(2);
    client.setSessionId(Date.now() + 1000);
    expect(handed.countPage?.()).toBe(1);
    // Not a public method: the client's keys stay those METHODS declares.
    expect(Object.keys(client)).not.toContain('countPage');
    expect(Object.keys(METHODS)).not.toContain('countPage');
  });

  it('the context plugin takes each event id from nextEventId and writes nothing to the config', async () => {
    const ids: Array<number | undefined> = [];
    let last = 41;
    const plugin = contextPlugin('lib/1', undefined, (own) => (ids.push(own), (last = own ?? last + 1)));
    const config = Object.freeze({ trackingOptions: {} }) as unknown as Config;
    await plugin.setup!(config, undefined);
    const a = (await plugin.execute!({ event_type: 'a' })) as Event;
    const b = (await plugin.execute!({ event_type: 'b', event_id: 7 })) as Event;
    expect([a.event_id, b.event_id, ids]).toEqual([42, 7, [undefined, 7]]);
  });

  it('the client keeps event ids in order and stores the last one', async () => {
    const { client, stored } = await started();
    await client.track('x').promise;
    const results = await Promise.all([client.track('y').promise, client.track('z').promise]);
    expect(results.map((r) => r.event.event_id)).toEqual([2, 3]); // session_start 0, x 1
    expect((await stored())?.lastEventId).toBe(3);
  });
});
