import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const fromHere = (path: string) => decodeURIComponent(new URL(path, import.meta.url).pathname);

// The admin app is served by the API in production (same origin, httpOnly cookies);
// in development Vite proxies /api to the API on port 3000.
export default defineConfig({
  root: fromHere('.'),
  base: '/',
  plugins: [react()],
  resolve: {
    alias: {
      '@cadence/domain': fromHere('../../libs/domain/src/index.ts'),
    },
  },
  server: {
    port: 4200,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  preview: {
    port: 4300,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  build: {
    outDir: fromHere('../../dist/admin'),
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
            { name: 'mantine', test: /node_modules[\\/]@mantine[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
});
