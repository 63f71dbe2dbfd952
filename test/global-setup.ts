// Starts (or finds) the one Neo4j that every integration test shares, once per run:
//   NEO4J_URI when set; else a testcontainer when a Docker engine answers; else the local launcher
//   (.neo4j/test on ports 7688/7475, so it does not collide with `npm start`).
// Tests isolate by unique ids and spaces, never by wiping the database mid-run.
import type { TestProject } from "vitest/node";
import { Executor } from "../src/neo4j/executor.js";
import { startLocalNeo4j, type RunningNeo4j } from "../dev/neo4j/local-neo4j.js";
import { migrate } from "../src/neo4j/migrations.js";

declare module "vitest" {
  export interface ProvidedContext {
    neo4j: { uri: string; username: string; password: string; database: string; source: string };
  }
}

async function dockerAnswers(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import("testcontainers");
    await Promise.race([getContainerRuntimeClient(), new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 5000))]);
    return true;
  } catch {
    return false;
  }
}

let stop: (() => Promise<void>) | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = (line: string): void => void process.stderr.write(`[neo4j] ${line}\n`);
  let connection: { uri: string; username: string; password: string; database: string; source: string };
  const started = Date.now();
  if (process.env["NEO4J_URI"]) {
    connection = {
      uri: process.env["NEO4J_URI"],
      username: process.env["NEO4J_USERNAME"] ?? "neo4j",
      password: process.env["NEO4J_PASSWORD"] ?? "",
      database: process.env["NEO4J_DATABASE"] ?? "neo4j",
      source: "NEO4J_URI",
    };
  } else if (process.env["IDGRAPH_TEST_NO_DOCKER"] !== "1" && (await dockerAnswers())) {
    const { Neo4jContainer } = await import("@testcontainers/neo4j");
    const container = await new Neo4jContainer("neo4j:5.26-community").withPassword("idgraph-test-password").start();
    stop = async () => void (await container.stop());
    connection = {
      uri: container.getBoltUri(),
      username: "neo4j",
      password: "idgraph-test-password",
      database: "neo4j",
      source: "testcontainer",
    };
  } else {
    const local: RunningNeo4j = await startLocalNeo4j({
      name: "test",
      boltPort: Number(process.env["NEO4J_TEST_BOLT_PORT"] ?? 7688),
      httpPort: Number(process.env["NEO4J_TEST_HTTP_PORT"] ?? 7475),
      heap: "768m",
      pageCache: "256m",
      log,
    });
    stop = () => local.stop();
    connection = { uri: local.boltUri, username: "neo4j", password: "", database: "neo4j", source: "local launcher" };
  }
  const executor = new Executor(connection);
  try {
    await migrate(executor, log);
  } finally {
    await executor.close();
  }
  log(`using ${connection.source} at ${connection.uri} (ready in ${Date.now() - started} ms)`);
  project.provide("neo4j", connection);
  return async () => {
    await stop?.();
  };
}
