import { afterEach, describe, expect, it, vi } from 'vitest';
import { localStore } from './globals';

afterEach(() => {
  localStorage.clear();
  vi.restoreAllMocks();
});

describe('localStore', () => {
  it('keeps JSON values in localStorage in the anchor format, and removes keys another page load wrote', async () => {
    localStorage.setItem('AMP_MKTG_old', JSON.stringify({ utm_source: 'old' }));
    const store = localStore<Record<string, string>>(window);
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
    const store = localStore<number>(window);
    await store.set('a', 1);
    await store.set('b', 2);
    await store.remove('b');
    await store.reset();
    expect(localStorage.getItem('a')).toBeNull();
    expect(localStorage.getItem('app-key')).toBe('mine');
  });

  it('resolves instead of rejecting when the storage is full or a value is not JSON', async () => {
    const store = localStore<string>(window);
    localStorage.setItem('broken', '{not json');
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    await expect(store.set('k', 'v')).resolves.toBeUndefined();
    await expect(store.get('broken')).resolves.toBeUndefined();
  });

  it('falls back to memory when localStorage cannot be used', async () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    const store = localStore<string>(window);
    await store.set('k', 'v');
    expect(await store.get('k')).toBe('v');
  });
});
