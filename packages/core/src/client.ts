import { destinationPlugin } from './destination';
import { createLogger, type SdkLogger } from './logger';
import { LogLevel, type AsyncResult, type Config, type Event, type EventOptions, type Options, type Plugin, type Result } from './types';
import { uuid } from './uuid';

/** What an environment layer (browser, Node) supplies to a core client. */
export interface Environment {
  /** Sent as the event's `library` field, e.g. `footprint-browser/0.1.0`. */
  library: string;
  /** Defaults applied under the user's options. */
  defaults?: Partial<Options>;
  /** Context stamped on every event unless the caller set it (`platform`, `language`, `user_agent`, …). */
  context?: () => Partial<Event>;
}

const SERVER_URLS = {
  US: 'https://api2.amplitude.com',
  EU: 'https://api.eu.amplitude.com',
} as const;

const resolveServerUrl = (o: Options) =>
  o.serverUrl ?? `${SERVER_URLS[o.serverZone === 'EU' ? 'EU' : 'US']}${o.useBatch ? '/batch' : '/2/httpapi'}`;

const wrap = <T>(promise: Promise<T>): AsyncResult<T> => ({ promise });

/** Creates an independent client: its own state, queue and plugins. */
export const createClient = (env: Environment) => {
  let config: Config | undefined;
  let log: SdkLogger = createLogger(LogLevel.Warn);
  let initializing: Promise<void> | undefined;
  const plugins: Plugin[] = [];
  const preInit: Array<() => void> = [];
  const identity: { deviceId?: string; userId?: string; sessionId?: number } = {};

  const runPlugins = async (stage: Plugin['type'], event: Event | null): Promise<Event | null> => {
    for (const p of plugins) {
      if (!event) return null;
      if ((p.type ?? 'enrichment') !== stage || !p.execute) continue;
      try {
        event = (await p.execute(event)) as Event | null;
      } catch (e) {
        log.error(`plugin ${p.name ?? '(unnamed)'} failed in execute:`, e);
      }
    }
    return event;
  };

  const process = async (event: Event): Promise<Result> => {
    if (typeof event.event_type !== 'string' || event.event_type.trim() === '') {
      return { event, code: 0, message: 'Event skipped due to empty event type' };
    }
    let e = await runPlugins('before', event);
    e = await runPlugins('enrichment', e);
    if (!e) return { event, code: 0, message: '' };
    const dests = plugins.filter((p) => p.type === 'destination' && p.execute);
    if (!dests.length) return { event: e, code: 100, message: 'Event not tracked, no destination plugins on the instance' };
    const results = await Promise.all(
      dests.map((p) =>
        Promise.resolve()
          .then(() => p.execute!({ ...e! }) as Promise<Result>)
          .catch((err) => {
            log.error(`plugin ${p.name ?? '(unnamed)'} failed in execute:`, err);
            return { event: e!, code: 0, message: 'Unexpected error occurred' };
          }),
      ),
    );
    return results[0];
  };

  const dispatch = (event: Event): Promise<Result> =>
    config ? process(event) : new Promise((resolve) => preInit.push(() => resolve(process(event))));

  const contextPlugin = (): Plugin => ({
    name: 'footprint-context',
    type: 'before',
    execute(event) {
      const now = Date.now();
      return {
        user_id: identity.userId,
        device_id: identity.deviceId,
        session_id: identity.sessionId,
        time: now,
        ...(config!.appVersion ? { app_version: config!.appVersion } : {}),
        ...env.context?.(),
        insert_id: uuid(),
        ...event,
        library: env.library,
      };
    },
  });

  const addPlugin = async (plugin: Plugin) => {
    if (plugin.name && plugins.some((p) => p.name === plugin.name)) {
      log.warn(`plugin "${plugin.name}" is already added; remove it first`);
      return;
    }
    plugins.push(plugin);
    try {
      await plugin.setup?.(config!, api);
    } catch (e) {
      log.error(`plugin ${plugin.name ?? '(unnamed)'} failed in setup:`, e);
    }
  };

  const init = (apiKey?: string, options: Options = {}): AsyncResult<void> => {
    if (initializing) {
      log.warn('init() was already called on this instance; this call is ignored');
      return wrap(initializing);
    }
    initializing = (async () => {
      const merged = { ...env.defaults, ...options };
      log = createLogger(merged.logLevel ?? LogLevel.Warn, merged.loggerProvider);
      if (typeof apiKey !== 'string' || !apiKey) log.error('init() needs an API key string as its first argument');
      if (!merged.transportProvider) log.error('no transportProvider is configured: events cannot be uploaded');
      config = {
        flushQueueSize: 30,
        flushIntervalMillis: 1000,
        flushMaxRetries: 5,
        logLevel: LogLevel.Warn,
        ...merged,
        apiKey: apiKey ?? '',
        serverUrl: resolveServerUrl(merged),
        loggerProvider: merged.loggerProvider ?? console,
        transportProvider: merged.transportProvider ?? { send: async () => null },
      };
      identity.deviceId = merged.deviceId ?? uuid();
      identity.userId = merged.userId;
      identity.sessionId = Date.now();
      await addPlugin(contextPlugin());
      await addPlugin(destinationPlugin());
      preInit.splice(0).forEach((run) => run());
    })();
    return wrap(initializing);
  };

  const track = (eventInput: string | Event, eventProperties?: Record<string, unknown>, eventOptions?: EventOptions) => {
    const event: Event =
      typeof eventInput === 'string'
        ? { ...eventOptions, event_type: eventInput, ...(eventProperties ? { event_properties: eventProperties } : {}) }
        : { ...eventOptions, ...eventInput };
    return wrap(dispatch(event));
  };

  const flush = () =>
    wrap(
      (async () => {
        if (!config) return;
        for (const p of plugins) await Promise.resolve(p.flush?.()).catch((e) => log.error('flush failed:', e));
      })(),
    );

  const api = {
    init,
    track,
    logEvent: track,
    flush,
    add: (plugin: Plugin) => wrap(config ? addPlugin(plugin) : new Promise<void>((r) => preInit.push(() => r(addPlugin(plugin))))),
    getDeviceId: () => identity.deviceId,
    getUserId: () => identity.userId,
    getSessionId: () => identity.sessionId,
    setUserId: (userId: string | undefined) => {
      identity.userId = userId;
    },
  };
  return api;
};

export type Client = ReturnType<typeof createClient>;
