// Entry of the script-tag bundle (footprint-segment.min.js): the only module that writes globals. It
// takes over Segment's snippet stub at `window.analytics` (or the global the script tag names in
// `data-global-segment-analytics-key`) and runs the calls it queued, in order, exactly once
// (docs/segment.md "Script tag").
import { createAnalytics } from './facade';

/** The stub Segment's snippet leaves: an array of `[method, ...args]` with `invoked`, `_writeKey`, `_loadOptions`. */
type Stub = unknown[][] & { invoked?: boolean; _writeKey?: string; _loadOptions?: unknown; initialized?: boolean };

const w = window as unknown as Record<string, unknown>;
const globalKey = document.currentScript?.getAttribute('data-global-segment-analytics-key') || 'analytics';
const existing = w[globalKey] as Stub | undefined;

if (existing === undefined || Array.isArray(existing)) {
  const analytics = createAnalytics() as unknown as Record<string, unknown> & { load: (key: string, options?: unknown) => void };
  // The snippet's methods forward to the real object once it says `initialized`.
  analytics.initialized = true;
  const queued = existing ? existing.splice(0) : [];
  w[globalKey] = analytics;
  // Segment's snippet does not queue `load`: it keeps the key and options on the stub.
  if (existing?._writeKey && !queued.some((call) => call[0] === 'load')) analytics.load(existing._writeKey, existing._loadOptions);
  for (const [method, ...args] of queued) {
    const fn = analytics[method as string];
    if (typeof fn === 'function') fn.apply(analytics, args);
    else console.warn(__DEV__ ? `[Footprint] segment: analytics.${String(method)}() is not supported; the queued call was ignored` : `[Footprint] E97 ${String(method)} not supported`);
  }
} else if (!(existing as Stub).initialized) {
  console.warn(__DEV__ ? `[Footprint] segment: window.${globalKey} is already taken by something else; footprint-segment did not replace it` : `[Footprint] E101 window.${globalKey} taken`);
}
