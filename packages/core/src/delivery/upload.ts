// One upload (docs/protocol.md §A.4): the HTTP V2 envelope around a batch, and its request through the
// transport with its two timeouts (docs/delivery.md "The guarantee").
import { UNLOAD, utf8Length, type State } from './entry';
import type { Config, DeliveryRequest, DeliveryTransport, Event, TransportResponse, UploadPayload } from '../types';
import type { Settings } from './settings';
import { chunkByBytes } from './batch';

/**
 * The HTTP V2 body for some entries: the payload object (for transports that want it), its JSON, built
 * from each entry's JSON serialized once, and the JSON's UTF-8 length, from the entries' (not scanned again).
 * @example
 * const { payload, body, bytes } = envelope(config, batch);
 */
export const envelope = (config: Config, entries: ReadonlyArray<{ event: Event; json: string; bytes: number }>) => {
  const options = config.minIdLength !== undefined ? { min_id_length: config.minIdLength } : {};
  const client_upload_time = new Date().toISOString();
  const payload = { api_key: config.apiKey, events: entries.map((e) => e.event), options, client_upload_time };
  const key = JSON.stringify(config.apiKey);
  const body = `{"api_key":${key},"events":[${entries.map((e) => e.json).join(',')}],"options":${JSON.stringify(options)},"client_upload_time":"${client_upload_time}"}`;
  let bytes = body.length + utf8Length(key) - key.length;
  for (const e of entries) bytes += e.bytes - e.json.length;
  return { payload, body, bytes };
};

/**
 * Sends one batch and resolves its answer, or `null` when there is none. Past `requestTimeoutMillis`,
 * `release()` runs: the request stops holding up the queue but keeps its chance to answer, since a slow
 * server may still store it (its events are sent again only once its failure is known). The transport gives
 * up after 4× as long (`hints.timeoutMs`); past that and 2 s more, the answer is `null` whatever happens.
 * A page that unloads fails its keepalive requests' promises first, in the task that hides it, though the
 * requests go on: such a failure (`hints.survives`) resolves one task later, once the page-hide path has run.
 * @example
 * const res = await upload(transport, s, payload, { body, timeoutMs: s.requestTimeout * 4 }, release);
 */
export const upload = async (transport: DeliveryTransport, s: Settings, payload: UploadPayload, hints: DeliveryRequest, release: () => void): Promise<TransportResponse | null> => {
  // One timer at a time: most requests are answered long before the first fires.
  let timer: ReturnType<typeof setTimeout>;
  let res: TransportResponse | null = null;
  try {
    const timedOut = new Promise<null>((r) => {
      timer = setTimeout(() => {
        release();
        timer = setTimeout(r, hints.timeoutMs! + 2000 - s.requestTimeout, null);
      }, s.requestTimeout);
    });
    res = await Promise.race([transport.send(s.url, payload, hints), timedOut]);
  } catch (e) {
    s.log.error(__DEV__ ? 'transport failed:' : 'E55 transport failed', e);
  } finally {
    clearTimeout(timer!);
  }
  if (!res && hints.survives) await new Promise((r) => setTimeout(r, 0));
  return res;
};

/** Largest body for one page-hide request: a quarter of the browser's shared 64 KiB keepalive budget. */
const UNLOAD_CHUNK_BYTES = 16 * 1024 - 512;

/**
 * Hands entries to requests that survive the page going away (keepalive fetch or beacon), in chunks that
 * fit the keepalive budget. What the browser takes counts as sent: it leaves storage (`left`), a beacon's
 * events are settled at once (`sent`), a keepalive's when `answer(chunk, res)` comes, if the page lives to
 * read it. Once the browser refuses a chunk (budget spent), the rest stays where it is.
 * @example
 * sendUnload(config, s.url, queue.filter(waiting), persist.left, (e) => finish(e, 200, SUCCESS), settle);
 */
export const sendUnload = <E extends { event: Event; json: string; bytes: number; state: State }>(
  config: Config,
  url: string,
  entries: E[],
  left: (e: E) => void,
  sent: (e: E) => void,
  answer: (chunk: E[], res: TransportResponse | null) => void,
) => {
  const transport = config.transportProvider as DeliveryTransport;
  if (!transport.sendUnload || !config.apiKey) return;
  for (const chunk of chunkByBytes(entries, UNLOAD_CHUNK_BYTES)) {
    const how = transport.sendUnload(url, envelope(config, chunk).body, (res) => answer(chunk, res));
    if (!how) break;
    chunk.forEach((e) => ((e.state = UNLOAD), left(e)));
    if (how === 'beacon') chunk.forEach(sent);
  }
};
