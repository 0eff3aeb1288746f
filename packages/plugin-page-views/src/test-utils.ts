// Shared by this package's unit tests (not exported): a real core client whose events are recorded.
import { recordingClient } from '../../../test/support/recording-client';

export { API_KEY } from '../../../test/support/recording-client';

/** A real client with a recording destination and a quiet logger; `settle()` lets timers and the pipeline run. */
export const testClient = () => {
  const warnings: unknown[][] = [];
  const t = recordingClient({ log() {}, debug() {}, warn: (...a: unknown[]) => warnings.push(a), error: (...a: unknown[]) => warnings.push(a) });
  const of = (type: string) => t.events.filter((e) => e.event_type === type);
  return { ...t, warnings, of };
};
