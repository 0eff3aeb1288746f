import type { Config, Plugin, PluginClient } from '@footprint/core';
import { bodySize, readTextCapped } from './body';
import { captureBody, NETWORK_REQUEST_EVENT, type CapturedBodies } from './event';
import { networkEventProperties } from './event';
import { observeNetwork } from './observe';
import { compileOptions, decide, type CaptureSpec, type CompiledOptions } from './rules';
import type { NetworkRequestRecord, NetworkTrackingOptions } from './types';

/**
 * Bodies larger than this are neither read nor captured: 256 KiB.
 * @example if (text.length > MAX_CAPTURED_BODY_BYTES) skip();
 */
export const MAX_CAPTURED_BODY_BYTES = 256 * 1024;
// How long reading a (possibly streaming) response clone may take before it is abandoned.
const BODY_READ_TIMEOUT_MS = 3000;

/**
 * Observes `fetch` and `XMLHttpRequest` and tracks `[Amplitude] Network Request` events for the
 * requests the options select (by default: responses 500–599). The request path only records
 * timings; matching, body filtering and tracking happen afterwards, off the request path.
 * @example
 * client.add(networkCapturePlugin({ captureRules: [{ statusCodeRange: '0,400-599' }] }));
 * @default options `{}` (capture 500–599, ignore Amplitude hosts, no bodies, no headers)
 */
export const networkCapturePlugin = (options: NetworkTrackingOptions = {}): Plugin => {
  let stop: (() => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let queue: NetworkRequestRecord[] = [];
  // Replaced on every setup/teardown, so work started under an older setup never tracks.
  let generation = {};

  const discard = (record: NetworkRequestRecord) => {
    record.responseClone?.body?.cancel().catch(() => {});
  };

  const teardown = () => {
    stop?.();
    stop = undefined;
    clearTimeout(timer);
    timer = undefined;
    queue.forEach(discard);
    queue = [];
    generation = {};
  };

  const handle = async (record: NetworkRequestRecord, compiled: CompiledOptions, client: PluginClient, current: object) => {
    const spec: CaptureSpec | undefined = decide(compiled, record);
    if (!spec) return discard(record);
    const requestSize = bodySize(record.requestBody);
    const bodies: CapturedBodies = {};
    if (spec.requestBody && typeof record.requestBody === 'string' && (requestSize ?? 0) <= MAX_CAPTURED_BODY_BYTES) {
      bodies.requestBody = captureBody(record.requestBody, spec.requestBody);
    }
    let response: unknown = record.responseValue;
    if (record.responseClone) {
      if (spec.responseBody) {
        const read = await readTextCapped(record.responseClone, MAX_CAPTURED_BODY_BYTES, BODY_READ_TIMEOUT_MS);
        response = read?.text;
        bodies.responseBodySize = read?.bytes;
      } else discard(record);
    }
    if (typeof response === 'string' && record.type === 'xhr') bodies.responseBodySize = bodySize(response);
    const tooBig = (bodies.responseBodySize ?? record.responseBodySize ?? 0) > MAX_CAPTURED_BODY_BYTES;
    if (spec.responseBody && response !== undefined && !tooBig) bodies.responseBody = captureBody(response, spec.responseBody);
    if (current !== generation) return;
    client.track(NETWORK_REQUEST_EVENT, networkEventProperties(record, spec, bodies, requestSize));
  };

  return {
    name: '@footprint/plugin-network-capture',
    type: 'enrichment',
    setup(config: Config, client: PluginClient) {
      teardown();
      const log = config.loggerProvider;
      const ownUrls = [config.serverUrl, config.remoteConfig?.serverUrl].filter((u): u is string => typeof u === 'string');
      const compiled = compileOptions(options ?? {}, ownUrls, (message) => log?.warn(message));
      const current = generation;
      const onError = (error: unknown) => log?.debug('network capture:', error);
      const drain = () => {
        timer = undefined;
        const batch = queue;
        queue = [];
        for (const record of batch) handle(record, compiled, client, current).catch(onError);
      };
      stop = observeNetwork(
        {
          keepBody: (url, method, status) => compiled.wantsResponseBody && !!decide(compiled, { url, method, status })?.responseBody,
          settled: (record) => {
            queue.push(record);
            timer ??= setTimeout(drain, 0);
          },
        },
        onError,
      );
    },
    execute: (event) => event,
    teardown,
  };
};
