// `init` (docs/protocol.md §A.2): its arguments, a second call, and what it reads: the options (prepared by
// the environment, then validated), the resolved config, the identity storage and the ids stored in it.
// The client (client.ts) then sets up the plugins and replays the calls made meanwhile.
import { optionDefaults, resolveServerUrl, validateOptions } from './config';
import type { Environment } from './environment';
import { idProblem, wrap } from './intake';
import type { SdkLogger } from './logger';
import { memoryStorage } from './storage';
import { typeName } from './sanitize';
import { OPTIONS, type AsyncResult, type Config, type Options, type Storage, type UserSession } from './types';
import { readObject } from './validate';
import { uuid } from './uuid';

const DEFAULT_INSTANCE = OPTIONS.instanceName[1];
export const MSG_NO_KEY = 'Event rejected due to missing API key';

/**
 * Reads `init`'s options into the client's config: what the environment shares with plugins (set on the
 * config here: `Environment.storage` and `share`), the identity storage and the ids, each the
 * first usable of the arguments, the options, the environment's and the stored ones. Answers the config,
 * its storage and key, and the session id the options or the environment ask to start with.
 * @example
 * const [config, storage, storageKey, sessionId] = await readInit(env, log, 'API_KEY', undefined, {});
 */
export const readInit = async (
  env: Environment,
  log: SdkLogger,
  apiKey: unknown,
  userIdArg: unknown,
  raw: Record<string, unknown>,
): Promise<readonly [Config, Storage<UserSession>, string, number | undefined]> => {
  let prepared: Promise<Record<string, unknown>> | undefined;
  try {
    prepared = env.prepareOptions?.(raw, apiKey);
  } catch (e) {
    log.error(__DEV__ ? 'init(): the options could not be prepared; they are used as given:' : 'E13 init: options not prepared', e);
  }
  if (prepared) raw = await prepared;
  const given = validateOptions(raw, log.warn, env.options);
  const options: Options = { ...env.defaults, ...given };
  if (typeof apiKey !== 'string' || !apiKey) {
    log.error(__DEV__ ? `init() needs your project's API key (a string) as its first argument, got ${typeName(apiKey)}; events are not uploaded ("${MSG_NO_KEY}")` : `E14 init: apiKey must be a string (${typeName(apiKey)})`);
  }
  const c: Config = {
    ...optionDefaults(),
    ...options,
    apiKey: typeof apiKey === 'string' ? apiKey : '',
    logLevel: log.level,
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
  const storageKey = `AMP_${c.apiKey.slice(0, 10)}${c.instanceName === DEFAULT_INSTANCE ? '' : `_${c.instanceName}`}`;
  // The one place the config gets what the environment shares with plugins: the identity storage (the
  // `cookieStorage` option, else the environment's), then the rest (Environment.share).
  const chosen = (c.cookieStorage ??= env.storage?.(options.identityStorage ?? 'cookie', c));
  Object.assign(c, env.share?.());
  let storage = chosen ?? memoryStorage();
  const enabled = await Promise.resolve()
    .then(() => storage.isEnabled())
    .catch(() => false);
  if (!enabled) {
    if (chosen) log.warn(__DEV__ ? 'the identity storage is not available here; identity is kept in memory for this page' : 'E52 identity storage unavailable, memory used');
    storage = memoryStorage();
  }
  const stored: Partial<UserSession> =
    (await Promise.resolve()
      .then(() => storage.get(storageKey))
      .catch((e) => log.warn(__DEV__ ? 'could not read identity from storage:' : 'E53 identity not read', e))) ?? {};
  const initial = env.initialIdentity?.() ?? {};
  const pick = (what: string, ...ids: unknown[]) => {
    for (const id of ids) {
      if (id === undefined || id === null) continue;
      const why = idProblem(options.minIdLength, what, id);
      if (!why) return id as string;
      log.warn(__DEV__ ? `${why}; ignored` : why);
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
  return [c, storage, storageKey, options.sessionId ?? initial.sessionId];
};

/**
 * The public `init` of a client: reads its arguments, runs `setup` once (a second call is ignored with a
 * warning naming what differs), and when `setup` fails unexpectedly `open`s the pre-init queue so the
 * calls made meanwhile still settle.
 * @example
 * const init = createInit(setup, () => log, open);
 */
export const createInit = (setup: (apiKey: unknown, userId: string | undefined, raw: Record<string, unknown>) => Promise<void>, log: () => SdkLogger, open: () => void) => {
  let initPromise: Promise<void> | undefined;
  let firstInit: { apiKey: unknown; userId: unknown; options: Record<string, unknown> } | undefined;
  return (apiKey?: string, userIdOrOptions?: string | Options | null, maybeOptions?: Options): AsyncResult<void> => {
    const [userId, options] = typeof userIdOrOptions === 'object' && userIdOrOptions ? [undefined, userIdOrOptions] : [userIdOrOptions ?? undefined, maybeOptions];
    const read = readObject(options, 'init(): options', true);
    const raw: Record<string, unknown> = typeof read === 'object' ? read : {};
    if (typeof read === 'string') log().warn(__DEV__ ? `${read}; defaults are used` : read);
    if (userId !== undefined && typeof userId !== 'string') log().warn(__DEV__ ? `init(): the second argument should be a user id string or the options object, got ${typeName(userId)}; ignored` : `E18 init: userId not a string (${typeName(userId)})`);
    if (initPromise) {
      const diff = describeDiff(firstInit!, apiKey, userId, raw);
      log().warn(
        __DEV__
          ? `init() was already called on this instance; this call is ignored${diff.length ? ` (it differs in: ${diff.join(', ')})` : ''}. ` +
              'Use createInstance() for another project, or setUserId()/setOptOut() to change identity.'
          : `E19 init: already called, ignored (${diff.join(', ')})`,
      );
      return wrap(initPromise);
    }
    firstInit = { apiKey, userId, options: { ...raw } };
    initPromise = setup(apiKey, typeof userId === 'string' ? userId : undefined, raw).catch((e) => {
      log().error(__DEV__ ? 'init() failed unexpectedly; the client stays usable but may not upload:' : 'E1 init failed', e);
      // Calls made meanwhile still settle (events with a reason), instead of waiting for ever.
      open();
    });
    return wrap(initPromise);
  };
};

/** The arguments of a second `init` that differ from the first's, by name. */
const describeDiff = (first: { apiKey: unknown; userId: unknown; options: Record<string, unknown> }, apiKey: unknown, userId: unknown, options: Record<string, unknown>) => {
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
