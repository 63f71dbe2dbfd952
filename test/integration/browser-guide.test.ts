// The server serves the Neo4j Browser guide and stylesheet to any origin (Neo4j Browser's page is
// on another port or host), and the guide's cells are the saved queries of cypher/browser/ as they
// are on disk: one source for the files, the guide and docs/BROWSER.md.
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestServer } from "./harness.js";

const BROWSER_DIR = new URL("../../cypher/browser/", import.meta.url);
const FILES = readdirSync(BROWSER_DIR)
  .filter((file) => file.endsWith(".cypher"))
  .sort();
const BROWSER_ORIGIN = "http://127.0.0.1:7474";

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start({ spaces: 1 });
});
afterAll(async () => {
  await server?.stop();
});

const unescapeHtml = (text: string): string =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

/** The text of every runnable cell of the guide, in order. */
const cellsOf = (html: string): string[] =>
  [...html.matchAll(/<pre class="[^"]*\brunnable\b[^"]*">([\s\S]*?)<\/pre>/g)].map((match) => unescapeHtml(match[1] as string));

describe("GET /browser/guide.html", () => {
  it("is an HTML guide of slides, readable from Neo4j Browser's origin", async () => {
    const response = await fetch(`${server.baseUrl}/browser/guide.html`, { headers: { origin: BROWSER_ORIGIN } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const html = await response.text();
    expect(html.match(/<slide\b/g)).toHaveLength(FILES.length + 1);
  });

  it("answers the preflight of Neo4j Browser's no-cache request", async () => {
    const response = await fetch(`${server.baseUrl}/browser/guide.html`, {
      method: "OPTIONS",
      headers: { origin: BROWSER_ORIGIN, "access-control-request-method": "GET", "access-control-request-headers": "pragma,cache-control" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-headers")).toBe("pragma,cache-control");
  });

  it("has, for every saved query, a cell with its Cypher as in the file and a cell setting its :param parameters", async () => {
    const cells = cellsOf(await (await fetch(`${server.baseUrl}/browser/guide.html`)).text());
    for (const file of FILES) {
      const text = readFileSync(new URL(file, BROWSER_DIR), "utf8");
      const lines = text.split("\n");
      const body = lines
        .filter((line) => !line.startsWith("//"))
        .join("\n")
        .trim();
      expect(cells, file).toContain(body);
      const parameters = lines
        .map((line) => /^\/\/\s+:param (\w+) => (.+)$/.exec(line))
        .filter((match) => match !== null)
        .map((match) => `${match[1]}: ${match[2]}`);
      expect(cells, file).toContain(`:params {${parameters.join(", ")}}`);
    }
  });
});

describe("GET /browser/idgraph.grass", () => {
  it("is cypher/browser/idgraph.grass, readable from Neo4j Browser's origin", async () => {
    const response = await fetch(`${server.baseUrl}/browser/idgraph.grass`, { headers: { origin: BROWSER_ORIGIN } });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(await response.text()).toBe(readFileSync(new URL("idgraph.grass", BROWSER_DIR), "utf8"));
  });
});
