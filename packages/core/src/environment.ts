import type { Config, Event, IdentityStorageType, Options, Plugin, Result, SharedConfig, Storage, Transport, TransportTypeOrOptions, UserSession } from './types';

/** What an environment layer (browser, Node) supplies to a core client. */
export interface Environment {
  /** Sent as the event's `library` field, e.g. `footprint/0.1.0`. */
  library: string;
  /** Defaults applied under the user's options (not validated: they come from the layer, not the user). */
  defaults?: Partial<Options>;
  /** Context read for every event: `platform`, `language` and `user_agent` (`trackingOptions` gates platform and language). */
  context?: () => Pick<Event, 'platform' | 'language' | 'user_agent'>;
  /**
   * The identity storage for `identityStorage` (cookie, localStorage, …), asked at `init` unless the
   * options bring a `cookieStorage`; core falls back to memory. The client sets it as `config.cookieStorage`.
   */
  storage?: (type: IdentityStorageType, config: Readonly<Config>) => Storage<UserSession> | undefined;
  /**
   * What else the environment shares with plugins ({@link SharedConfig}), asked at `init` after `storage`.
   * The client sets it on the config, which only the client writes; plugins read it there.
   */
  share?: () => SharedConfig;
  /** Builds the transport for `transport` / `setTransport`. */
  transport?: (type: TransportTypeOrOptions, config: Config) => Transport | undefined;
  /** Ids the environment knows before storage (e.g. `ampDeviceId` / `ampSessionId` URL parameters). */
  initialIdentity?: () => { deviceId?: string; sessionId?: number };
  /** Extra option names the environment understands, with their type letter (see config.ts). */
  options?: Record<string, string>;
  /** Plugins the environment installs at init, after context and the default destination. */
  plugins?: (config: Config) => Plugin[];
  /**
   * Asked for each event before it is processed: a promise means "not now" (e.g. consent pending) and
   * becomes the event's result; call `release()` to process it later. `undefined` lets it go on now.
   */
  hold?: (event: Event, release: () => Promise<Result>) => Promise<Result> | undefined;
  /**
   * Adjusts `init`'s options before they are read, when it has to wait for something (the browser applies
   * a cached remote config, whose code it loads on demand): a promise of the options to use, or
   * `undefined` to go on at once. Must not reject. Calls made meanwhile queue as usual.
   */
  prepareOptions?: (options: Record<string, unknown>, apiKey: unknown) => Promise<Record<string, unknown>> | undefined;
}
