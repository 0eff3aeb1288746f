// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';

describe('server-side rendering', () => {
  it('imports with no window, document or navigator, and every call is a no-op with one warning', async () => {
    expect(typeof (globalThis as any).window).toBe('undefined');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const send = vi.fn(async () => ({ status: 200, body: {} }));
    const footprint = await import('./index');
    await footprint.track('before init').promise;
    await footprint.init('ssr-key-0123456789', { transportProvider: { send } }).promise;
    const r = await footprint.track('rendered on the server', { a: 1 }).promise;
    expect(r).toEqual({ event: { event_type: 'rendered on the server' }, code: 0, message: 'Event skipped: Footprint is not running in a browser' });
    expect((await footprint.identify(new footprint.Identify().set('a', 1)).promise).event.event_type).toBe('$identify');
    await footprint.flush().promise;
    expect(footprint.getDeviceId()).toBeUndefined();
    expect(footprint.decorateUrl('https://example.com/')).toBe('https://example.com/');
    expect(send).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toContain('not running in a browser');
    warn.mockRestore();
  });

  it('the lite entry too, including its default instance\'s cross-domain helpers', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const lite = await import('./lite');
    await lite.init('ssr-key-0123456789').promise;
    expect((await lite.track('rendered on the server').promise).code).toBe(0);
    expect(lite.decorateUrl('https://example.com/')).toBe('https://example.com/');
    expect(lite.getCrossDomainParams()).toEqual({});
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('never reaches the browser layer: no identity storage is built and no remote config is loaded', async () => {
    vi.resetModules();
    const identityStorage = vi.fn();
    vi.doMock('./storage/identity-storage', () => ({ identityStorage }));
    const loadRemoteConfig = vi.fn();
    vi.doMock('./remote-config/load', () => ({ loadRemoteConfig }));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const footprint = await import('./index');
    await footprint.init('ssr-key-0123456789', { remoteConfig: { serverUrl: 'https://proxy.example.com/config' } }).promise;
    await footprint.track('rendered on the server').promise;
    await footprint.setConsent('granted');
    expect(identityStorage).not.toHaveBeenCalled();
    expect(loadRemoteConfig).not.toHaveBeenCalled();
    warn.mockRestore();
    vi.doUnmock('./storage/identity-storage');
    vi.doUnmock('./remote-config/load');
  });
});
