// A tiny single-page app: history routes (/examples/spa/…), hash routes (#/…), and a hydration step
// that pushes the current URL again, as Next.js and others do. Footprint tracks one page view per real
// navigation. ?serverUrl=…&apiKey=… point it at another endpoint (default: the collector serving it).
import { createInstance } from '@footprint/browser/lite';
import { attributionPlugin } from '@footprint/plugin-attribution';
import { pageUrlEnrichmentPlugin, pageViewsPlugin } from '@footprint/plugin-page-views';

const params = new URLSearchParams(location.search);
const serverUrl = params.get('serverUrl') || `${location.origin}/2/httpapi`;
const apiKey = params.get('apiKey') || 'spa-example-key';

const client = createInstance();
client.add(attributionPlugin());
client.add(pageViewsPlugin());
client.add(pageUrlEnrichmentPlugin());
// The three plugins are added explicitly above, so init's default autocapture leaves them out.
const autocapture = { attribution: false, pageViews: false, pageUrlEnrichment: false };
const ready = client.init(apiKey, { serverUrl, flushIntervalMillis: 100, autocapture }).promise;
window.footprint = client; // for the browser console (and the e2e test)

const BASE = '/examples/spa/';
const render = () => {
  const hash = location.hash.replace(/^#\/?/, '');
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '';
  const name = hash || path || 'home';
  const title = name.charAt(0).toUpperCase() + name.slice(1);
  document.getElementById('heading').textContent = title;
  document.getElementById('route').textContent = location.pathname + location.hash;
  document.title = `${title} · Footprint SPA`;
};

document.addEventListener('click', (e) => {
  const link = e.target instanceof Element && e.target.closest('a[data-route]');
  if (!link || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey) return;
  e.preventDefault();
  history.pushState({ route: link.getAttribute('href') }, '', link.href);
  render();
});
document.getElementById('filter').addEventListener('click', () => {
  // Only history.state changes: not a navigation.
  history.replaceState({ ...history.state, filter: Date.now() }, '', location.href);
});
window.addEventListener('popstate', render);
window.addEventListener('hashchange', render);

render();
// "Hydration": once the app has booted, the framework re-pushes the URL it rendered. Not a page view.
ready.then(() => setTimeout(() => history.pushState({ hydrated: true }, '', location.href), 20));
