// `npm start`: builds every package (with a line per bundle; skipped when the builds are up to date),
// starts the local collector with its live inspector, serves examples/ and the SDK build beside it, and
// prints where to go. `npm start -- --fresh` starts without the events kept from earlier runs.
import { buildWithProgress, needsBuild, parseStartArgs, START_USAGE } from './first-run.mjs';
import { root, serve } from './serve.mjs';

const args = parseStartArgs(process.argv.slice(2));
if (!args.ok || args.help) {
  (args.ok ? console.log : console.error)(`${args.ok ? '' : `npm start: ${args.error}\n\n`}${START_USAGE}`);
  process.exit(args.ok ? 0 : 2);
}

const why = args.build ? 'asked for with --build' : needsBuild(root);
if (why) {
  console.log(`\n  Footprint: building the packages (${why}).`);
  const code = await buildWithProgress(root, (line) => console.log(line));
  if (code !== 0) process.exit(code);
} else {
  console.log('\n  Footprint: the builds are up to date (npm start -- --build rebuilds).');
}

await serve({
  mounts: { '/examples/': `${root}examples`, '/sdk/': `${root}packages/browser/dist` },
  title: 'Footprint demo is running.',
  links: (url) => [
    ['Demo page', `${url}/examples/script-tag/`],
    ['SDK bundle', `${url}/sdk/footprint.min.js`],
  ],
  options: { fresh: args.fresh },
});
