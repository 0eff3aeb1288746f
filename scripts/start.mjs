// `npm start`: builds every package, starts the local collector with its live inspector,
// serves examples/ and the SDK build beside it, and prints where to go.
import { buildSdk, root, serve } from './serve.mjs';

buildSdk();
await serve({
  mounts: { '/examples/': `${root}examples`, '/sdk/': `${root}packages/browser/dist` },
  title: 'Footprint demo is running.',
  links: (url) => [['Demo page', `${url}/examples/script-tag/`]],
});
