import type { Config, PluginClient } from '@footprint/core';
import { describe, expect, it, vi } from 'vitest';
import { onPage } from './plugin';

const config = {} as Config;
const client = {} as PluginClient;

describe('onPage', () => {
  it('starts with the page, the config and the client, once until teardown runs its undo', () => {
    const undo = vi.fn();
    const start = vi.fn(() => undo);
    const plugin = onPage(start);
    void plugin.setup(config, client);
    void plugin.setup(config, client);
    expect(start).toHaveBeenCalledOnce();
    expect(start).toHaveBeenCalledWith({ win: window, doc: document }, config, client);
    void plugin.teardown();
    void plugin.teardown();
    expect(undo).toHaveBeenCalledOnce();
    void plugin.setup(config, client);
    expect(start).toHaveBeenCalledTimes(2);
  });

  it('does nothing without a page (server-side rendering)', () => {
    vi.stubGlobal('window', undefined);
    try {
      const start = vi.fn(() => () => {});
      void onPage(start).setup(config, client);
      expect(start).not.toHaveBeenCalled();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
