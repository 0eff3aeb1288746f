// analytics.js argument shuffling (docs/segment.md "Calls"): optional leading strings, then a
// properties/traits object, an options object, and a callback wherever the call ends.

export type Dict = Record<string, any>;
export type Callback = (ctx?: unknown) => void;

/** The page context Segment's snippet appends to each buffered call (`{ __t: 'bpc', c, p, u, s, t, r }`). */
export interface BufferedPageContext {
  __t: 'bpc';
  c?: string;
  p: string;
  u: string;
  s: string;
  t: string;
  r: string;
}

export const isDict = (v: unknown): v is Dict => Object.prototype.toString.call(v) === '[object Object]';
const isFn = (v: unknown): v is Callback => typeof v === 'function';
const isStr = (v: unknown): v is string => typeof v === 'string';

const BPC_KEYS = ['__t', 'c', 'p', 'u', 's', 't', 'r'];
const isBufferedPageContext = (v: unknown): v is BufferedPageContext =>
  isDict(v) && v.__t === 'bpc' && Object.keys(v).every((k) => BPC_KEYS.includes(k));

/** Removes the snippet's page context from the end of a buffered call's arguments and returns it. */
export const popPageContext = (args: unknown[]): BufferedPageContext | undefined => {
  const last = args[args.length - 1];
  if (!isBufferedPageContext(last)) return undefined;
  args.pop();
  return last;
};

/** `track(event, [properties], [options], [callback])`. */
export const trackArguments = (args: unknown[]) => {
  const [event, properties, options] = args;
  return {
    event: isDict(event) ? (event.event as unknown) : event,
    properties: (isDict(event) ? event.properties : isDict(properties) ? properties : undefined) as Dict | undefined,
    options: (isDict(event) ? (isDict(properties) ? properties : undefined) : isDict(options) ? options : undefined) as Dict | undefined,
    callback: args.find(isFn),
  };
};

/** `page([category], [name], [properties], [options], [callback])`: one string is the name, two are category and name. */
export const pageArguments = (args: unknown[]) => {
  const strings = args.slice(0, 2).filter(isStr);
  const objects = args.filter(isDict);
  let category: string | undefined;
  let name: string | undefined;
  if (strings.length === 2) [category, name] = strings;
  else if (strings.length === 1) name = strings[0];
  let properties: Dict | undefined;
  let options: Dict | undefined;
  if (objects.length >= 2) [properties, options] = objects;
  else if (objects.length === 1) {
    // A lone object in the options position (after two strings and a null) is the options.
    if (isDict(args[3]) && !isDict(args[2])) options = args[3];
    else properties = objects[0];
  }
  return { category, name, properties, options, callback: args.find(isFn) };
};

/** `identify([userId], [traits], [options], [callback])` and `group(groupId, [traits], [options], [callback])`. */
export const userArguments = (args: unknown[]) => {
  let i = 0;
  let id: string | undefined;
  const first = args[0];
  if (isStr(first) || typeof first === 'number') (id = String(first)), i++;
  else if (first === null || first === undefined) i++;
  const rest = args.slice(i);
  const objects: (Dict | undefined)[] = [];
  for (const arg of rest) {
    if (isFn(arg)) break;
    objects.push(isDict(arg) ? arg : undefined);
  }
  return { id, traits: objects[0], options: objects[1], callback: rest.find(isFn) };
};
