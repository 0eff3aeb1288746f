import { afterEach, describe, expect, it, vi } from 'vitest';
import { storageArea, tabStore, webStore } from './web-store';

afterEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  vi.restoreAllMocks();
});

describe('webStore', () => {
  it('keeps JSON values in localStorage in the anchor format, and removes keys another page load wrote', async () => {
    localStorage.setItem('AMP_MKTG_old', JSON.stringify({ utm_source: 'old' }));
    const store = webStore<Record<string, string>>(window, 'localStorage')!;
    expect(await store.isEnabled()).toBe(true);
    expect(await store.get('AMP_MKTG_old')).toEqual({ utm_source: 'old' });
    await store.set('AMP_MKTG_new', { utm_source: 'new' });
    expect(localStorage.getItem('AMP_MKTG_new')).toBe('{"utm_source":"new"}');
    expect(await store.getRaw!('AMP_MKTG_new')).toBe('{"utm_source":"new"}');
    expect(await store.get('missing')).toBeUndefined();
    await store.remove('AMP_MKTG_old');
    expect(localStorage.getItem('AMP_MKTG_old')).toBeNull();
  });

  it('reset removes only what this store wrote: localStorage is shared with the page', async () => {
    localStorage.setItem('app-key', 'mine');
    const store = webStore<number>(window, 'localStorage')!;
    await store.set('a', 1);
    await store.set('b', 2);
    await store.remove('b');
    await store.reset();
    expect(localStorage.getItem('a')).toBeNull();
    expect(localStorage.getItem('app-key')).toBe('mine');
  });

  it('resolves instead of rejecting when the storage is full or a value is not JSON', async () => {
    const store = webStore<string>(window, 'localStorage')!;
    localStorage.setItem('broken', '{not json');
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    await expect(store.set('k', 'v')).resolves.toBeUndefined();
    await expect(store.get('broken')).resolves.toBeUndefined();
  });

  it('is undefined when the storage cannot be used', () => {
    const blocked = { setItem: () => { throw new DOMException('blocked', 'SecurityError'); } };
    expect(webStore({ localStorage: blocked } as unknown as Window, 'localStorage')).toBeUndefined();
  });
});

describe('storageArea', () => {
  it("is the window's storage, or undefined where its getter throws", () => {
    expect(storageArea(window, 'sessionStorage')).toBe(window.sessionStorage);
    const sandboxed = Object.defineProperty({}, 'localStorage', {
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    }) as Window;
    expect(storageArea(sandboxed, 'localStorage')).toBeUndefined();
    expect(storageArea({} as Window, 'localStorage')).toBeUndefined();
  });
});

describe('tabStore', () => {
  it("prefers the client's tab storage, else the tab's sessionStorage", async () => {
    const own = { get: async () => 'own', set: async () => {}, remove: async () => {} };
    expect(tabStore({ tabStorage: own as never }, window)).toBe(own);
    await tabStore({}, window)!.set('k', 1);
    expect(sessionStorage.getItem('k')).toBe('1');
  });
});
