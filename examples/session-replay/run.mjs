// `node examples/session-replay/run.mjs`: builds the SDK and the replay script, starts the local collector
// serving this example, and prints where to go. `--no-build` skips the build.
import { buildSdk, root, serve } from '../../scripts/serve.mjs';

if (!process.argv.includes('--no-build')) buildSdk();
await serve({
  mounts: { '/examples/': `${root}examples`, '/sdk/': `${root}packages/browser/dist`, '/replay-sdk/': `${root}packages/plugin-session-replay/dist` },
  title: 'Footprint example "session-replay" is running.',
  links: (url) => [
    ['Example', `${url}/examples/session-replay/`],
    ['Replay viewer', `${url}/_footprint/replay`],
  ],
});
