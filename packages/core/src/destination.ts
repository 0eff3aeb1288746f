import type { Config, Event, Plugin, Result, TransportResponse } from './types';

interface Pending {
  event: Event;
  attempts: number;
  resolve: (r: Result) => void;
}

const SUCCESS = 'Event tracked successfully';

/** Indices the server names as invalid in a 400 answer (PROTOCOL §B.4). */
export const invalidIndices = (body: any): Set<number> => {
  const out = new Set<number>();
  for (const key of ['events_with_invalid_fields', 'events_with_missing_fields', 'events_with_invalid_id_lengths']) {
    const group = body?.[key];
    if (group && typeof group === 'object') for (const list of Object.values(group)) if (Array.isArray(list)) list.forEach((i) => out.add(i));
  }
  if (Array.isArray(body?.silenced_events)) body.silenced_events.forEach((i: number) => out.add(i));
  return out;
};

/**
 * The default destination: batches events and uploads them as HTTP V2 requests, one in flight at a time.
 * Sends when `flushQueueSize` events wait or `flushIntervalMillis` has passed, whichever is first.
 */
export const destinationPlugin = (): Plugin & { flush(): Promise<void> } => {
  let config: Config;
  let queue: Pending[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | undefined;

  const settle = (p: Pending, code: number, message: string) => p.resolve({ event: p.event, code, message });

  const schedule = () => {
    if (timer === undefined) timer = setTimeout(() => void flush(), config.flushIntervalMillis);
  };

  const handle = (batch: Pending[], res: TransportResponse | null) => {
    const status = res?.status ?? 0;
    if (status >= 200 && status < 300) return batch.forEach((p) => settle(p, status, SUCCESS));
    const body = res?.body as any;
    const reason = `${status}: ${JSON.stringify(body ?? null)}`;
    if (status === 400) {
      const bad = invalidIndices(body);
      if (bad.size === 0 || (typeof body?.error === 'string' && body.error.startsWith('Invalid API key'))) {
        return batch.forEach((p) => settle(p, status, reason));
      }
      batch.forEach((p, i) => (bad.has(i) ? settle(p, status, reason) : retry(p, reason)));
      return;
    }
    batch.forEach((p) => retry(p, reason));
  };

  const retry = (p: Pending, reason: string) => {
    p.attempts += 1;
    if (p.attempts >= config.flushMaxRetries) settle(p, 500, 'Event rejected due to exceeded retry count');
    else queue.push(p);
    void reason;
  };

  const sendAll = async () => {
    while (queue.length) {
      const batch = queue.splice(0, config.flushQueueSize);
      const payload = {
        api_key: config.apiKey,
        events: batch.map((p) => p.event),
        options: config.minIdLength !== undefined ? { min_id_length: config.minIdLength } : {},
        client_upload_time: new Date().toISOString(),
      };
      const res = await config.transportProvider.send(config.serverUrl, payload).catch(() => null);
      const before = queue.length;
      handle(batch, res);
      if (queue.length > before) break; // a failed batch waits for the next interval
    }
    if (queue.length) schedule();
  };

  const flush = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    inFlight = (inFlight ?? Promise.resolve()).then(sendAll);
    return inFlight;
  };

  return {
    name: 'footprint-destination',
    type: 'destination',
    setup(c) {
      config = c;
    },
    execute(event) {
      return new Promise<Result>((resolve) => {
        queue.push({ event, attempts: 0, resolve });
        if (queue.length >= config.flushQueueSize) void flush();
        else schedule();
      });
    },
    flush,
    teardown() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      queue = [];
    },
  };
};
