import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships ESM (index.mjs, Vite's choice) beside CJS (index.js, what Node gives
    // type-graphql and Apollo): two copies break instanceof checks, so everyone gets Node's.
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          environment: "node",
          // One Neo4j per run, shared by every test file: NEO4J_URI, else a testcontainer, else the local launcher.
          globalSetup: ["test/global-setup.ts", "test/web-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 240_000,
          pool: "forks",
        },
      },
    ],
  },
});
