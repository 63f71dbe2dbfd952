// The production entry point (`node dist/src/main.js`): NEO4J_URI is required, since the local
// Neo4j launcher is a development tool that the build leaves out. `npm start` runs dev/start.ts.
import { runIdgraph } from "./run.js";

runIdgraph();
