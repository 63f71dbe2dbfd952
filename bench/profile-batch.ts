// Where a batch's time goes, statement by statement: `npx tsx bench/profile-batch.ts` against
// NEO4J_URI seeds a space with the churn workload, then sends churn and steady batches through the
// store and prints, per statement, Neo4j's own time for it (resultAvailableAfter +
// resultConsumedAfter from each result's summary) and the batches' wall time; with DB_HITS=1 also
// each statement's database hits (run under PROFILE).
import { randomBytes } from "node:crypto";
import type { ManagedTransaction } from "neo4j-driver";
import { IdentityService } from "../src/identity/identity.service.js";
import { ResolutionStore } from "../src/identity/resolution.store.js";
import { Executor } from "../src/neo4j/executor.js";
import { migrate } from "../src/neo4j/migrations.js";
import { DEFAULT_IDENTITY_RULES } from "../src/rules/rules-config.js";
import { SteadyWorkload } from "./lib/steady-workload.js";
import { type ObservationJson, toInputs, Workload } from "./lib/workload.js";

const uri = process.env["NEO4J_URI"];
if (!uri) throw new Error("set NEO4J_URI");
const profiles = Number(process.env["PROFILES"] ?? 5000);
const batches = Number(process.env["BATCHES"] ?? 8);
const executor = new Executor({ uri, username: undefined, password: undefined, database: "neo4j" });
await migrate(executor);
const rules = DEFAULT_IDENTITY_RULES;
const space = `profile-${randomBytes(4).toString("hex")}`;

/** With DB_HITS=1, every statement runs under PROFILE and its database hits are added up too (slower: timings then include PROFILE's own cost). */
const dbHits = process.env["DB_HITS"] === "1";
const times = new Map<string, { ms: number; count: number; hits: number }>();
interface ProfiledPlan {
  dbHits: number;
  children: ProfiledPlan[];
}
const hitsOf = (plan: ProfiledPlan | false | undefined): number =>
  plan ? plan.dbHits + plan.children.reduce((sum, child) => sum + hitsOf(child), 0) : 0;
const nameOf = (cypher: string): string => cypher.replace(/\s+/g, " ").slice(0, 70);
const measured = new Proxy(executor, {
  get(target, property, receiver) {
    if (property !== "write") return Reflect.get(target, property, receiver);
    return (label: unknown, work: (tx: ManagedTransaction) => Promise<unknown>) =>
      target.write(label as string, (tx) =>
        work(
          new Proxy(tx, {
            get(inner, key, innerReceiver) {
              if (key !== "run") return Reflect.get(inner, key, innerReceiver);
              return (cypher: string, parameters: Record<string, unknown>) => {
                const result = inner.run(dbHits ? `PROFILE ${cypher}` : cypher, parameters);
                void result.then(
                  ({ summary }) => {
                    const entry = times.get(nameOf(cypher)) ?? { ms: 0, count: 0, hits: 0 };
                    entry.ms += Number(summary.resultAvailableAfter) + Number(summary.resultConsumedAfter);
                    entry.hits += hitsOf(summary.profile as ProfiledPlan | false);
                    entry.count++;
                    times.set(nameOf(cypher), entry);
                  },
                  () => {},
                );
                return result;
              };
            },
          }),
        ),
      );
  },
});

const plain = new IdentityService(new ResolutionStore(executor, rules), rules);
console.log(`seeding ${profiles} profiles into ${space}`);
for (const batch of new Workload({ profiles, seed: 42 }).batches(1000))
  await plain.resolveBatch(toInputs(batch, { events: false }), { space, actor: "system" });

async function run(name: string, source: Iterable<ObservationJson[]>, wholeProfiles: boolean): Promise<void> {
  const identity = new IdentityService(new ResolutionStore(measured as Executor, rules, { wholeProfiles }), rules);
  times.clear();
  let wall = 0;
  let cpu = 0;
  let count = 0;
  for (const batch of source) {
    if (count++ >= batches) break;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await identity.resolveBatch(toInputs(batch, { events: false }), { space, actor: "system" });
    const used = process.cpuUsage(cpuBefore);
    cpu += (used.user + used.system) / 1000;
    wall += performance.now() - started;
  }
  const rows = [...times].sort((a, b) => b[1].ms - a[1].ms);
  const neo4j = rows.reduce((sum, [, t]) => sum + t.ms, 0);
  console.log(
    `\n== ${name}: ${count - 1 < batches ? count : batches} batches, wall ${(wall / batches).toFixed(0)} ms/batch, Neo4j ${(neo4j / batches).toFixed(0)} ms/batch (statements, without commit), this process's CPU ${(cpu / batches).toFixed(0)} ms/batch`,
  );
  const hits = rows.reduce((sum, [, t]) => sum + t.hits, 0);
  if (dbHits) console.log(`   ${Math.round(hits / batches)} database hits a batch`);
  for (const [statement, t] of rows)
    console.log(
      `${(t.ms / batches).toFixed(1).padStart(8)} ms/batch  ${String(t.count).padStart(4)}×  ${dbHits ? `${String(Math.round(t.hits / batches)).padStart(7)} hits  ` : ""}${statement}`,
    );
}

await run(
  "steady, fast path",
  new SteadyWorkload({ profiles, seed: 42, observations: batches * 1000, messagePrefix: "p-fast" }).batches(1000),
  false,
);
await run(
  "steady, whole profiles",
  new SteadyWorkload({ profiles, seed: 42, observations: batches * 1000, messagePrefix: "p-whole" }).batches(1000),
  true,
);
await run("churn (new people)", new Workload({ profiles: batches * 200, seed: 43 }).batches(1000), false);
await executor.close();
