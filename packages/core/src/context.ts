import type { Config, Event, Plugin } from './types';
import { uuid } from './uuid';

/**
 * The `before` plugin that stamps context on every event (docs/protocol.md §A.3), unless the caller set the
 * field: app_version, platform, language, ip, insert_id, partner_id, plan, ingestion_metadata; then
 * always event_id (from `nextEventId`: the event's own, else the client's last + 1), library and user_agent.
 * `platform`, `language` and `ip` follow `trackingOptions`. Browser-only values come from `environment()`.
 * @example
 * pipeline.register(contextPlugin('footprint/1.0.0', () => ({ language: 'en-US' }), nextEventId), config, client);
 */
export const contextPlugin = (library: string, environment: () => Partial<Event> = () => ({}), nextEventId: (own?: number) => number): Plugin => {
  let config: Config;
  return {
    name: '@footprint/context',
    type: 'before',
    setup(c) {
      config = c;
    },
    execute(event) {
      const tracking = config.trackingOptions;
      const { platform, language, user_agent, ...rest } = environment();
      const eventId = nextEventId(event.event_id);
      return {
        ...(config.appVersion && { app_version: config.appVersion }),
        ...(tracking.platform !== false && platform !== undefined && { platform }),
        ...(tracking.language !== false && language !== undefined && { language }),
        ...(tracking.ipAddress !== false && { ip: '$remote' }),
        ...rest,
        insert_id: uuid(),
        partner_id: config.partnerId,
        plan: config.plan,
        ...(config.ingestionMetadata && {
          ingestion_metadata: { source_name: config.ingestionMetadata.sourceName, source_version: config.ingestionMetadata.sourceVersion },
        }),
        ...event,
        event_id: eventId,
        library,
        ...(user_agent !== undefined && { user_agent }),
      };
    },
  };
};
