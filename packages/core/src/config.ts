import { toLogLevel } from './logger';
import { OPTIONS, ServerZone, type AutocaptureOptions, type DefaultedOption, type Options } from './types';
import { serverUrlFor } from './delivery/server-url';

/** What each kind letter of {@link OPTIONS} expects, as warnings say it. */
export const EXPECT: Record<string, string> = {
  s: 'a string', n: 'a number', p: 'a positive number', i: 'a whole number ≥ 0', b: 'true or false', o: 'an object', d: 'an object',
  f: 'an object', B: 'true, false or an object', x: '',
};

const ok = (kind: string, v: unknown): boolean => {
  switch (kind) {
    case 's': return typeof v === 'string';
    case 'n': return typeof v === 'number' && Number.isFinite(v);
    case 'p': return typeof v === 'number' && v > 0 && Number.isFinite(v);
    case 'i': return Number.isInteger(v) && (v as number) >= 0;
    case 'b': return typeof v === 'boolean';
    case 'B': return typeof v === 'boolean' || (typeof v === 'object' && v !== null);
    case 'o':
    case 'd': return typeof v === 'object' && v !== null;
    case 'f': return (typeof v === 'object' && v !== null) || typeof v === 'function';
    default: return true;
  }
};

const describe = (v: unknown) => (typeof v === 'string' ? `"${v}"` : typeof v === 'object' && v ? 'an object' : typeof v === 'symbol' ? 'a symbol' : String(v));

/** Options whose value must be one of a few. */
const ONE_OF: Record<string, string[]> = { serverZone: Object.values(ServerZone), identityStorage: ['cookie', 'localStorage', 'sessionStorage', 'none'] };
/** Options whose object must have these methods. */
const WITH_METHODS: Record<string, string[]> = {
  loggerProvider: ['log', 'warn', 'error', 'debug'],
  transportProvider: ['send'],
  cookieStorage: ['get', 'set', 'remove'],
  identify: ['getUserProperties'],
};
/** What those options should be, as development warnings say it (a ONE_OF option: its values, `'a', 'b' or 'c'`). */
const WANT: Record<string, string> = {
  logLevel: 'a LogLevel (0 None … 4 Debug)',
  loggerProvider: 'a logger with log, warn, error and debug methods',
  transportProvider: 'an object with a send(url, payload) method',
  cookieStorage: 'a storage with isEnabled, get, set, remove and reset methods',
  identify: 'an Identify',
};

/** What option `name` should be, as development warnings say it. */
const want = (name: string) => {
  const values = ONE_OF[name]?.map((x) => `'${x}'`);
  return values ? `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}` : WANT[name];
};

/** Narrower rules for a few options whose type alone is not enough: what the option should be (`''` in production). */
const extra = (name: string, v: any): string | undefined => {
  const bad = ONE_OF[name] ? !ONE_OF[name].includes(v) : name === 'logLevel' ? toLogLevel(v) === undefined : WITH_METHODS[name]?.some((m) => typeof v[m] !== 'function');
  return bad ? (__DEV__ ? want(name) : '') : undefined;
};

/**
 * Checks `init` options: each unknown name or wrong value gives one warning that names the option and
 * what it expects, and is left out so the default applies. Never throws.
 * @example
 * validateOptions({ flushQueueSize: '10' }, log.warn); // warns, returns {}
 */
export const validateOptions = (options: unknown, warn: (msg: string) => void, known: Record<string, string> = {}): Options => {
  const out: Record<string, unknown> = {};
  if (typeof options !== 'object' || !options) return out; // init() warns about a non-object
  let unknown = 0;
  for (let [name, value] of Object.entries(options)) {
    // An entry is its kind letter, or `[letter, default]`: its first character or element is the letter.
    const kind = (known[name] ?? (OPTIONS as Record<string, string | readonly [string, unknown]>)[name])?.[0];
    if (value === undefined) continue;
    if (!kind) {
      // One warning per name, for the first ten: an object with thousands of keys costs no more.
      if (++unknown <= 10) warn(__DEV__ ? `init(): unknown option "${name}" is ignored` : `E10 init: unknown option "${name}"`);
      continue;
    }
    let want: string | undefined;
    try {
      want = ok(kind, value) ? extra(name, value) : __DEV__ ? EXPECT[kind] : '';
      // An object option is kept as a shallow copy, so a later read of its fields cannot throw.
      if (!want && (kind === 'd' || kind === 'B') && typeof value === 'object') value = { ...value };
    } catch {
      want = __DEV__ ? 'readable (reading it threw)' : '';
    }
    if (want !== undefined) warn(__DEV__ ? `init(): option "${name}" should be ${want}, got ${describe(value)}; the default is used` : `E11 init: option "${name}" invalid (${describe(value)}), default used`);
    else out[name] = value;
  }
  return out as Options;
};

/** Whether `feature` of `autocapture` (or the deprecated `defaultTracking`) is on; features default to on. */
export const isTrackingOn = (options: Options, feature: keyof AutocaptureOptions): boolean => {
  const ac = options.autocapture ?? options.defaultTracking;
  if (typeof ac === 'boolean') return ac;
  return ac?.[feature] !== false;
};

/**
 * The defaults the client applies, from the entries of {@link OPTIONS} that declare one.
 * @example
 * optionDefaults().flushQueueSize; // 30
 */
export const optionDefaults = () =>
  Object.fromEntries(Object.entries(OPTIONS).flatMap(([name, entry]) => (typeof entry === 'string' ? [] : [[name, entry[1]]]))) as { [K in DefaultedOption]: (typeof OPTIONS)[K][1] };

/** The upload URL: `serverUrl` wins, else the zone's HTTP V2 (or `/batch`) endpoint (docs/protocol.md §A.3). */
export const resolveServerUrl: (o: Options) => string = serverUrlFor;
