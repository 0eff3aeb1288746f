import { describe, expect, it, vi } from 'vitest';
import { watchNavigation } from './navigation';

/** A window stand-in whose history methods are own properties, with an optional Navigation API. */
const fakeWindow = (withNavigation: boolean) => {
  const events = new EventTarget();
  const navigation = withNavigation ? new EventTarget() : undefined;
  const push = vi.fn((_s: unknown, _t: string, url?: string | URL | null) => {
    if (url === 'bad') throw new DOMException('cross-origin', 'SecurityError');
    return undefined;
  });
  const replace = vi.fn(() => undefined);
  const history = { pushState: push, replaceState: replace } as unknown as History;
  const win = Object.assign(events, { history, navigation }) as unknown as Window;
  return { win, history, push, replace, navigation };
};

describe('watchNavigation', () => {
  it('reports pushState, replaceState, popstate, hashchange and currententrychange, calling the originals with the same this and arguments', () => {
    const { win, history, push, replace, navigation } = fakeWindow(true);
    const seen = vi.fn();
    const stop = watchNavigation(win, seen, () => {});
    history.pushState({ a: 1 }, '', '/x');
    history.replaceState(null, '', '/y');
    win.dispatchEvent(new Event('popstate'));
    win.dispatchEvent(new Event('hashchange'));
    navigation!.dispatchEvent(new Event('currententrychange'));
    expect(seen).toHaveBeenCalledTimes(5);
    expect(push).toHaveBeenCalledWith({ a: 1 }, '', '/x');
    expect(push.mock.contexts[0]).toBe(history);
    expect(replace).toHaveBeenCalledWith(null, '', '/y');
    stop();
  });

  it('rethrows exactly what the original throws (and reports nothing), and keeps onChange errors away from the caller', () => {
    const { win, history } = fakeWindow(false);
    const onError = vi.fn();
    const stop = watchNavigation(win, () => { throw new Error('sdk bug'); }, onError);
    expect(() => history.pushState(null, '', 'bad')).toThrow(DOMException);
    expect(onError).not.toHaveBeenCalled();
    expect(() => history.pushState(null, '', '/ok')).not.toThrow();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'sdk bug' }));
    stop();
  });

  it('undo puts the original functions back and removes every listener', () => {
    const { win, history, push, replace, navigation } = fakeWindow(true);
    const seen = vi.fn();
    watchNavigation(win, seen, () => {})();
    expect(history.pushState).toBe(push);
    expect(history.replaceState).toBe(replace);
    history.pushState(null, '', '/x');
    win.dispatchEvent(new Event('popstate'));
    win.dispatchEvent(new Event('hashchange'));
    navigation!.dispatchEvent(new Event('currententrychange'));
    expect(seen).not.toHaveBeenCalled();
  });

  it('when another script wrapped over ours, undo leaves its wrapper and ours stops reporting', () => {
    const { win, history, push } = fakeWindow(false);
    const seen = vi.fn();
    const stop = watchNavigation(win, seen, () => {});
    const ours = history.pushState;
    const theirs = function (this: History, ...args: Parameters<History['pushState']>) {
      return ours.apply(this, args);
    };
    history.pushState = theirs;
    stop();
    expect(history.pushState).toBe(theirs);
    history.pushState(null, '', '/x');
    expect(push).toHaveBeenCalledTimes(1);
    expect(seen).not.toHaveBeenCalled();
  });

  it('wraps history once and listens once for every watcher on the page, notifying them in the order they subscribed', () => {
    const { win, history, push } = fakeWindow(true);
    const add = vi.spyOn(win, 'addEventListener');
    const order: string[] = [];
    const stopA = watchNavigation(win, () => order.push('a'), () => {});
    const wrapped = history.pushState;
    const stopB = watchNavigation(win, () => order.push('b'), () => {});
    expect(history.pushState).toBe(wrapped);
    expect(add).toHaveBeenCalledTimes(2); // popstate + hashchange, once
    history.pushState(null, '', '/x');
    expect(push).toHaveBeenCalledTimes(1);
    expect(order).toEqual(['a', 'b']);
    stopA();
    expect(history.pushState).toBe(wrapped);
    win.dispatchEvent(new Event('popstate'));
    expect(order).toEqual(['a', 'b', 'b']);
    stopB();
    stopB(); // a second stop changes nothing
    expect(history.pushState).toBe(push);
  });

  it("keeps one watcher's error from the other watchers and from the page", () => {
    const { win, history } = fakeWindow(false);
    const seen = vi.fn();
    const onError = vi.fn();
    const stops = [
      watchNavigation(win, () => { throw new Error('first'); }, onError),
      watchNavigation(win, seen, () => {}),
    ];
    expect(() => history.replaceState(null, '', '/y')).not.toThrow();
    expect(seen).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'first' }));
    stops.forEach((stop) => stop());
  });

  it('after the last watcher stopped, a new watcher wraps the original functions afresh', () => {
    const { win, history, push } = fakeWindow(false);
    watchNavigation(win, () => {}, () => {})();
    const seen = vi.fn();
    const stop = watchNavigation(win, seen, () => {});
    expect(history.pushState).not.toBe(push);
    history.pushState(null, '', '/z');
    expect(seen).toHaveBeenCalledTimes(1);
    stop();
    expect(history.pushState).toBe(push);
  });
});
