#!/usr/bin/env node
// The `idgraph` command (package.json "bin"): runs the TypeScript CLI through tsx, so `npx idgraph`
// works from a clone without a build.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../src/cli/main.ts");
process.exit(await runCli(process.argv));
