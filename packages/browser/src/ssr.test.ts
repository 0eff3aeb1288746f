// @vitest-environment node
import { describe, expect, it } from 'vitest';

describe('server-side rendering', () => {
  it('imports and initializes with no window, document or navigator', async () => {
    expect(typeof (globalThis as any).window).toBe('undefined');
    const footprint = await import('./index');
    await footprint.init('ssr-key-0123456789', { autocapture: false, transportProvider: { send: async () => ({ status: 200, body: {} }) } }).promise;
    const r = await footprint.track('rendered on the server').promise;
    expect(r.code).toBe(200);
    expect(r.event.platform).toBe('Web');
  });
});
