import type { Config, Event, Plugin } from './types';
import { uuid } from './uuid';

/**
 * The `before` plugin that stamps context on every event (docs/protocol.md §A.3), unless the caller set the
 * field: app_version, platform, language, ip, insert_id, partner_id, plan, ingestion_metadata; then
 * always event_id (from `nextEventId`: the event's own, else the client's last + 1), library and user_agent.
 * `platform`, `language` and `ip` follow `trackingOptions`. Browser-only values come from `environment()`.
 * A field the SDK does not fill is present as `undefined`, which JSON leaves out: one object literal of a
 * fixed shape costs less than half the time and memory of building it from conditional spreads.
 * @example
 * pipeline.register(contextPlugin('footprint/1.0.0', () => ({ language: 'en-US' }), nextEventId), config, client);
 */
export const contextPlugin = (library: string, environment: () => Pick<Event, 'platform' | 'language' | 'user_agent'> = () => ({}), nextEventId: (own?: number) => number): Plugin => {
  let config: Config;
  return {
    name: '@footprint/context',
    type: 'before',
    setup(c) {
      config = c;
    },
    execute(event) {
      const tracking = config.trackingOptions;
      const env = environment();
      const meta = config.ingestionMetadata;
      return {
        app_version: config.appVersion || undefined,
        platform: tracking.platform !== false ? env.platform : undefined,
        language: tracking.language !== false ? env.language : undefined,
        ip: tracking.ipAddress !== false ? '$remote' : undefined,
        insert_id: uuid(),
        partner_id: config.partnerId,
        plan: config.plan,
        ingestion_metadata: meta && { source_name: meta.sourceName, source_version: meta.sourceVersion },
        ...event,
        event_id: nextEventId(event.event_id),
        library,
        user_agent: env.user_agent ?? event.user_agent,
      };
    },
  };
};
