// Sessions (docs/protocol.md §A.7) and the identity record they are kept in: the client's session id, its
// counters (last event time and id, page counter), the ids and opt-out, and the write of that record to
// identity storage.
import { isTrackingOn } from './config';
import type { Identify } from './identify';
import type { SdkLogger } from './logger';
import type { Pipeline } from './pipeline';
import { memoryStorage } from './storage';
import { idProblem } from './intake';
import { typeName } from './sanitize';
import type { Config, Event, Storage, UserSession } from './types';
import { uuid } from './uuid';

export const SESSION_START = 'session_start';
export const SESSION_END = 'session_end';

/** The identity record of `c`, as identity storage keeps it. */
export const sessionOf = (c: Config): UserSession => ({
  deviceId: c.deviceId,
  userId: c.userId,
  sessionId: c.sessionId,
  optOut: c.optOut,
  lastEventTime: c.lastEventTime,
  lastEventId: c.lastEventId,
  pageCounter: c.pageCounter,
});

/**
 * The sessions of one client, which owns `config`: `persist` writes its identity once per tick, `setSessionId`
 * starts a session (tracking `session_end`, the configured identify and `session_start` through `track`
 * and `identify`), `nextEventId` gives each event its id, and `start` names the storage once `init` chose it;
 * then the identity calls `setUserId`, `setDeviceId`, `setOptOut` and `reset`, each run through `whenReady`.
 * @example
 * const [persist, setSessionId, nextEventId, start, setUserId, setDeviceId, setOptOut, reset] = createSessions(() => config, () => log, pipeline, whenReady, track, identify);
 */
export const createSessions = (
  config: () => Config | undefined,
  log: () => SdkLogger,
  pipeline: Pipeline,
  whenReady: (fn: () => unknown) => unknown,
  track: (event: string, properties: undefined, options: Event) => unknown,
  identify: (identify: Identify) => unknown,
) => {
  let storage: Storage<UserSession> = memoryStorage();
  let storageKey = '';
  let previousSession: { userId?: string; deviceId?: string } = {};
  let persistScheduled = false;

  /** Writes the identity once per tick, whatever changed in it. */
  const persist = () => {
    if (persistScheduled || !config()) return;
    persistScheduled = true;
    queueMicrotask(() => {
      persistScheduled = false;
      const c = config()!;
      Promise.resolve()
        .then(() => storage.set(storageKey, sessionOf(c)))
        .catch((e) => log().warn(__DEV__ ? 'could not save identity to storage:' : 'E50 identity not saved', e));
    });
  };

  const setSessionId = (sessionId?: number) => {
    const c = config()!;
    if (sessionId !== undefined && !(typeof sessionId === 'number' && Number.isFinite(sessionId))) {
      log().warn(__DEV__ ? `setSessionId() needs a number (ms since epoch), got ${typeName(sessionId)}; ignored` : `E23 setSessionId: not a number (${typeName(sessionId)})`);
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
      track(SESSION_END, undefined, {
        device_id: previousSession.deviceId,
        session_id: previousId,
        time: lastEventTime + 1,
        user_id: previousSession.userId,
      } as Event);
    }
    if (sessions) c.lastEventTime = id;
    if (c.identify) identify(c.identify as Identify);
    if (sessions) track(SESSION_START, undefined, { session_id: id, time: c.lastEventTime } as Event);
    previousSession = { deviceId: c.deviceId, userId: c.userId };
    persist();
  };

  /** The id of the next event in processing order (its own `event_id` if it has one), kept with the identity. */
  const nextEventId = (own?: number): number => {
    const c = config()!;
    c.lastEventId = own ?? (c.lastEventId ?? -1) + 1;
    persist();
    return c.lastEventId;
  };

  /** Names the identity storage `init` chose; the session continues from the ids of the config. */
  const start = (chosen: Storage<UserSession>, key: string) => {
    storage = chosen;
    storageKey = key;
    const c = config()!;
    previousSession = { deviceId: c.deviceId, userId: c.userId };
  };

  // ---- identity (docs/architecture.md "Identity"): each change applies to the events tracked after it --------
  /** Sets the user or device id once ready: checked (only a user id may be cleared with `undefined`), kept, announced. */
  const setId = (field: 'userId' | 'deviceId', id: string | undefined): void => {
    whenReady(() => {
      const c = config()!;
      const problem = id === undefined && field === 'userId' ? undefined : idProblem(c.minIdLength, field, id);
      if (problem) return log().warn(__DEV__ ? `set${field === 'userId' ? 'UserId' : 'DeviceId'}(): ${problem}; the ${field === 'userId' ? 'user' : 'device'} id is unchanged` : problem);
      if (id === c[field] && id !== undefined) return;
      c[field] = id;
      pipeline.notify('onIdentityChanged', { [field]: id });
      persist();
    });
  };
  const setUserId = (userId: string | undefined): void => setId('userId', userId);
  const setDeviceId = (deviceId: string): void => setId('deviceId', deviceId);

  const setOptOut = (optOut: boolean): void => {
    whenReady(() => {
      const c = config()!;
      if (typeof optOut !== 'boolean') log().warn(__DEV__ ? `setOptOut() needs true or false, got ${typeof optOut}; treated as ${Boolean(optOut)}` : `E26 setOptOut: not a boolean (${typeof optOut})`);
      if (c.optOut === Boolean(optOut)) return;
      c.optOut = Boolean(optOut);
      pipeline.notify('onOptOutChanged', c.optOut);
      persist();
    });
  };

  const reset = (): void => {
    whenReady(() => {
      setDeviceId(uuid());
      setUserId(undefined);
      pipeline.notify('onReset');
    });
  };

  return [persist, setSessionId, nextEventId, start, setUserId, setDeviceId, setOptOut, reset] as const;
};
