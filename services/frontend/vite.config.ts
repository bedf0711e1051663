import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * In development nginx is the one origin (native :8080, compose :80): it proxies `/` to this server
 * with websocket upgrade. No HMR host or port is pinned, so the HMR client connects back to the
 * page's own origin (ws or wss to match) and its socket travels through the same proxy.
 * Opening this server directly on :5173 works too: the stack's routes are forwarded to nginx.
 */
const STACK_ORIGIN = 'http://127.0.0.1:8080';

/** Libraries loaded by every route (the shell, the feed). */
const SHARED_VENDOR = new Set([
  'react',
  'react-dom',
  'scheduler',
  'react-router',
  'cookie',
  'set-cookie-parser',
  '@tanstack/react-query',
  '@tanstack/query-core',
  'zod',
]);

/** The npm package a module belongs to (the last node_modules segment of a pnpm path). */
function packageOf(id: string): string | null {
  const match = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(id);
  return match?.[1] ?? null;
}

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
    // scripts/bundle-report.ts reads it to size what the feed route loads.
    manifest: true,
    rollupOptions: {
      output: {
        // Libraries change far less often than our code: a separate chunk stays cached across deploys.
        // Only the ones every page needs, though: the editor's CodeMirror stays in the editor's lazy
        // chunk, so the feed never downloads it.
        manualChunks: (id) => (SHARED_VENDOR.has(packageOf(id) ?? '') ? 'vendor' : undefined),
      },
    },
  },
});
