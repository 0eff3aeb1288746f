import { afterEach, describe, expect, it, vi } from 'vitest';
import { localStore } from './local-store';

afterEach(() => {
  localStorage.clear();
  vi.restoreAllMocks();
});

describe('localStore', () => {
  it('keeps JSON values in localStorage', async () => {
    await localStore<string>(window).set('k', 'v');
    expect(localStorage.getItem('k')).toBe('"v"');
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
