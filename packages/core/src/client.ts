import { isTrackingOn, optionDefaults, resolveServerUrl, validateOptions } from './config';
import { contextPlugin } from './context';
import { destinationPlugin } from './destination';
import { isValidValue, type Identify, type IIdentify } from './identify';
import { createLogger, toLogLevel, type SdkLogger } from './logger';
import { UNEXPECTED as MSG_UNEXPECTED } from './delivery/messages';
import { createPipeline } from './pipeline';
import { revenueProblem, type IRevenue } from './revenue';
import { errorText, sanitize, typeName } from './sanitize';
import { readObject } from './validate';
import { fallback } from './methods';
import type { Environment } from './environment';
import { memoryStorage } from './storage';
import {
  IdentifyOperation,
  LogLevel,
  OPTIONS,
  SpecialEventType,
  type AnalyticsIdentity,
  type AsyncResult,
  type BaseEvent,
  type Config,
  type Event,
  type EventOptions,
  type Options,
  type Plugin,
  type Properties,
  type Result,
  type Storage,
  type TransportTypeOrOptions,
  type UserSession,
} from './types';
import { uuid } from './uuid';
import { applyUserProperties } from './user-properties';
import { cleanEvent, groupProblem, INVALID, isIdentify, isObject, settled, wrap } from './intake';

export type { Environment } from './environment';

const DEFAULT_INSTANCE = OPTIONS.instanceName[1];
const SESSION_START = 'session_start';
const SESSION_END = 'session_end';
const MSG_OPT_OUT = 'Event skipped due to optOut config';
const MSG_EMPTY_TYPE = 'Event skipped due to empty event type';
const MSG_NO_KEY = 'Event rejected due to missing API key';
const isoNow = () => new Date().toISOString();

/**
 * Creates an independent client: its own state, storage key, queues and plugins.
 * @example
 * const client = createClient({ library: 'my-env/1.0.0', defaults: { transportProvider } });
 * client.init('API_KEY');
 */
