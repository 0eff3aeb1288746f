// Entry for the `footprint-collector` bin; rollup adds the shebang.
import { parseCliArgs, USAGE } from './cli-args';
import { startCollector } from './server';

async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2), process.env, process.cwd());
  if (!args.ok) {
    process.stderr.write(`footprint-collector: ${args.error}\n${USAGE}\n`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let collector;
  try {
    collector = await startCollector(args.options);
  } catch (error) {
    // One line, no stack: the message says what to change.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  console.log(`Footprint collector listening on ${collector.url} (inspector: ${collector.url}/)`);
  const stop = () => {
    collector.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`footprint-collector: error while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
