// The analytics.js-compatible object: shuffles each call's arguments, keeps the user's and group's
// traits as analytics.js does, maps the call (mapping.ts) and makes the resulting Footprint calls on its
// own client. Calls made before `load` (or before Footprint is initialised) wait and run in order.
import { createInstance, Identify, Revenue, type BrowserClient, type BrowserOptions, type Result } from '@footprint/browser';
import { pageArguments, popPageContext, trackArguments, userArguments, type Callback, type Dict } from './arguments';
import { pageContext, readStored, removeStored, uuid, writeStored } from './host';
import { createMapping, sentToAmplitude, type Mapping, type Message, type Operation } from './mapping';
import { resolveSettings, type AmplitudeSettings, type Settings } from './settings';

/** The second argument of `load`. */
export interface LoadOptions {
  /** Footprint's `init` options (serverUrl, flushIntervalMillis, autocapture, …). */
  footprint?: BrowserOptions;
  /** The Amplitude destination settings (see the README). */
  amplitude?: AmplitudeSettings;
}

/** What a call resolves to, like analytics-next's `Context`: the Segment event and the results of the Footprint events it became. */
export interface Context {
  event: Dict & { type: 'page' | 'identify' | 'track' | 'group' };
  results: Result[];
}

/** The user as analytics.js shows it. */
export interface User {
  id(): string | null;
  anonymousId(id?: string): string | null;
  traits(traits?: Dict): Dict;
}

// What Segment's Amplitude destination sent on its own: campaign (UTM) user properties and nothing else;
// no page views, sessions, forms or downloads. `footprint.autocapture` replaces this.
const SEGMENT_AUTOCAPTURE = {
  attribution: true,
  sessions: false,
  pageViews: false,
  formInteractions: false,
  fileDownloads: false,
  pageUrlEnrichment: false,
};

/** analytics.js methods Segment's Amplitude destination did not send anywhere, or that need Segment's own service. */
const UNSUPPORTED = [
  'alias', 'screen', 'trackSubmit', 'trackClick', 'trackLink', 'trackForm', 'pageview', 'debug',
  'on', 'once', 'off', 'addSourceMiddleware', 'addIntegrationMiddleware', 'addDestinationMiddleware', 'register',
] as const;

const CALLBACK_TIMEOUT_MS = 300;
const warn = (message: string) => console.warn(`[Footprint] segment: ${message}`);

const groupName = (value: unknown): string | string[] => (Array.isArray(value) ? value.map(String) : String(value));

