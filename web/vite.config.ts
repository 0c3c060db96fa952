import { defineConfig } from "vite";

// The dashboard is served by `mandate serve --web web/dist` from the same origin as the API,
// so every URL in the page is relative and nothing is fetched from elsewhere at run time.
export default defineConfig({
  base: "/",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: false,
    target: "es2022",
  },
  server: {
    // `npx vite` in web/ for development: the API of a `make run` on the default port.
    proxy: { "/v1": "http://127.0.0.1:8080", "/readyz": "http://127.0.0.1:8080" },
  },
});
