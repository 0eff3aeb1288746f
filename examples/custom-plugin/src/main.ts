// Footprint with two custom plugins written in TypeScript against @footprint/browser's plugin types:
// an enrichment that stamps `app_section` on every event, and a destination that forwards each event
// to a second endpoint (here the local collector's /batch path, standing in for a second project).
import * as footprint from '@footprint/browser';
import { appSectionPlugin } from './app-section-plugin';
import { forwardDestination } from './forward-destination';

const params = new URLSearchParams(location.search);
const serverUrl = params.get('serverUrl') ?? `${location.origin}/2/httpapi`;
const forwardUrl = params.get('forwardUrl') ?? `${location.origin}/batch`;

const log = document.getElementById('log')!;
const show = (line: string) => {
  const item = document.createElement('li');
  item.textContent = line;
  log.prepend(item);
};

footprint.add(appSectionPlugin({ sectionOf: () => document.body.dataset.section ?? 'home' }));
footprint.add(
  forwardDestination({
    url: forwardUrl,
    apiKey: 'second-project-key',
    onResult: ({ event, code }) => show(`forwarded ${event.event_type} (${String(event.event_properties?.app_section)}) → ${code}`),
  }),
);
// Only the custom events, so the forwarded list stays readable.
footprint.init(params.get('apiKey') ?? 'custom-plugin-example-key', { serverUrl, flushIntervalMillis: 200, autocapture: false });

document.querySelectorAll<HTMLButtonElement>('button[data-section]').forEach((button) => {
  button.addEventListener('click', () => {
    document.body.dataset.section = button.dataset.section;
    footprint.track('Section Opened', { label: button.textContent }).promise.then(({ code }) => show(`sent Section Opened → ${code}`));
  });
});
