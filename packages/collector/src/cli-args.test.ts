// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args';

describe('parseCliArgs', () => {
  it('reads port, host, data dir and repeated static mounts, resolving paths against cwd', () => {
    const args = parseCliArgs(
      ['--port', '9000', '--host=0.0.0.0', '--data-dir', 'data', '--static', '/sdk/=dist', '--static=/examples/=/abs/ex'],
      {},
      '/repo',
    );
    expect(args).toEqual({
      ok: true,
      help: false,
      options: { port: 9000, host: '0.0.0.0', dataDir: '/repo/data', static: { '/sdk/': '/repo/dist', '/examples/': '/abs/ex' } },
    });
  });

  it('falls back to PORT and to ./.footprint, and lets --port win over PORT', () => {
    expect(parseCliArgs([], { PORT: '0' }, '/repo')).toEqual({ ok: true, help: false, options: { port: 0, dataDir: '/repo/.footprint' } });
    expect(parseCliArgs(['--port', '1234'], { PORT: '99' }, '/r')).toMatchObject({ options: { port: 1234 } });
  });

  it('collects repeated --allowed-host names', () => {
    expect(parseCliArgs(['--allowed-host', 'devbox.lan', '--allowed-host=tunnel.example'], {}, '/r')).toMatchObject({
      ok: true,
      options: { allowedHosts: ['devbox.lan', 'tunnel.example'] },
    });
  });

  it('--fresh asks for an empty start', () => {
    expect(parseCliArgs(['--fresh'], {}, '/r')).toMatchObject({ ok: true, options: { fresh: true } });
  });

  it('--no-dedupe turns de-duplication off', () => {
    expect(parseCliArgs(['--no-dedupe'], {}, '/r')).toMatchObject({ ok: true, options: { dedupe: false } });
    expect(parseCliArgs([], {}, '/r')).not.toHaveProperty('options.dedupe');
  });

  it('explains bad arguments instead of guessing', () => {
    expect(parseCliArgs(['--port', 'abc'], {}, '/r')).toEqual({ ok: false, error: 'port must be an integer from 0 to 65535, got abc' });
    expect(parseCliArgs(['--nope'], {}, '/r')).toEqual({ ok: false, error: 'unknown argument --nope' });
    expect(parseCliArgs(['--static', 'dist'], {}, '/r')).toMatchObject({ ok: false, error: expect.stringContaining('/prefix/=DIR') });
    expect(parseCliArgs(['--host'], {}, '/r')).toEqual({ ok: false, error: '--host needs a value' });
  });
});
