import { describe, expect, it, vi } from 'vitest';
import { browserGlobals } from './globals';

describe('browser globals', () => {
  it('reads the page: document as cookie jar, hostname, search, href, storage areas, fetch', () => {
    const g = browserGlobals();
    expect(g.isBrowser).toBe(true);
    expect(g.jar).toBe(document);
    expect(g.hostname).toBe(location.hostname);
    expect(g.search()).toBe(location.search);
    expect(g.href()).toBe(location.href);
    expect(g.localStorage()).toBe(localStorage);
    expect(g.sessionStorage()).toBe(sessionStorage);
    expect(typeof g.fetch).toBe('function');
  });

  it('onHide fires on pagehide and on visibilitychange to hidden, and its unsubscribe removes both listeners', () => {
    const g = browserGlobals();
    const listener = vi.fn();
    const addWin = vi.spyOn(window, 'addEventListener');
    const removeWin = vi.spyOn(window, 'removeEventListener');
    const addDoc = vi.spyOn(document, 'addEventListener');
    const removeDoc = vi.spyOn(document, 'removeEventListener');
    const off = g.onHide(listener);
    window.dispatchEvent(new Event('pagehide'));
    expect(listener).toHaveBeenCalledTimes(1);
    off();
    window.dispatchEvent(new Event('pagehide'));
    document.dispatchEvent(new Event('visibilitychange'));
    expect(listener).toHaveBeenCalledTimes(1);
    // Everything added was removed, with the same handlers.
    expect(removeWin.mock.calls.map((c) => c.slice(0, 2))).toEqual(addWin.mock.calls.map((c) => c.slice(0, 2)));
    expect(removeDoc.mock.calls.map((c) => c.slice(0, 2))).toEqual(addDoc.mock.calls.map((c) => c.slice(0, 2)));
    vi.restoreAllMocks();
  });

  it('an error in a hide listener never reaches the page', () => {
    const off = browserGlobals().onHide(() => {
      throw new Error('SDK bug');
    });
    expect(() => window.dispatchEvent(new Event('pagehide'))).not.toThrow();
    off();
  });

  it('a storage area whose getter throws reads as missing', () => {
    const original = Object.getOwnPropertyDescriptor(window, 'localStorage');
    Object.defineProperty(window, 'localStorage', { configurable: true, get: () => { throw new DOMException('denied', 'SecurityError'); } });
    try {
      expect(browserGlobals().localStorage()).toBeUndefined();
    } finally {
      if (original) Object.defineProperty(window, 'localStorage', original);
    }
  });
});
