// Builds the browser pages into web/dist (`npm run build:web`): the explorer and the query console.
// Everything is bundled (scripts, styles, GraphiQL's Monaco workers): nothing is loaded from a CDN.
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here("."),
  // The server serves web/dist under /ui/ (src/server/web.ts).
  base: "/ui/",
  plugins: [react()],
  logLevel: "warn",
  build: {
    outDir: here("dist"),
    emptyOutDir: true,
    chunkSizeWarningLimit: 6000,
    rollupOptions: {
      input: { explorer: here("explorer/index.html"), console: here("console/index.html") },
      // GraphiQL's React Compiler directives ("use no memo") are dropped by bundling, as intended.
      onwarn(warning, warn) {
        if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning);
      },
    },
  },
});
