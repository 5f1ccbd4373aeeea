import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  base: '/',
  // The API replaces this in index.html with a fresh nonce for each response and names the same nonce in its
  // Content-Security-Policy (api/src/plugins/external/static-ui.ts); emotion reads it from the meta tag
  // Vite adds (src/theme/cspNonce.ts).
  html: { cspNonce: '__CSP_NONCE__' },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
});