export const createAnalytics = () => {
  const client: BrowserClient = createInstance();
  let settings: Settings | undefined;
  let mapping: Mapping | undefined;
  let loaded = false;
  let ready = false;
  const waiting: (() => void)[] = [];
  let markReady!: () => void;
  const whenReady = new Promise<void>((resolve) => (markReady = resolve));
  let anon: string | undefined;
  let userTraits: Dict | undefined;
  let group: { id?: string; traits?: Dict } | undefined;

  const later = (run: () => void) => (ready ? run() : waiting.push(run));

  // ---- analytics.js's own state: anonymous id, user traits, group (docs/segment.md "Storage") ----------
  const storedAnonymousId = (): string | undefined => {
    const stored = readStored('ajs_anonymous_id');
    return typeof stored === 'string' && stored ? stored : undefined;
  };
  /** Segment's anonymous id: the stored one, else a new one, stored as analytics.js stores it. */
  const segmentAnonymousId = (): string => {
    anon ??= storedAnonymousId() ?? uuid();
    writeStored('ajs_anonymous_id', anon, true);
    return anon;
  };
  const setAnonymousId = (id: string): string => {
    anon = String(id);
    writeStored('ajs_anonymous_id', anon, true);
    if (settings?.preferAnonymousIdForDeviceId) later(() => client.setDeviceId(anon!));
    return anon;
  };
  const traits = (): Dict => (userTraits ??= (readStored('ajs_user_traits') as Dict) ?? {});
  const setTraits = (next: Dict) => writeStored('ajs_user_traits', (userTraits = next), false);
  const groupState = () =>
    (group ??= { id: readStored('ajs_group_id') as string | undefined, traits: (readStored('ajs_group_properties') as Dict) ?? {} });

  const user: User = {
    id: () => client.getUserId() ?? null,
    anonymousId: (id?: string) =>
      id !== undefined ? setAnonymousId(id) : settings?.preferAnonymousIdForDeviceId ? segmentAnonymousId() : anon ?? storedAnonymousId() ?? client.getDeviceId() ?? null,
    traits: (next?: Dict) => (next && typeof next === 'object' ? (setTraits({ ...next }), { ...next }) : { ...traits() }),
  };

  // ---- making the Footprint calls ---------------------------------------------------------------------
  const apply = (op: Operation): Promise<Result> | undefined => {
    switch (op[0]) {
      case 'track':
        return client.track(op[1] as any).promise;
      case 'setUserId':
        client.setUserId(op[1]);
        return undefined;
      case 'identify': {
        const id = new Identify();
        for (const [operation, values] of Object.entries(op[1] as Record<string, Dict>)) {
          for (const [key, value] of Object.entries(values)) {
            if (operation === '$add') id.add(key, value);
            else if (operation === '$setOnce') id.setOnce(key, value);
            else id.set(key, value);
          }
        }
        return client.identify(id).promise;
      }
      case 'setGroup':
        return client.setGroup(op[1], groupName(op[2])).promise;
      case 'revenue': {
        const { price, quantity, productId, revenueType, eventProperties } = op[1];
        const revenue = new Revenue().setPrice(price).setQuantity(quantity).setEventProperties(eventProperties);
        if (revenueType) revenue.setRevenueType(String(revenueType));
        if (productId) revenue.setProductId(String(productId));
        return client.revenue(revenue).promise;
      }
    }
  };

  /** Runs a call when Footprint is ready: `build` makes the message then, `kind` picks its mapping. */
  const dispatch = (kind: Context['event']['type'], build: () => Message, callback?: Callback): Promise<Context> => {
    const done = new Promise<Context>((resolve) =>
      later(() => {
        let message: Message = {};
        let pending: (Promise<Result> | undefined)[] = [];
        try {
          message = build();
          const ops = sentToAmplitude(message.options) ? mapping![kind](message) : [];
          pending = ops.map(apply);
        } catch (error) {
          warn(__DEV__ ? `${kind}() failed: ${String(error)}` : `E92 ${kind} failed: ${String(error)}`);
        }
        const event = { type: kind, ...message, anonymousId: user.anonymousId() };
        Promise.all(pending).then((results) => resolve({ event, results: results.filter((r): r is Result => !!r) }));
      }),
    );
    if (typeof callback === 'function') {
      // analytics.js calls back once the call is handled or after a short timeout, whichever is first.
      let called = false;
      const call = (ctx?: Context) => {
        if (called) return;
        called = true;
        try {
          callback(ctx);
        } catch (error) {
          console.error(__DEV__ ? '[Footprint] segment: a callback threw' : '[Footprint] E93 segment: callback threw', error);
        }
      };
      done.then(call);
      setTimeout(call, CALLBACK_TIMEOUT_MS);
    }
    return done;
  };

  const analytics = {
    /** Footprint's client behind this object (flush, setOptOut, consent, …). */
    footprint: client,

    /** Starts Footprint with `apiKey` (Segment's write key position) and applies the Amplitude destination settings. */
    load(apiKey: string | { writeKey?: string }, options?: LoadOptions): void {
      if (loaded) return warn(__DEV__ ? 'load() was already called; ignored' : 'E94 load called twice');
      loaded = true;
      const key = typeof apiKey === 'string' ? apiKey : apiKey?.writeKey;
      const opts: Dict = options && typeof options === 'object' ? options : {};
      for (const name of Object.keys(opts)) if (name !== 'footprint' && name !== 'amplitude') warn(__DEV__ ? `unknown load option "${name}" ignored` : `E95 unknown load option "${name}"`);
      settings = resolveSettings(opts.amplitude, warn);
      mapping = createMapping(settings);
      const footprint: Dict = { autocapture: SEGMENT_AUTOCAPTURE, ...opts.footprint };
      if (settings.preferAnonymousIdForDeviceId) footprint.deviceId = segmentAnonymousId();
      client.init(key as string, footprint).promise.then(() => {
        // A visitor Segment already knew keeps the user id analytics.js stored.
        const known = readStored('ajs_user_id');
        if (!client.getUserId() && typeof known === 'string' && known) client.setUserId(known);
        ready = true;
        for (const run of waiting.splice(0)) run();
        markReady();
      });
    },

    page(...args: unknown[]): Promise<Context> {
      const buffered = popPageContext(args);
      const { category, name, properties, options, callback } = pageArguments(args);
      const context = pageContext(buffered);
      return dispatch('page', () => ({ category, name, options, properties: { ...context, ...properties, ...(name && { name }) } }), callback);
    },

    identify(...args: unknown[]): Promise<Context> {
      popPageContext(args);
      const { id, traits: given, options, callback } = userArguments(args);
      return dispatch(
        'identify',
        () => {
          const current = client.getUserId() ?? null;
          const userId = id ?? current ?? undefined;
          // analytics.js merges traits while the user stays the same, and starts again for another user.
          setTraits(current === null || current === userId ? { ...traits(), ...given } : { ...given });
          return { userId, traits: { ...traits() }, options };
        },
        callback,
      );
    },

    track(...args: unknown[]): Promise<Context> {
      popPageContext(args);
      const { event, properties, options, callback } = trackArguments(args);
      if (typeof event !== 'string' || !event) {
        warn(__DEV__ ? 'track() needs an event name; nothing was sent' : 'E96 track: no event name');
        return Promise.resolve({ event: { type: 'track' }, results: [] });
      }
      return dispatch('track', () => ({ event, properties, options }), callback);
    },

    group(...args: unknown[]): Promise<Context> {
      popPageContext(args);
      const { id, traits: given, options, callback } = userArguments(args);
      return dispatch(
        'group',
        () => {
          const state = groupState();
          const groupId = id ?? state.id;
          state.traits = state.id === undefined || state.id === groupId ? { ...state.traits, ...given } : { ...given };
          state.id = groupId;
          if (groupId !== undefined) writeStored('ajs_group_id', groupId, false);
          writeStored('ajs_group_properties', state.traits, false);
          return { groupId, traits: { ...state.traits }, options };
        },
        callback,
      );
    },

    /** Forgets the user: no user id, no traits, a new device id (and a new anonymous id). */
    reset(): void {
      later(() => {
        client.reset();
        userTraits = {};
        group = { traits: {} };
        anon = undefined;
        for (const key of ['ajs_user_id', 'ajs_user_traits', 'ajs_group_id', 'ajs_group_properties', 'ajs_anonymous_id']) removeStored(key);
        if (settings?.preferAnonymousIdForDeviceId) client.setDeviceId(segmentAnonymousId());
      });
    },

    /** Calls `callback` (and resolves) once Footprint is initialised. */
    ready(callback?: () => void): Promise<void> {
      return whenReady.then(() => {
        try {
          if (typeof callback === 'function') callback();
        } catch (error) {
          console.error(__DEV__ ? '[Footprint] segment: a ready callback threw' : '[Footprint] E93 segment: callback threw', error);
        }
      });
    },

    /** The current user: `id()`, `anonymousId()`, `traits()`. */
    user: (): User => user,

    /** Sets Segment's anonymous id (and the device id, with `preferAnonymousIdForDeviceId`). */
    setAnonymousId: (id?: string): string | null => (id === undefined ? user.anonymousId() : setAnonymousId(id)),
  };

  const unsupported = Object.fromEntries(
    UNSUPPORTED.map((name) => [name, (..._args: unknown[]) => warn(__DEV__ ? `analytics.${name}() is not supported (Segment's Amplitude destination did not send it); ignored` : `E97 ${name} not supported`)]),
  ) as Record<(typeof UNSUPPORTED)[number], (...args: unknown[]) => void>;

  return { ...unsupported, ...analytics };
};

/** One analytics.js-compatible object (what `createAnalytics()` returns). */
export type Analytics = ReturnType<typeof createAnalytics>;