export const createClient = (env: Environment) => {
  let config: Config | undefined;
  let log: SdkLogger = createLogger(LogLevel.Warn);
  let initPromise: Promise<void> | undefined;
  let firstInit: { apiKey: unknown; userId: unknown; options: Record<string, unknown> } | undefined;
  /** The config exists: plugins can be set up. */
  let ready = false;
  /** Built-ins are installed: calls and events apply at once instead of being queued. */
  let open = false;
  /** add/remove made before init: replayed first, so early plugins register before the built-ins. */
  const q: Array<() => unknown> = [];
  /** Every other call made before init, in call order; `event` marks the tracked ones. */
  const dispatchQ: Array<{ event?: boolean; run: () => unknown }> = [];
  let storage: Storage<UserSession> = memoryStorage();
  let storageKey = '';
  let userProperties: Properties | undefined;
  let previousSession: { userId?: string; deviceId?: string } = {};
  let persistScheduled = false;
  const pipeline = createPipeline(() => log);

  // ---- persistence -------------------------------------------------------------------------
  const session = (c: Config): UserSession => ({
    deviceId: c.deviceId,
    userId: c.userId,
    sessionId: c.sessionId,
    optOut: c.optOut,
    lastEventTime: c.lastEventTime,
    lastEventId: c.lastEventId,
    pageCounter: c.pageCounter,
  });
  /** Writes the identity once per tick, whatever changed in it. */
  const persist = () => {
    if (persistScheduled || !config) return;
    persistScheduled = true;
    queueMicrotask(() => {
      persistScheduled = false;
      const c = config!;
      Promise.resolve()
        .then(() => storage.set(storageKey, session(c)))
        .catch((e) => log.warn('could not save identity to storage:', e));
    });
  };

  // ---- ids ----------------------------------------------------------------------------------
  /** `minIdLength` of the config, or of the options `init` is reading (its own ids are checked against it). */
  let idLength: number | undefined;
  const minIdLength = () => config?.minIdLength ?? idLength ?? 5;
  /** Why `id` cannot be a user/device id, or undefined when it can (or, with `optional`, is absent). */
  const idProblem = (what: string, id: unknown, optional?: boolean): string | undefined => {
    if (optional && id === undefined) return undefined;
    if (typeof id !== 'string') return `${what} should be a string, got ${typeName(id)}`;
    if (id.length < minIdLength()) return `${what} "${id}" is shorter than minIdLength (${minIdLength()}); the server would reject it`;
    return undefined;
  };

  // ---- the queue before init ------------------------------------------------------------------
  /** Runs `fn` now once init is done, else queues it in call order with the events (docs/architecture.md "Order"). */
  const whenReady = (fn: () => unknown) => {
    if (open) return fn();
    dispatchQ.push({ run: fn });
    return undefined;
  };

  // ---- sessions (docs/protocol.md §A.7) -------------------------------------------------------------
  const setSessionId = (sessionId?: number) => {
    const c = config!;
    if (sessionId !== undefined && !(typeof sessionId === 'number' && Number.isFinite(sessionId))) {
      log.warn(`setSessionId() needs a number (ms since epoch), got ${typeName(sessionId)}; ignored`);
      return;
    }
    const id = sessionId ?? Date.now();
    if (id === c.sessionId) return;
    const previousId = c.sessionId;
    const lastEventTime = c.lastEventTime;
    c.sessionId = id;
    c.lastEventTime = undefined;
    c.pageCounter = 0;
    pipeline.notify('onSessionIdChanged', id);
    if (c.optOut) return persist(); // nothing is tracked while opted out
    const sessions = isTrackingOn(c, 'sessions');
    // docs/protocol.md §A.7: session_end, the configured identify, then session_start. Their event ids come from
    // the context plugin in processing order, like every other event's, so an event a plugin tracks on
    // the session change (a campaign $identify) never shares an id with them.
    if (sessions && previousId && lastEventTime) {
      void track(SESSION_END, undefined, {
        device_id: previousSession.deviceId,
        session_id: previousId,
        time: lastEventTime + 1,
        user_id: previousSession.userId,
      });
    }
    if (sessions) c.lastEventTime = id;
    if (c.identify) void identify(c.identify as Identify);
    if (sessions) void track(SESSION_START, undefined, { session_id: id, time: c.lastEventTime });
    previousSession = { deviceId: c.deviceId, userId: c.userId };
    persist();
  };

  // ---- processing one event -----------------------------------------------------------------
  const process = (input: Event): Promise<Result> => {
    const c = config!;
    if (c.optOut) return settled(input, 0, MSG_OPT_OUT);
    const type = input.event_type;
    if (typeof type !== 'string' || !type.trim()) {
      log.error(`${MSG_EMPTY_TYPE}: track() needs an event type string, got ${typeof type === 'string' ? 'an empty one' : typeName(type)}`);
      return settled(input, 0, MSG_EMPTY_TYPE);
    }
    if (!c.apiKey) return settled(input, 400, MSG_NO_KEY);
    const event = cleanEvent(input, idProblem, log.warn);
    if (typeof event === 'string') return refused(input, event);
    const now = Date.now();
    if (type !== SESSION_START && type !== SESSION_END && (!event.session_id || event.session_id === c.sessionId)) {
      if (c.lastEventTime !== undefined && now - c.lastEventTime > c.sessionTimeout) setSessionId(now);
    }
    // Identity is read now, so a later setUserId() never changes an event already tracked (docs/architecture.md "Order").
    const stamped: Event = { user_id: c.userId, device_id: c.deviceId, session_id: c.sessionId, time: now, ...event };
    if (typeof event.time !== 'number') c.lastEventTime = now; // an explicit time does not extend the session
    persist();
    if (type === SpecialEventType.IDENTIFY) pipeline.notify('onIdentityChanged', { userProperties });
    return pipeline.push(stamped).then((r) => {
      if (r.code === 200) log.log(r.message);
      else if (r.code === 100) log.warn(r.message);
      else if (r.code !== 0 || r.message) log.error(r.message);
      return r;
    });
  };

  const dispatch = (event: Event): Promise<Result> => {
    const exec = () => {
      try {
        return process(event);
      } catch (e) {
        log.error(MSG_UNEXPECTED, e);
        return settled(event, 0, MSG_UNEXPECTED);
      }
    };
    const run = () => {
      let held: Promise<Result> | undefined;
      try {
        held = env.hold?.(event, exec);
      } catch (e) {
        log.error('the environment failed to decide whether to hold an event; it is sent:', e);
      }
      return held ?? exec();
    };
    if (open) return run();
    return new Promise((resolve) => dispatchQ.push({ event: true, run: () => resolve(run()) }));
  };

  // ---- init -----------------------------------------------------------------------------------
  const setup = async (apiKey: unknown, userIdArg: unknown, raw: Record<string, unknown>) => {
    const level = toLogLevel(raw.logLevel) ?? env.defaults?.logLevel ?? LogLevel.Warn;
    const provider = raw.loggerProvider ?? env.defaults?.loggerProvider;
    log = createLogger(level, isObject(provider) && typeof provider.error === 'function' ? (provider as any) : console);
    let prepared: Promise<Record<string, unknown>> | undefined;
    try {
      prepared = env.prepareOptions?.(raw, apiKey);
    } catch (e) {
      log.error('init(): the options could not be prepared; they are used as given:', e);
    }
    if (prepared) raw = await prepared;
    const given = validateOptions(raw, log.warn, env.options);
    const options: Options = { ...env.defaults, ...given };
    if (typeof apiKey !== 'string' || !apiKey) {
      log.error(`init() needs your project's API key (a string) as its first argument, got ${typeName(apiKey)}; events are not uploaded ("${MSG_NO_KEY}")`);
    }
    const c: Config = {
      ...optionDefaults(),
      ...options,
      apiKey: typeof apiKey === 'string' ? apiKey : '',
      logLevel: level,
      loggerProvider: log, // plugins log through the client's level, never straight to the provider
      serverUrl: resolveServerUrl(options),
      trackingOptions: { ipAddress: true, language: true, platform: true, ...options.trackingOptions },
      transportProvider: options.transportProvider ?? { send: async () => null },
      optOut: false,
      userId: undefined,
      deviceId: undefined,
      sessionId: undefined,
    };
    if (!given.transportProvider && given.transport !== undefined) {
      c.transportProvider = env.transport?.(given.transport, c) ?? c.transportProvider;
    }
    storageKey = `AMP_${c.apiKey.slice(0, 10)}${c.instanceName === DEFAULT_INSTANCE ? '' : `_${c.instanceName}`}`;
    const chosen = options.cookieStorage ?? env.storage?.(options.identityStorage ?? 'cookie', c);
    storage = chosen ?? memoryStorage();
    const enabled = await Promise.resolve()
      .then(() => storage.isEnabled())
      .catch(() => false);
    if (!enabled) {
      if (chosen) log.warn('the identity storage is not available here; identity is kept in memory for this page');
      storage = memoryStorage();
    }
    const stored: Partial<UserSession> =
      (await Promise.resolve()
        .then(() => storage.get(storageKey))
        .catch((e) => log.warn('could not read identity from storage:', e))) ?? {};
    const initial = env.initialIdentity?.() ?? {};
    idLength = options.minIdLength;
    const pick = (what: string, ...ids: unknown[]) => {
      for (const id of ids) {
        if (id === undefined || id === null) continue;
        const problem = idProblem(what, id);
        if (!problem) return id as string;
        log.warn(`${problem}; ignored`);
      }
      return undefined;
    };
    c.deviceId = pick('deviceId', options.deviceId, initial.deviceId, stored.deviceId) ?? uuid();
    c.userId = pick('userId', userIdArg, options.userId, stored.userId);
    c.optOut = options.optOut ?? stored.optOut === true;
    c.sessionId = stored.sessionId;
    c.lastEventTime = stored.lastEventTime;
    c.lastEventId = stored.lastEventId;
    c.pageCounter = options.pageCounter ?? stored.pageCounter;
    previousSession = { deviceId: c.deviceId, userId: c.userId };
    config = c;
    ready = true;
    log.debug('initialized with config', { ...c, apiKey: `${c.apiKey.slice(0, 10)}********` });

    // docs/protocol.md §A.2: plugins added before init register first, then the built-ins …
    while (q.length) await q.shift()!();
    await pipeline.register(contextPlugin(env.library, env.context, persist), c, api);
    await pipeline.register(destinationPlugin(), c, api);
    let builtIns: Plugin[] = [];
    try {
      builtIns = env.plugins?.(c) ?? [];
    } catch (e) {
      log.error('init(): the built-in plugins could not be made from the options; none is installed:', e);
    }
    for (const plugin of builtIns) await register(plugin);
    // … then every other queued call in the order it was made. The session starts before the first
    // queued event (after any queued setSessionId/setUserId, as in the anchor, whose identity calls run first).
    open = true;
    let started = false;
    const startSession = () => {
      if (!started) setSessionId(options.sessionId ?? initial.sessionId ?? c.sessionId);
      started = true;
    };
    while (dispatchQ.length) {
      const item = dispatchQ.shift()!;
      if (item.event) startSession();
      runQueued(item.run);
    }
    startSession();
    persist();
  };

  /** Runs a call queued before init; one that fails is logged and the next ones still run. */
  const runQueued = (run: () => unknown) => {
    try {
      run();
    } catch (e) {
      log.error('a call made before init() failed:', e);
    }
  };

  const describeDiff = (apiKey: unknown, userId: unknown, options: Record<string, unknown>) => {
    const first = firstInit!;
    const diff: string[] = [];
    if (apiKey !== first.apiKey) diff.push('apiKey');
    if (userId !== first.userId) diff.push('userId');
    for (const k of new Set([...Object.keys(first.options), ...Object.keys(options)])) {
      let same = first.options[k] === options[k];
      try {
        same ||= JSON.stringify(first.options[k]) === JSON.stringify(options[k]);
      } catch {
        // not comparable as JSON: reported as different
      }
      if (!same) diff.push(k);
    }
    return diff;
  };

  // ---- public API ------------------------------------------------------------------------------
  const init = (apiKey?: string, userIdOrOptions?: string | Options | null, maybeOptions?: Options): AsyncResult<void> => {
    const [userId, options] = typeof userIdOrOptions === 'object' && userIdOrOptions ? [undefined, userIdOrOptions] : [userIdOrOptions ?? undefined, maybeOptions];
    const read = readObject(options, 'init(): options', true);
    const raw: Record<string, unknown> = typeof read === 'object' ? read : {};
    if (typeof read === 'string') log.warn(`${read}; defaults are used`);
    if (userId !== undefined && typeof userId !== 'string') log.warn(`init(): the second argument should be a user id string or the options object, got ${typeName(userId)}; ignored`);
    if (initPromise) {
      const diff = describeDiff(apiKey, userId, raw);
      log.warn(
        `init() was already called on this instance; this call is ignored${diff.length ? ` (it differs in: ${diff.join(', ')})` : ''}. ` +
          'Use createInstance() for another project, or setUserId()/setOptOut() to change identity.',
      );
      return wrap(initPromise);
    }
    firstInit = { apiKey, userId, options: { ...raw } };
    initPromise = setup(apiKey, typeof userId === 'string' ? userId : undefined, raw).catch((e) => {
      log.error('init() failed unexpectedly; the client stays usable but may not upload:', e);
      // Calls made meanwhile still settle (events with a reason), instead of waiting for ever.
      open = true;
      while (dispatchQ.length) runQueued(dispatchQ.shift()!.run);
    });
    return wrap(initPromise);
  };

  /**
   * Refuses an input that cannot be sent: the result says what to change (docs/bad-input.md), code 400 as
   * the server would answer it, and nothing is sent.
   */
  const refused = (event: Event, why: string): Promise<Result> => {
    const message = `Event refused: ${why}; nothing was sent`;
    log.error(message);
    return settled(event, INVALID, message);
  };
  const refuse = (event: Event, why: string): AsyncResult<Result> => wrap(refused(event, why));

  /**
   * Every call that takes event options reads them here, the same way: a plain object or nothing, else
   * the call is refused at once, before any copy (a 1 MB string is not spread into a million fields).
   */
  const send = (caller: string, eventOptions: unknown, own: Event, base?: Event): AsyncResult<Result> => {
    const options = readObject(eventOptions, `${caller}(): event options`, true);
    if (typeof options === 'string') return refuse({ event_type: own.event_type ?? base?.event_type }, options);
    // As the anchor builds events: a tracked event's own fields, then the options, then the call's fields.
    const full = { ...base, ...options, ...own } as Event;
    userProperties = applyUserProperties(userProperties, full.user_properties);
    return wrap(dispatch(full));
  };

  const track = (eventInput: string | BaseEvent, eventProperties?: Properties, eventOptions?: EventOptions): AsyncResult<Result> => {
    const base = typeof eventInput !== 'object' || !eventInput ? ({ event_type: eventInput } as Event) : readObject(eventInput, 'track(): the event', true);
    const named = { event_type: typeof eventInput === 'string' ? eventInput : '' };
    if (typeof base === 'string') return refuse(named, base);
    const props = readObject(eventProperties, 'track(): event properties');
    if (typeof props === 'string') return refuse(named, props);
    return send('track', eventOptions, (props ? { event_properties: props } : {}) as Event, base as Event);
  };

  const identify = (identifyObj: IIdentify, eventOptions?: EventOptions): AsyncResult<Result> => {
    const id = identifyObj;
    if (!isIdentify(id)) return refuse({ event_type: SpecialEventType.IDENTIFY }, 'identify() needs an Identify object (new Identify().set(...))');
    const options = readObject(eventOptions, 'identify(): event options');
    // As the anchor: ids in the options become the client's ids.
    if (typeof options === 'object') {
      if (options.user_id) setUserId(options.user_id);
      if (options.device_id) setDeviceId(options.device_id);
    }
    return send('identify', options, { event_type: SpecialEventType.IDENTIFY, user_properties: id.getUserProperties() });
  };

  const groupIdentify = (groupType: string, groupName: string | string[], identifyObj: IIdentify, eventOptions?: EventOptions): AsyncResult<Result> => {
    const id = identifyObj;
    const event: Event = { event_type: SpecialEventType.GROUP_IDENTIFY };
    const problem = groupProblem('groupIdentify', groupType, groupName) ?? (isIdentify(id) ? undefined : 'groupIdentify() needs an Identify object as its third argument');
    if (problem) return refuse(event, problem);
    return send('groupIdentify', eventOptions, { ...event, group_properties: id.getUserProperties(), groups: { [groupType]: groupName } });
  };

  const setGroup = (groupType: string, groupName: string | string[], eventOptions?: EventOptions): AsyncResult<Result> => {
    const event: Event = { event_type: SpecialEventType.IDENTIFY };
    const problem = groupProblem('setGroup', groupType, groupName);
    if (problem) return refuse(event, problem);
    return send('setGroup', eventOptions, { ...event, user_properties: { [IdentifyOperation.SET]: { [groupType]: groupName } }, groups: { [groupType]: groupName } });
  };

  const revenue = (revenueObj: IRevenue, eventOptions?: EventOptions): AsyncResult<Result> => {
    const rev: unknown = revenueObj;
    const event: Event = { event_type: SpecialEventType.REVENUE };
    const props = isObject(rev) && typeof rev.getEventProperties === 'function' ? readObject(rev.getEventProperties(), 'revenue(): getEventProperties()') : undefined;
    if (!props) return refuse(event, 'revenue() needs a Revenue object (new Revenue().setPrice(...))');
    const problem = typeof props === 'string' ? props : revenueProblem(props);
    if (problem) return refuse(event, problem);
    return send('revenue', eventOptions, { ...event, event_properties: props as Properties });
  };

  // Before init, flush/add/remove are queued but their promises resolve at once, as the anchor's do:
  // `await add(plugin).promise; init(key)` must not wait for an init that comes after it.
  const flush = (): AsyncResult<void> => {
    if (open) return wrap(pipeline.flush());
    dispatchQ.push({ run: () => pipeline.flush() });
    return wrap(Promise.resolve());
  };

  /** Registers a plugin; the promise never rejects, whatever the plugin object does when read. */
  const register = (plugin: Plugin) => pipeline.register(plugin, config!, api).catch((e) => log.warn('add(): the plugin could not be read; ignored:', e));
  const add = (plugin: Plugin): AsyncResult<void> => {
    if (ready) return wrap(register(plugin));
    q.push(() => register(plugin));
    return wrap(Promise.resolve());
  };

  const deregister = (name: string) => pipeline.deregister(typeof name === 'string' ? name : typeName(name));
  const remove = (name: string): AsyncResult<void> => {
    if (ready) return wrap(deregister(name));
    q.push(() => deregister(name));
    return wrap(Promise.resolve());
  };

  const setUserId = (userId: string | undefined): void => {
    whenReady(() => {
      const c = config!;
      const problem = userId === undefined ? undefined : idProblem('userId', userId);
      if (problem) return log.warn(`setUserId(): ${problem}; the user id is unchanged`);
      if (userId === c.userId && userId !== undefined) return;
      c.userId = userId;
      pipeline.notify('onIdentityChanged', { userId });
      persist();
    });
  };

  const setDeviceId = (deviceId: string): void => {
    whenReady(() => {
      const c = config!;
      const problem = idProblem('deviceId', deviceId);
      if (problem) return log.warn(`setDeviceId(): ${problem}; the device id is unchanged`);
      if (deviceId === c.deviceId) return;
      c.deviceId = deviceId;
      pipeline.notify('onIdentityChanged', { deviceId });
      persist();
    });
  };

  const setOptOut = (optOut: boolean): void => {
    whenReady(() => {
      const c = config!;
      if (typeof optOut !== 'boolean') log.warn(`setOptOut() needs true or false, got ${typeof optOut}; treated as ${Boolean(optOut)}`);
      if (c.optOut === Boolean(optOut)) return;
      c.optOut = Boolean(optOut);
      pipeline.notify('onOptOutChanged', c.optOut);
      persist();
    });
  };

  const setTransport = (transport: TransportTypeOrOptions): void => {
    whenReady(() => {
      const made = env.transport?.(transport, config!);
      if (!made) return log.warn(`setTransport(): transport ${typeof transport === 'string' ? transport : typeName(transport)} is not available here; unchanged`);
      config!.transport = transport;
      config!.transportProvider = made;
    });
  };

  const reset = (): void => {
    whenReady(() => {
      setDeviceId(uuid());
      setUserId(undefined);
      pipeline.notify('onReset');
    });
  };

  const setIdentity = (identity: Partial<AnalyticsIdentity>): void => {
    if (!isObject(identity)) return log.warn('setIdentity() needs an object { userId?, deviceId?, userProperties? }; ignored');
    if ('userId' in identity) setUserId(identity.userId);
    if (identity.deviceId) setDeviceId(identity.deviceId);
    if ('userProperties' in identity) {
      const given = sanitize(identity.userProperties ?? {}, []);
      userProperties = isObject(given) ? given : {};
      // As `new Identify().set(k, v)` for each: values the server would refuse are left out.
      const set = Object.fromEntries(Object.entries(userProperties).filter(([, v]) => isValidValue(v)));
      const ops = Object.keys(set).length ? { [IdentifyOperation.SET]: set } : {};
      void identify({ getUserProperties: () => ops } as Identify);
    }
  };

  /** The client's state as Debug logs show it: the stored identity, plugins and queued calls. */
  const snapshot = () => ({
    ...(config && session(config)),
    plugins: pipeline.plugins.map((p) => p.name),
    queued: q.length + dispatchQ.length,
  });

  /**
   * Every public call goes through here: it never throws into the host page (a call that cannot use its
   * arguments answers as METHODS declares), and at Debug level it logs the call, its arguments, and the
   * state before and after (docs/architecture.md "Debug mode").
   */
  const publicCall =
    <A extends unknown[], R>(name: string, fn: (...args: A) => R) =>
    (...args: A): R => {
      const debug = log.level >= LogLevel.Debug;
      const before = debug ? snapshot() : undefined;
      const start = debug ? isoNow() : '';
      let out: R;
      try {
        out = fn(...args);
      } catch (e) {
        const why = `${name}() could not use its arguments (${errorText(e)})`;
        log.error(why);
        out = fallback(name, args, (event) => refused(event, why)) as R;
      }
      if (log.level >= LogLevel.Debug) {
        log.debug({
          type: 'invoke public method',
          name,
          args,
          stacktrace: new Error().stack?.split('\n').slice(2, 6).map((l) => l.trim()),
          time: { start: start || isoNow(), end: isoNow() },
          states: { before: before ?? {}, after: snapshot() },
        });
      }
      return out;
    };

  // The methods, in the order of METHODS (methods.ts), each wrapped by publicCall.
  const methods = {
    init,
    track,
    logEvent: track,
    identify,
    groupIdentify,
    setGroup,
    revenue,
    flush,
    add,
    remove,
    getUserId: (): string | undefined => config?.userId,
    setUserId,
    getDeviceId: (): string | undefined => config?.deviceId,
    setDeviceId,
    getSessionId: (): number | undefined => config?.sessionId,
    setSessionId: (sessionId: number): void => void whenReady(() => setSessionId(sessionId)),
    extendSession: (): void =>
      void whenReady(() => {
        config!.lastEventTime = Date.now();
        persist();
      }),
    reset,
    getOptOut: (): boolean | undefined => config?.optOut,
    setOptOut,
    setTransport,
    getIdentity: (): AnalyticsIdentity => ({ deviceId: config?.deviceId, userId: config?.userId, userProperties }),
    setIdentity,
  };
  const api = {} as typeof methods;
  for (const name of Object.keys(methods) as Array<keyof typeof methods>) api[name] = publicCall(name, methods[name] as (...args: unknown[]) => never);
  return api;
};

/** A client instance: the whole public API of one Footprint instance. */
export type Client = ReturnType<typeof createClient>;
