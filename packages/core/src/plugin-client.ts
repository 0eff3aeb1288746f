import type { AsyncResult, BaseEvent, EventOptions, Properties, Result } from './types';

/**
 * What a plugin may call on the client it is handed in `setup(config, client)`: the one way a plugin changes
 * the client's state (it reads `config`, which only the client writes; docs/architecture.md "Plugin contract"). Footprint's client and
 * the anchor's both fit (plugin-client.test.ts checks both), so a plugin typed with it runs on either.
 * Identify operations travel as `track({ event_type: '$identify', … })`, which both clients accept.
 * @example
 * const hello: Plugin<PluginClient> = { setup: (config, client) => void client.track('Plugin Ready') };
 */
export interface PluginClient {
  /** Tracks an event, as the public `track`. */
  track(eventInput: BaseEvent | string, eventProperties?: Properties, eventOptions?: EventOptions): AsyncResult<Result>;
  /** Starts the session `sessionId` (ms since epoch), as the public `setSessionId`. */
  setSessionId(sessionId: number): void;
  /** Counts now as activity, so the session lasts and the client writes its identity storage. */
  extendSession(): void;
  /**
   * Counts a page view in the session and answers the session's page count (1 for its first page). The
   * count is the client's: a new session restarts it, and it is stored with the identity (as
   * `extendSession` stores it). Footprint's client only: the anchor's page view plugin keeps
   * `config.pageCounter` itself.
   */
  countPage?(): number;
}
