import type { Config, Plugin, PluginClient } from '@footprint/core';
import { getHost, type Host } from './host';

/**
 * The `setup` and `teardown` of a plugin that watches the page. `start` runs at setup when there is a
 * page (never during server-side rendering) and the plugin is not running yet (a second `init` sets
 * it up again); the undo it returns runs at teardown.
 * @example
 * const scrollPlugin = (): Plugin => ({
 *   name: 'scroll',
 *   ...onPage((host, config, client) => listen(host.win, 'scroll', () => void client.track('Scrolled'), config.loggerProvider.error)),
 * });
 */
export const onPage = (start: (host: Host, config: Config, client: PluginClient) => (() => void) | undefined): Required<Pick<Plugin, 'setup' | 'teardown'>> => {
  let stop: (() => void) | undefined;
  return {
    setup(config: Config, client: PluginClient) {
      const host = getHost();
      if (host && !stop) stop = start(host, config, client);
    },
    teardown() {
      stop?.();
      stop = undefined;
    },
  };
};
