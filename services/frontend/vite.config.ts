import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * In development nginx is the one origin (native :8080, compose :80): it proxies `/` to this server
 * with websocket upgrade. No HMR host or port is pinned, so the HMR client connects back to the
 * page's own origin (ws or wss to match) and its socket travels through the same proxy.
 * Opening this server directly on :5173 works too: the stack's routes are forwarded to nginx.
 */
const STACK_ORIGIN = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    // The health checks and nginx expect 5173; never drift to another port silently.
    strictPort: true,
    // compose reaches this server as `frontend:5173`; Vite answers only Host names it knows.
    allowedHosts: ['frontend'],
    // No host or clientPort pinned (see above): the HMR socket follows the page's origin.
    hmr: { overlay: true },
    proxy: {
      '/api': { target: STACK_ORIGIN },
      '/mcp': { target: STACK_ORIGIN },
      '/renders': { target: STACK_ORIGIN },
    },
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      output: {
        // Libraries change far less often than our code: a separate chunk stays cached across deploys.
        manualChunks: (id) => (id.includes('/node_modules/') ? 'vendor' : undefined),
      },
    },
  },
});
