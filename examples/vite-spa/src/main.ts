// A Vite single-page app that imports Footprint from npm. `init` wires the default autocapture like
// Amplitude's SDK: a `[Amplitude] Page Viewed` on load and on every history navigation, sessions,
// attribution, forms and downloads. ?serverUrl=…&apiKey=… point it at another HTTP V2 endpoint.
import * as footprint from '@footprint/browser';
import { startRouter, type Route } from './router';

const params = new URLSearchParams(location.search);
const serverUrl = params.get('serverUrl') ?? `${location.origin}/2/httpapi`;
const apiKey = params.get('apiKey') ?? 'vite-spa-example-key';

footprint.init(apiKey, { serverUrl, flushIntervalMillis: 200 });

const routes: Route[] = [
  { path: '', title: 'Home', render: () => '<h1>Home</h1><p>Navigate with the links above: each one is a page view.</p>' },
  {
    path: 'pricing',
    title: 'Pricing',
    render: () => '<h1>Pricing</h1><button type="button" data-plan="pro">Choose Pro</button>',
  },
  { path: 'docs/getting-started', title: 'Getting started', render: () => '<h1>Getting started</h1>' },
];

const base = import.meta.env.BASE_URL; // '/examples/vite-spa/', from vite.config.ts
document.getElementById('nav')!.innerHTML = routes.map((r) => `<a href="${base}${r.path}" data-link>${r.title}</a>`).join(' ');
startRouter(base, routes, document.getElementById('app')!);

// A custom event beside the autocaptured ones.
document.addEventListener('click', (e) => {
  const button = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-plan]') : null;
  if (button) footprint.track('Plan Chosen', { plan: button.dataset.plan });
});
