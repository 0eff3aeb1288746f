import { contextPlugin } from './context';
import { destinationPlugin } from './destination';
import { isValidValue, type Identify, type IIdentify } from './identify';
import { createLogger, toLogLevel, type SdkLogger } from './logger';
import { UNEXPECTED as MSG_UNEXPECTED } from './delivery/messages';
import { createPipeline } from './pipeline';
import { revenueProblem, type IRevenue } from './revenue';
import { sanitize, typeName } from './sanitize';
import { readObject } from './validate';
import type { Environment } from './environment';
import {
  IdentifyOperation,
  LogLevel,
  SpecialEventType,
  type AnalyticsIdentity,
  type AsyncResult,
  type BaseEvent,
  type Config,
  type Event,
  type EventOptions,
  type Plugin,
  type Properties,
  type Result,
  type TransportTypeOrOptions,
} from './types';
import { applyUserProperties } from './user-properties';
import { cleanEvent, groupProblem, INVALID, isIdentify, settled, wrap } from './intake';
import { isObject } from './validate';
import { createSessions, sessionOf, SESSION_END, SESSION_START } from './session';
import { createPreInit } from './pre-init';
import { createInit, MSG_NO_KEY, readInit } from './init';
import { publicApi } from './public-call';

export type { Environment } from './environment';

const MSG_OPT_OUT = 'Event skipped due to optOut config';
const MSG_EMPTY_TYPE = 'Event skipped due to empty event type';

/**
 * Creates an independent client: its own state, storage key, queues and plugins. Its jobs live beside it:
 * the pre-init queue (pre-init.ts), sessions and the identity record (session.ts), reading `init`'s
 * options (init.ts), cleaning events (intake.ts), the user-property cache (user-properties.ts) and the
 * API wrapper (public-call.ts); this closure keeps the state they share and the event and identity calls.
 * @example
 * const client = createClient({ library: 'my-env/1.0.0', defaults: { transportProvider } });
 * client.init('API_KEY');
 */
