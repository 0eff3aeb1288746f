import { defineConfig } from 'vite';

// Served by the Footprint collector under /examples/custom-plugin/ (`npm run example -- custom-plugin`).
export default defineConfig({
  base: '/examples/custom-plugin/',
  build: { outDir: 'dist', emptyOutDir: true },
});
