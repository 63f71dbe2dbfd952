// The house's floors (CONTRIBUTING.md, "Project layout"), checked by `npm run lint` (depcruise src): a
// folder of src/ imports only itself and folders on floors below its own, never one beside it or
// above it; every folder and top-level file of src/ has a floor; and the pure modules (the rules and
// what is derived from them) import only what the allowlist names.

/** Top floor first. A name ending in .ts is a file of src/, any other a folder. */
const FLOORS = [
  ["cli"], // the idgraph command line: an entry point, on the server's wiring
  ["app"], // the server's entry points, the services' wiring, the schema's assembly
  ["server", "ingest"], // HTTP: /graphql and the pages, the SDK endpoints
  ["metrics"], // Prometheus: hears the slices below
  ["admin", "explain", "check", "webhooks", "retention"], // slices that build on others
  ["identity"], // resolving observations: the write path
  ["feed"], // the change feed: drafts, the outbox, the relay
  ["audit"], // the audit log (and Profile.history)
  ["profiles", "timeline", "imports"], // reading profiles, device timelines, import checkpoints
  ["graphql"], // the edge every resolver uses: context, shared types, limits, guards
  ["auth", "background"], // API keys and limits; the periodic worker and its lease
  ["neo4j"], // the executor, migrations, connecting
  ["persistence"], // the persistence core: locks, loaders, statements, row decoders
  ["rules-file.ts"], // reading the rules file
  ["rules"], // the rules, pure
  ["config.ts", "errors.ts", "logger.ts"],
];

/** The pure modules, and what they may import besides each other. */
const PURE = [
  "^src/rules/",
  "^src/feed/change-drafts\\.ts$",
  "^src/ingest/mapping\\.ts$",
  "^src/ingest/[a-z]+-events\\.ts$",
  "^src/timeline/compaction\\.ts$",
  "^src/explain/link-path\\.ts$",
];
const PURE_MAY_IMPORT = ["^src/errors\\.ts$", "^src/config\\.ts$", "^node_modules/yaml/", "^node_modules/zod/"];

const literal = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const roomPath = (room) => (room.endsWith(".ts") ? `^src/${literal(room)}$` : `^src/${literal(room)}/`);
const ROOMS = FLOORS.flat();

const floorRules = FLOORS.flatMap((floor, level) =>
  floor.flatMap((room) => {
    const sameOrAbove = FLOORS.slice(0, level + 1)
      .flat()
      .filter((other) => other !== room);
    if (sameOrAbove.length === 0) return [];
    return {
      name: `floors: ${room}`,
      comment: `src/${room} is on floor ${level + 1} (top: 1): it may import only folders on floors below, never ${sameOrAbove.join(", ")}`,
      severity: "error",
      from: { path: roomPath(room) },
      to: { path: sameOrAbove.map(roomPath) },
    };
  }),
);

module.exports = {
  forbidden: [
    ...floorRules,
    {
      name: "floors: every room has one",
      comment: "Each folder and top-level file of src/ is on a floor of .dependency-cruiser.cjs (FLOORS): place a new one there",
      severity: "error",
      from: { path: "^src/", pathNot: ROOMS.map(roomPath) },
      to: {},
    },
    {
      name: "floors: nothing imports a room without one",
      comment: "Each folder and top-level file of src/ is on a floor of .dependency-cruiser.cjs (FLOORS): place a new one there",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^src/", pathNot: ROOMS.map(roomPath) },
    },
    {
      name: "pure: an allowlist",
      comment:
        "The rules and what is derived from them are pure functions of their input: they import each other, src/errors.ts, src/config.ts, yaml and zod, nothing else (no driver, no store, no executor, no node: module)",
      severity: "error",
      from: { path: PURE },
      to: { pathNot: [...PURE, ...PURE_MAY_IMPORT] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Type-only imports are arrows too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