export const createClient = (env: Environment) => {
  let config: Config | undefined;
  let log: SdkLogger = createLogger(LogLevel.Warn);
  let userProperties: Properties | undefined;
  const getLog = () => log;
  // Every result is logged as it settles (one function for all events, not one per event).
  const pipeline = createPipeline(getLog, (r) => {
    if (r.code === 200) log.log(r.message);
    else if (r.code === 100) log.warn(r.message);
    else if (r.code !== 0 || r.message) log.error(r.message);
  });
  const [early, whenReady, whenOpen, setUp, open, queued] = createPreInit(getLog);

  // ---- processing one event -----------------------------------------------------------------
  const process = (input: Event): Promise<Result> => {
    const c = config!;
    if (c.optOut) return settled(input, 0, MSG_OPT_OUT);
    const type = input.event_type;
    if (typeof type !== 'string' || !type.trim()) {
      log.error(__DEV__ ? `${MSG_EMPTY_TYPE}: track() needs an event type string, got ${typeof type === 'string' ? 'an empty one' : typeName(type)}` : 'E37 track: no event type');
      return settled(input, 0, MSG_EMPTY_TYPE);
    }
    if (!c.apiKey) return settled(input, 400, MSG_NO_KEY);
    const event = cleanEvent(input, c.minIdLength, log.warn);
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
    return new Promise((resolve) => pipeline.push(stamped, resolve));
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
    return whenOpen(() => {
      let held: Promise<Result> | undefined;
      try {
        held = env.hold?.(event, exec);
      } catch (e) {
        log.error(__DEV__ ? 'the environment failed to decide whether to hold an event; it is sent:' : 'E51 hold check failed, sent', e);
      }
      return held ?? exec();
    });
  };

  // ---- init -----------------------------------------------------------------------------------
  const setup = async (apiKey: unknown, userIdArg: unknown, raw: Record<string, unknown>) => {
    const level = toLogLevel(raw.logLevel) ?? env.defaults?.logLevel ?? LogLevel.Warn;
    const provider = raw.loggerProvider ?? env.defaults?.loggerProvider;
    log = createLogger(level, isObject(provider) && typeof provider.error === 'function' ? (provider as any) : console);
    const [c, storage, storageKey, sessionId] = await readInit(env, log, apiKey, userIdArg, raw);
    config = c;
    startSessions(storage, storageKey);
    log.debug('initialized with config', { ...c, apiKey: `${c.apiKey.slice(0, 10)}********` });

    // docs/protocol.md §A.2: plugins added before init register first, then the built-ins …
    await setUp();
    await pipeline.register(contextPlugin(env.library, env.context, nextEventId), c, api);
    await pipeline.register(destinationPlugin(), c, api);
    let builtIns: Plugin[] = [];
    try {
      builtIns = env.plugins?.(c) ?? [];
    } catch (e) {
      log.error(__DEV__ ? 'init(): the built-in plugins could not be made from the options; none is installed:' : 'E16 init: built-in plugins not made', e);
    }
    for (const plugin of builtIns) await register(plugin);
    // … then every other queued call in the order it was made. The session starts before the first
    // queued event (after any queued setSessionId/setUserId, as in the anchor, whose identity calls run first).
    let started = false;
    const startSession = () => {
      if (!started) setSessionId(sessionId ?? c.sessionId);
      started = true;
    };
    open(startSession);
    startSession();
    persist();
  };

  const init = createInit(setup, getLog, open);

  /**
   * Refuses an input that cannot be sent: the result says what to change (docs/bad-input.md), code 400 as
   * the server would answer it, and nothing is sent.
   */
  const refused = (event: Event, why: string): Promise<Result> => {
    const message = __DEV__ ? `Event refused: ${why}; nothing was sent` : why;
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
    if (!isIdentify(id)) return refuse({ event_type: SpecialEventType.IDENTIFY }, __DEV__ ? 'identify() needs an Identify object (new Identify().set(...))' : 'E36 identify: not an Identify');
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
    const problem = groupProblem('groupIdentify', groupType, groupName) ?? (isIdentify(id) ? undefined : (__DEV__ ? 'groupIdentify() needs an Identify object as its third argument' : 'E38 groupIdentify: not an Identify'));
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
    if (!props) return refuse(event, __DEV__ ? 'revenue() needs a Revenue object (new Revenue().setPrice(...))' : 'E34 revenue: not a Revenue');
    const problem = typeof props === 'string' ? props : revenueProblem(props);
    if (problem) return refuse(event, problem);
    return send('revenue', eventOptions, { ...event, event_properties: props as Properties });
  };

  // Before init, flush/add/remove are queued but their promises resolve at once, as the anchor's do:
  // `await add(plugin).promise; init(key)` must not wait for an init that comes after it.
  const flush = (): AsyncResult<void> => wrap(Promise.resolve(whenReady(pipeline.flush) as Promise<void> | undefined));

  /** Registers a plugin; the promise never rejects, whatever the plugin object does when read. */
  const register = (plugin: Plugin) => pipeline.register(plugin, config!, api).catch((e) => log.warn(__DEV__ ? 'add(): the plugin could not be read; ignored:' : 'E48 add: unreadable plugin', e));
  const add = (plugin: Plugin): AsyncResult<void> => wrap(Promise.resolve(early(() => register(plugin)) as Promise<void> | undefined));

  const remove = (name: string): AsyncResult<void> =>
    wrap(Promise.resolve(early(() => pipeline.deregister(typeof name === 'string' ? name : typeName(name))) as Promise<void> | undefined));

  const setTransport = (transport: TransportTypeOrOptions): void => {
    whenReady(() => {
      const made = env.transport?.(transport, config!);
      if (!made) return log.warn(__DEV__ ? `setTransport(): transport ${typeof transport === 'string' ? transport : typeName(transport)} is not available here; unchanged` : `E27 setTransport: ${typeof transport === 'string' ? transport : typeName(transport)} unavailable`);
      config!.transport = transport;
      config!.transportProvider = made;
    });
  };

  const setIdentity = (identity: Partial<AnalyticsIdentity>): void => {
    if (!isObject(identity)) return log.warn(__DEV__ ? 'setIdentity() needs an object { userId?, deviceId?, userProperties? }; ignored' : 'E28 setIdentity: not an object');
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

  const [persist, setSessionId, nextEventId, startSessions, setUserId, setDeviceId, setOptOut, reset] = createSessions(() => config, getLog, pipeline, whenReady, track, identify);

  // The methods, in the order of METHODS (methods.ts), each wrapped by the API wrapper.
  const api = publicApi(
    {
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
    },
    getLog,
    // The client's state as Debug logs show it: the stored identity, plugins and queued calls.
    () => ({ ...(config && sessionOf(config)), plugins: pipeline.plugins.map((p) => p.name), queued: queued() }),
    refused,
  );

  // Plugins get the client itself in `setup`, with one more function of the plugin client (plugin-client.ts):
  // `countPage`, not enumerable, so the public API stays as METHODS declares it.
  Object.defineProperty(api, 'countPage', {
    value: () => {
      const c = config!;
      c.pageCounter = (c.pageCounter || 0) + 1;
      api.extendSession(); // the client writes the counter to identity storage now, so a reload continues it
      return c.pageCounter;
    },
  });
  return api;
};

/** A client instance: the whole public API of one Footprint instance. */
export type Client = ReturnType<typeof createClient>;
