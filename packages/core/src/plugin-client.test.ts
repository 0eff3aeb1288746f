import type { Types } from '@amplitude/analytics-browser';
import { describe, expectTypeOf, it } from 'vitest';
import type { Client } from './client';
import type { PluginClient } from './plugin-client';

describe('PluginClient', () => {
  it("is offered by Footprint's client and by the anchor's, so a plugin's setup can be handed either", () => {
    expectTypeOf<Client>().toExtend<PluginClient>();
    expectTypeOf<Types.BrowserClient>().toExtend<PluginClient>();
  });
});
