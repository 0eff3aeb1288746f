import { afterEach, describe, expect, it, vi } from 'vitest';
import { idleScheduler, observerCtor } from './idle';

afterEach(() => {
  vi.useRealTimers();
});

describe('idleScheduler', () => {
  it('runs work in requestIdleCallback with its timeout, and the cancel cancels it', () => {
    const ric = vi.fn(() => 3);
    const cic = vi.fn();
    const schedule = idleScheduler({ requestIdleCallback: ric, cancelIdleCallback: cic } as unknown as Window, 2000);
    const fn = () => {};
    schedule(fn)();
    expect(ric).toHaveBeenCalledWith(fn, { timeout: 2000 });
    expect(cic).toHaveBeenCalledWith(3);
  });

  it('falls back to a timer without requestIdleCallback', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    idleScheduler({ setTimeout, clearTimeout } as unknown as Window)(fn);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledOnce();
  });
});

describe('observerCtor', () => {
  it("is Zone.js's original MutationObserver where there is one, else the window's", () => {
    class Original {}
    expect(observerCtor({ MutationObserver: class {}, __zone_symbol__MutationObserver: Original } as unknown as Window)).toBe(Original);
    expect(observerCtor(window)).toBe(window.MutationObserver);
  });
});
