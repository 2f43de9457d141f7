// The web app's build: Preact's JSX compiled by Vite's own transformer (no Babel preset), one
// entry, hashed assets under /assets/ that the server serves with immutable caching.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

export default defineConfig({
  base: "/",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: "dist",
    assetsDir: "assets",
    target: "es2022",
    // Vite's module preload polyfill is an inline script; the app's CSP allows none.
    modulePreload: { polyfill: false },
    sourcemap: false,
    // The service worker (src/sw.ts) is a second entry, written to /sw.js so its scope is the
    // whole site (src/pages/service-worker.ts serves it); it imports nothing, so it stays
    // one self-contained file.
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL("index.html", import.meta.url)),
        sw: fileURLToPath(new URL("src/sw.ts", import.meta.url)),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === "sw" ? "sw.js" : "assets/[name]-[hash].js"),
      },
    },
  },
});
