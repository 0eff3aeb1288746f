import { defineConfig } from 'vite';

// Served by the Footprint collector under /examples/vite-spa/ (`npm run example -- vite-spa`).
export default defineConfig({
  base: '/examples/vite-spa/',
  build: { outDir: 'dist', emptyOutDir: true },
});
