/** One call a snippet stub recorded before the SDK arrived (docs/protocol.md §A.9). */
export interface QueuedCall {
  name: string;
  args: unknown[];
  resolve?: (value: unknown) => void;
}

/**
 * Replays a snippet's recorded calls onto a real client, in order, resolving each call's promise with
 * the real call's; a call that throws is logged and the next ones still run. The anchor's
 * `runQueuedFunctions`, used by the script tag for the snippet's queues.
 * @example
 * runQueuedFunctions(createInstance(), window.amplitude._q.splice(0));
 */
export const runQueuedFunctions = (instance: object, queue: QueuedCall[]): void => {
  for (const call of Array.isArray(queue) ? queue : []) {
    try {
      const method = (instance as Record<string, unknown>)[call.name];
      if (typeof method !== 'function') continue;
      // Identify/Revenue recorded by the stub are rebuilt by identify/groupIdentify/revenue themselves.
      const result = method.apply(instance, call.args ?? []);
      call.resolve?.((result as { promise?: unknown } | undefined)?.promise ?? result);
    } catch (error) {
      console.error(__DEV__ ? '[Footprint] a queued call failed:' : '[Footprint] E63 queued call failed', error);
    }
  }
};
