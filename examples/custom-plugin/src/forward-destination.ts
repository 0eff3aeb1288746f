import type { DestinationPlugin, Event, Result } from '@footprint/browser';

/** Options of {@link forwardDestination}. */
export interface ForwardOptions {
  /** An HTTP V2-style endpoint (`/2/httpapi` or `/batch`) that receives a copy of every event. */
  url: string;
  /** The API key sent with the copies (a second project, say). */
  apiKey: string;
  /** Called with every outcome, e.g. to show it on the page. */
  onResult?: (result: Result) => void;
}

/**
 * A destination plugin: sends each event, once the enrichment plugins have run, to a second endpoint and
 * resolves with that endpoint's answer. It runs beside the default destination (the delivery engine), so
 * the event still reaches the configured `serverUrl` too. A destination that fails never throws: it
 * resolves with the failure, which the client logs.
 * @example
 * footprint.add(forwardDestination({ url: 'https://mirror.example.com/batch', apiKey: 'SECOND_KEY' }));
 */
export const forwardDestination = (options: ForwardOptions): DestinationPlugin => {
  const report = (result: Result) => {
    options.onResult?.(result);
    return result;
  };
  return {
    name: 'forward',
    type: 'destination',
    execute: async (event: Event) => {
      try {
        const response = await fetch(options.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: '*/*' },
          body: JSON.stringify({ api_key: options.apiKey, events: [event] }),
        });
        return report({ event, code: response.status, message: response.ok ? 'Forwarded' : response.statusText });
      } catch (error) {
        return report({ event, code: 0, message: `Not forwarded: ${String(error)}` });
      }
    },
  };
};
