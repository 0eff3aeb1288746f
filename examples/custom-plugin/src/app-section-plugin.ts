import type { EnrichmentPlugin, Event } from '@footprint/browser';

/** Options of {@link appSectionPlugin}. */
export interface AppSectionOptions {
  /** Names the part of the app a path belongs to. @default the path's first segment, or `'home'` */
  sectionOf?: (pathname: string) => string;
}

const firstSegment = (pathname: string) => pathname.split('/').filter(Boolean)[0] ?? 'home';

/**
 * An enrichment plugin: adds `app_section` to every event's properties, read when the event passes
 * through (so it follows client-side navigation).
 * @example
 * footprint.add(appSectionPlugin({ sectionOf: (path) => (path.includes('/admin') ? 'admin' : 'shop') }));
 */
export const appSectionPlugin = (options: AppSectionOptions = {}): EnrichmentPlugin => {
  const sectionOf = options.sectionOf ?? firstSegment;
  return {
    name: 'app-section',
    type: 'enrichment',
    execute: async (event: Event) => {
      // Return a new event rather than changing the one passed in: other plugins may hold it.
      return { ...event, event_properties: { ...event.event_properties, app_section: sectionOf(location.pathname) } };
    },
  };
};
