// `npm start`: idgraph on the embedded default, a local Neo4j (dev/neo4j/) unless NEO4J_URI is set.
import { runIdgraph } from "../src/app/run.js";
import { startLocalNeo4jFromEnvironment } from "./neo4j/local-neo4j.js";

runIdgraph({ startLocalNeo4j: startLocalNeo4jFromEnvironment });
