// A history router in a few lines: links marked `data-link` push a new URL instead of reloading, the
// back/forward buttons re-render. Footprint's page-view autocapture sees each pushState and popstate,
// so the app itself never calls track() for navigation.

/** A route: its path under the app's base and what it renders. */
export interface Route {
  path: string;
  title: string;
  render: () => string;
}

/**
 * Starts routing under `base`; returns a function that stops it.
 * @example
 * const stop = startRouter('/app/', [{ path: '', title: 'Home', render: () => '<h1>Home</h1>' }], outlet);
 */
export const startRouter = (base: string, routes: Route[], outlet: HTMLElement): (() => void) => {
  const notFound: Route = { path: '*', title: 'Not found', render: () => '<h1>Not found</h1>' };
  const show = () => {
    const path = location.pathname.startsWith(base) ? location.pathname.slice(base.length) : '';
    const route = routes.find((r) => r.path === path.replace(/\/$/, '')) ?? notFound;
    // The title is set before the page view reads it (the plugin reads it a task later).
    document.title = `${route.title} · Footprint Vite SPA`;
    outlet.innerHTML = route.render();
  };
  const onClick = (e: MouseEvent) => {
    const link = e.target instanceof Element ? e.target.closest<HTMLAnchorElement>('a[data-link]') : null;
    if (!link || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    if (link.href !== location.href) history.pushState(null, '', link.href);
    show();
  };
  document.addEventListener('click', onClick);
  window.addEventListener('popstate', show);
  show();
  return () => {
    document.removeEventListener('click', onClick);
    window.removeEventListener('popstate', show);
  };
};
