import { describe, expect, it } from 'vitest';
import { webStorage, type WebStorageArea } from './web-storage';

const memoryArea = (): WebStorageArea & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, String(v)), removeItem: (k) => void data.delete(k) };
};

describe('web storage adapter', () => {
  it('keeps JSON values under the given keys in localStorage', async () => {
    const s = webStorage<{ deviceId: string }>(() => window.localStorage);
    expect(await s.isEnabled()).toBe(true);
    await s.set('AMP_a2dbce0e18', { deviceId: 'd-1' });
    expect(window.localStorage.getItem('AMP_a2dbce0e18')).toBe('{"deviceId":"d-1"}');
    expect(await s.get('AMP_a2dbce0e18')).toEqual({ deviceId: 'd-1' });
    expect(await s.getRaw!('AMP_a2dbce0e18')).toBe('{"deviceId":"d-1"}');
    await s.remove('AMP_a2dbce0e18');
    expect(window.localStorage.getItem('AMP_a2dbce0e18')).toBeNull();
  });

  it('leaves no probe key behind and reset removes only its own keys', async () => {
    const area = memoryArea();
    area.setItem('host-app', 'keep');
    const s = webStorage(() => area);
    await s.isEnabled();
    await s.set('AMP_1', 1);
    await s.set('AMP_2', 2);
    await s.reset();
    expect([...area.data.keys()]).toEqual(['host-app']);
  });

  it('is disabled, and reads empty, where storage is missing or throws', async () => {
    expect(await webStorage(() => undefined).isEnabled()).toBe(false);
    const throwing = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    const s = webStorage(throwing);
    expect(await s.isEnabled()).toBe(false);
    expect(await s.get('k')).toBeUndefined();
    await expect(s.remove('k')).resolves.toBeUndefined();
  });

  it('returns undefined for a value that is not JSON', async () => {
    const area = memoryArea();
    area.setItem('k', '{oops');
    expect(await webStorage(() => area).get('k')).toBeUndefined();
  });
});
