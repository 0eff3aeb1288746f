// Shared by this package's unit tests (not exported): a real core client whose events are recorded.
import type { UserSession } from '@footprint/core';
import { API_KEY, recordingClient } from '../../../test/support/recording-client';

export { API_KEY };
export const IDENTITY_KEY = `AMP_${API_KEY.slice(0, 10)}`;
export const MKTG_KEY = `AMP_MKTG_${API_KEY.slice(0, 10)}`;

/** A real client with a recording destination; `storage` is its identity storage (and the campaign's). */
export const testClient = () => {
  const logs: string[] = [];
  const log = (...a: unknown[]) => logs.push(a.map(String).join(' '));
  const t = recordingClient({ log() {}, debug: log, warn: log, error: (...a: unknown[]) => logs.push(`ERROR ${a.map(String).join(' ')}`) }, 4);
  const { events, storage } = t;
  /** A returning visitor: identity with a session whose last event was `agoMs` ago. */
  const returning = async (agoMs: number, campaign?: object) => {
    const sessionId = Date.now() - agoMs - 60_000;
    await storage.set(IDENTITY_KEY, { deviceId: 'device-12345', sessionId, lastEventTime: Date.now() - agoMs, optOut: false, lastEventId: 10 } satisfies UserSession);
    if (campaign) await storage.set(MKTG_KEY, campaign);
    return sessionId;
  };
  const identifies = () => events.filter((e) => e.event_type === '$identify');
  return { ...t, logs, returning, identifies };
};
