import type { IncomingMessage, ServerResponse } from 'node:http';

/** One Server-Sent Event: its name and JSON data. */
export interface StreamMessage {
  event: 'ingest' | 'reject' | 'reset' | 'upload' | 'faults';
  data: unknown;
}

export interface EventStream {
  /** Starts streaming to a client, first sending `replay`. */
  open(req: IncomingMessage, res: ServerResponse, replay: readonly StreamMessage[]): void;
  broadcast(message: StreamMessage): void;
  /** Ends every open stream. */
  close(): void;
}

const HEARTBEAT_MS = 15_000;

const format = ({ event, data }: StreamMessage): string => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * A Server-Sent Events hub for the inspector (`GET /_footprint/stream`).
 * @example
 * const stream = createEventStream();
 * stream.broadcast({ event: 'reset', data: {} });
 */
export function createEventStream(): EventStream {
  const clients = new Set<ServerResponse>();
  let heartbeat: NodeJS.Timeout | undefined;

  const stopWhenIdle = () => {
    if (clients.size === 0 && heartbeat) {
      clearInterval(heartbeat);
      heartbeat = undefined;
    }
  };

  return {
    open: (req, res, replay) => {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.write(`retry: 1000\n\n${replay.map(format).join('')}`);
      clients.add(res);
      req.on('close', () => {
        clients.delete(res);
        stopWhenIdle();
      });
      // A comment line now and then keeps proxies and idle timeouts from closing the stream.
      heartbeat ??= setInterval(() => clients.forEach((client) => client.write(': ping\n\n')), HEARTBEAT_MS);
      heartbeat.unref();
    },
    broadcast: (message) => {
      const text = format(message);
      clients.forEach((client) => client.write(text));
    },
    close: () => {
      clients.forEach((client) => client.end());
      clients.clear();
      stopWhenIdle();
    },
  };
}
