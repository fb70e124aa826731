// Vite config of the playground (www/). Serve: `make www` (scripts/www.sh) or
// `npx vite www`; build: `npx vite build www` (into out/www, git-ignored).
//
// "authx-wasm" is the repo's own package: the alias points at the pkg/ folder,
// and Vite resolves that folder through pkg/package.json's `exports` with the
// `browser` condition, so the page gets pkg/web.mjs exactly as an app that
// installed the package from npm would.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));
const repo = fileURLToPath(new URL("..", import.meta.url));
const pkg = fileURLToPath(new URL("../pkg", import.meta.url));

export default defineConfig({
  root: here,
  // No public/ folder: everything the page needs is imported.
  publicDir: false,
  // Vite's own cache, apart from other Vite users of the repo's node_modules.
  cacheDir: fileURLToPath(new URL("../out/vite-cache/www", import.meta.url)),
  resolve: {
    alias: { "authx-wasm": pkg },
  },
  // Pre-bundling would move web.mjs into node_modules/.vite and break the
  // `new URL("authx_wasm_bg.wasm", import.meta.url)` that finds the .wasm.
  optimizeDeps: { exclude: ["authx-wasm"] },
  server: {
    host: "127.0.0.1",
    port: 5173,
    strictPort: true,
    // pkg/ lies outside www/: allow the repo (and nothing above it).
    fs: { allow: [repo] },
  },
  preview: { host: "127.0.0.1", strictPort: true },
  build: {
    outDir: fileURLToPath(new URL("../out/www", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
  },
});
