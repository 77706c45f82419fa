// @ts-check
import { defineConfig } from 'astro/config';

// A static site (no SSR): one build serves the local runner and AWS, because every
// environment-specific setting is read at run time from /config.json.
export default defineConfig({
  output: 'static',
  trailingSlash: 'ignore',
  build: {
    // Our CSP allows only same-origin files for scripts and styles ('self'), so nothing
    // may be inlined into the HTML: no <style> blocks, no inline <script>.
    inlineStylesheets: 'never',
    format: 'directory',
  },
  devToolbar: { enabled: false },
  vite: {
    build: {
      // 0 = never inline a script or asset as a data: URL or inline <script>; keeps the
      // "script-src 'self'" policy honest (checked again by scripts/check-dist.mjs).
      assetsInlineLimit: 0,
    },
    define: {
      // amazon-cognito-identity-js (and its Buffer shim) expect Node's `global`.
      global: 'globalThis',
    },
    optimizeDeps: {
      esbuildOptions: { define: { global: 'globalThis' } },
    },
  },
});
