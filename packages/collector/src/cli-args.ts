import { resolve } from 'node:path';
import type { CollectorOptions } from './types';

/** Usage text printed by `footprint-collector --help`. */
export const USAGE = `Usage: footprint-collector [--port N] [--host HOST] [--data-dir DIR] [--static /prefix/=DIR ...]
                           [--allowed-host NAME ...] [--fresh] [--no-dedupe]

  --port N              port to listen on (default: $PORT or 8787; 0 = any free port)
  --host HOST           interface to bind (default: 127.0.0.1)
  --data-dir DIR        where events.ndjson is kept (default: ./.footprint)
  --static /prefix/=DIR serve DIR read-only under /prefix/ (repeatable)
  --allowed-host NAME   also answer the inspector and /_footprint/ under this host name (repeatable;
                        127.0.0.1, localhost and [::1] are always allowed)
  --fresh               start empty: delete events kept in the data dir from earlier runs
  --no-dedupe           store every copy of an event, even with an insert_id already stored
  --help                show this help`;

export type CliArgs = { ok: true; options: CollectorOptions; help: boolean } | { ok: false; error: string };

/**
 * Turns command-line arguments (and `PORT`) into collector options; paths resolve against `cwd`.
 * @example
 * parseCliArgs(['--port', '9000', '--static', '/sdk/=dist'], process.env, process.cwd());
 */
export function parseCliArgs(argv: readonly string[], env: Record<string, string | undefined>, cwd: string): CliArgs {
  const options: CollectorOptions = {};
  const mounts: Record<string, string> = {};
  let port = env.PORT;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const [name, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    if (name === '--help' || name === '-h') {
      help = true;
      continue;
    }
    if (name === '--fresh') {
      options.fresh = true;
      continue;
    }
    if (name === '--no-dedupe') {
      options.dedupe = false;
      continue;
    }
    if (!['--port', '--host', '--data-dir', '--static', '--allowed-host'].includes(name)) return { ok: false, error: `unknown argument ${arg}` };
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') return { ok: false, error: `${name} needs a value` };
    if (name === '--port') port = value;
    if (name === '--host') options.host = value;
    if (name === '--data-dir') options.dataDir = resolve(cwd, value);
    if (name === '--allowed-host') (options.allowedHosts ??= []).push(value);
    if (name === '--static') {
      const split = value.indexOf('=');
      if (split <= 0 || split === value.length - 1) return { ok: false, error: `--static expects /prefix/=DIR, got ${value}` };
      mounts[value.slice(0, split)] = resolve(cwd, value.slice(split + 1));
    }
  }
  if (port !== undefined) {
    const n = Number(port);
    if (!/^\d+$/.test(port) || n > 65535) return { ok: false, error: `port must be an integer from 0 to 65535, got ${port}` };
    options.port = n;
  }
  if (Object.keys(mounts).length > 0) options.static = mounts;
  if (!options.dataDir) options.dataDir = resolve(cwd, '.footprint');
  return { ok: true, options, help };
}
