// Neo4j Browser, connected to the local Neo4j that the launcher starts for idgraph, is set up on
// connect: idgraph's stylesheet applied, idgraph's guide open with the saved queries as cells, and a
// saved query run from the guide draws the nodes with idgraph's captions and colours. A Neo4j of
// its own (.neo4j/browser on 7720/7721) and Debian's headless Chromium; no other host is reached.
import { readdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningNeo4j, startLocalNeo4j } from "../../dev/neo4j/local-neo4j.js";
import { startApp } from "../../src/app/app.js";
import { ApiKeys } from "../../src/auth/api-keys.js";
import { createLogger } from "../../src/logger.js";
import { Executor } from "../../src/neo4j/executor.js";
import { migrate } from "../../src/neo4j/migrations.js";
import { DEFAULT_IDENTITY_RULES } from "../../src/rules/rules-config.js";
import type { RunningServer } from "../../src/server/http.js";
import { resolve } from "./api.js";
import { chromiumAvailable, type HeadlessChromium, launchChromium } from "./browser.js";
import { Client } from "./harness.js";
import { freePort, localNeo4jAvailable } from "./server-process.js";

const canRun = localNeo4jAvailable() && chromiumAvailable();
if (!canRun) {
  process.stderr.write(
    "neo4j-browser.test.ts: skipped: it needs java, javac (17+) and mvn for a Neo4j of its own, and /usr/bin/chromium\n",
  );
}

const SAVED_QUERIES = readdirSync(new URL("../../cypher/browser/", import.meta.url))
  .filter((file) => file.endsWith(".cypher"))
  .sort();
/** Stylesheet colours (cypher/browser/idgraph.grass); Browser's own default is grey for every label. */
const COLOURS = { ProfileId: "#4C8EDA", Identifier: "#F79767", Device: "#57C7E3" };

let neo4j: RunningNeo4j;
let executor: Executor;
let server: RunningServer;
let browser: HeadlessChromium;
let page: Page;
const profiles: Record<string, string> = {};

beforeAll(async () => {
  if (!canRun) return;
  // The launcher needs idgraph's URL before Neo4j starts, as in `npm start`.
  const port = await freePort();
  neo4j = await startLocalNeo4j({ name: "browser", boltPort: 7720, httpPort: 7721, idgraphUrl: `http://127.0.0.1:${port}` });
  executor = new Executor({ uri: neo4j.boltUri, username: "neo4j", password: undefined, database: "neo4j" });
  await migrate(executor, () => {});
  // This Neo4j is the test's own: its space "default" starts empty on every run.
  await executor.write("test", (tx) => tx.run("MATCH (n {space: 'default'}) DETACH DELETE n"));
  // Open mode: space "default", as with `npm start` and no keys.
  server = await startApp({
    executor,
    rules: DEFAULT_IDENTITY_RULES,
    logger: createLogger("silent"),
    apiKeys: ApiKeys.parse(""),
    port,
    host: "127.0.0.1",
  });
  // A shared device: Bob, then Adam, on device E (the seed table's case).
  const client = new Client(server.url, undefined, "default");
  profiles.Bob = (await resolve(client, { deviceId: "E", userId: "Bob" })).assignedProfileId;
  profiles.Adam = (await resolve(client, { deviceId: "E", userId: "Adam" })).assignedProfileId;
  browser = await launchChromium();
  page = await browser.newPage();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await executor?.close();
  await neo4j?.stop();
});

const guideFrame = (): ReturnType<Page["locator"]> => page.locator('[data-testid="frame"]', { hasText: "/browser/guide.html" }).first();

describe.runIf(canRun)("Neo4j Browser on the local Neo4j", () => {
  it("connects without authentication from the printed URL, applies idgraph's stylesheet and opens idgraph's guide", async () => {
    expect(neo4j.browserUrl).toBe("http://127.0.0.1:7721/browser/?dbms=bolt%3A%2F%2F127.0.0.1%3A7720&preselectAuthMethod=NO_AUTH");
    await page.goto(neo4j.browserUrl);
    await expect.poll(() => page.getByText("idgraph: the identity graph").isVisible(), { timeout: 60_000 }).toBe(true);
    await expect(page.getByText("You have a working connection").first().isVisible()).resolves.toBe(true);
    // The stylesheet frame shows idgraph's rules, not an error.
    const styleFrame = page.locator('[data-testid="frame"]', { hasText: "/browser/idgraph.grass" }).first();
    await expect(styleFrame.innerText()).resolves.toContain("node.Identifier");
    // One slide to start, then one per saved query.
    await expect(guideFrame().locator('[data-testid="carousel"] li[aria-label]').count()).resolves.toBe(SAVED_QUERIES.length + 1);
    await browser.screenshot(page, "neo4j-browser-connected");
  });

  it("runs a saved query from the guide and draws the nodes with idgraph's captions and colours", async () => {
    const slide = SAVED_QUERIES.indexOf("profile-by-device.cypher") + 2;
    await guideFrame().locator(`[data-testid="carousel"] li[aria-label="${slide}"]`).click();
    await guideFrame().locator("pre.runnable", { hasText: ":params" }).click();
    await page.getByTestId("editor-Run").click();
    await page.locator('[data-testid="frame"]', { hasText: '"deviceId": "E"' }).first().waitFor();
    await guideFrame().locator("pre.runnable", { hasText: "MATCH" }).click();
    await page.getByTestId("editor-Run").click();

    const nodes = page.locator("svg g.node");
    await expect.poll(() => nodes.count(), { timeout: 30_000 }).toBe(5);
    const drawn = await nodes.evaluateAll((elements) =>
      elements.map((node) => ({
        caption: node.querySelector("text.caption")?.textContent?.trim() ?? "",
        fill: node.querySelector("circle.b-outline")?.getAttribute("fill") ?? "",
      })),
    );
    const fillOf = (caption: string) => drawn.find((node) => node.caption === caption)?.fill;
    // Identifiers by {value}, devices by {id}, profile ids by {id} (cut short by Browser).
    expect(fillOf("Bob")).toBe(COLOURS.Identifier);
    expect(fillOf("Adam")).toBe(COLOURS.Identifier);
    expect(fillOf("E")).toBe(COLOURS.Device);
    const profileIdNodes = drawn.filter((node) => node.fill === COLOURS.ProfileId).map((node) => node.caption.replace(/…$/, ""));
    expect(profileIdNodes).toHaveLength(2);
    for (const profileId of [profiles.Bob, profiles.Adam]) {
      expect(profileIdNodes.some((caption) => profileId?.startsWith(caption))).toBe(true);
    }
    // The answer and the guide beside it, for the docs (docs/neo4j-browser.png).
    await page.locator('[data-testid="frame"]', { hasText: '"deviceId": "E"' }).first().getByTitle("Close").click();
    await browser.screenshot(page, "neo4j-browser-saved-query");
  });
});
