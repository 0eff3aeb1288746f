import { defineConfig } from 'vite';

// Served by the Footprint collector under /examples/feature-flags/split/ (`npm run example -- feature-flags-split`).
export default defineConfig({
  base: '/examples/feature-flags/split/',
  build: { outDir: 'dist', emptyOutDir: true },
});
