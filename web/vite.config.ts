// Vite for the web app. Every HTML file at the top of web/ is an entry with its own bundle: the
// staff app is index.html; the public portal will be public.html and must share only small
// modules (i18n, API client, theme) with it, never the staff pages.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
// The API server the dev server forwards to; TIANPING_API=http://localhost:3100 for another port.
const api = process.env.TIANPING_API ?? 'http://localhost:3000';

export default defineConfig({
  root,
  // Nothing is copied verbatim: assets are imported so they get hashed names.
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The ECharts chunk (about 530 kB, 170 kB gzip) is over Vite's default warning size; it is
    // loaded by the home page only, never on first load.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      // sw.js is the service worker (the app shell offline); it must keep its name and live at the root.
      input: { index: `${root}index.html`, public: `${root}public.html`, sw: `${root}src/sw.ts` },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
        // Libraries that change rarely get chunks of their own, so a new release of the app does
        // not make browsers download them again. Ant Design is left to automatic splitting: as one
        // chunk it would put the table, tree and pickers into the first load.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/,
            },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': api, '/docs': api, '/health': api },
  },
});
