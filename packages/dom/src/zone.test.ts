import { afterEach, describe, expect, it, vi } from 'vitest';
import { later, listen } from './zone';

afterEach(() => {
  vi.useRealTimers();
});

describe('listen', () => {
  it('listens in the capture phase, passively, sends handler errors to onError, and the undo removes it', () => {
    const target = new EventTarget();
    const seen: string[] = [];
    const errors: unknown[] = [];
    const off = listen(target, 'ping', (e) => {
      seen.push(e.type);
      throw new Error('boom');
    }, (e) => errors.push(e));
    expect(() => target.dispatchEvent(new Event('ping'))).not.toThrow();
    expect(seen).toEqual(['ping']);
    expect(errors).toHaveLength(1);
    off();
    target.dispatchEvent(new Event('ping'));
    expect(seen).toEqual(['ping']);
  });

  it("calls the originals Zone.js keeps, not its patched addEventListener", () => {
    const target = new EventTarget();
    const patched = vi.fn();
    const original = vi.fn(EventTarget.prototype.addEventListener);
    const originalRemove = vi.fn(EventTarget.prototype.removeEventListener);
    Object.assign(target, { addEventListener: patched, __zone_symbol__addEventListener: original, __zone_symbol__removeEventListener: originalRemove });
    const off = listen(target, 'ping', () => {}, () => {});
    expect(patched).not.toHaveBeenCalled();
    expect(original).toHaveBeenCalledWith('ping', expect.any(Function), { capture: true, passive: true });
    off();
    expect(originalRemove).toHaveBeenCalledWith('ping', original.mock.calls[0][1], { capture: true, passive: true });
  });
});

describe('later', () => {
  it('runs once after the delay, and the cancel stops it', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    later(window, fn, 100);
    const cancel = later(window, fn, 100);
    cancel();
    vi.advanceTimersByTime(100);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it("uses Zone.js's original setTimeout where there is one", () => {
    const set = vi.fn(() => 7);
    const clear = vi.fn();
    const win = { setTimeout: () => 1, __zone_symbol__setTimeout: set, __zone_symbol__clearTimeout: clear } as unknown as Window;
    later(win, () => {}, 5)();
    expect(set).toHaveBeenCalledWith(expect.any(Function), 5);
    expect(clear).toHaveBeenCalledWith(7);
  });
});
