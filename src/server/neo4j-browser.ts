// Neo4j Browser set-up, served by idgraph: GET /browser/idgraph.grass (the stylesheet) and GET
// /browser/guide.html (a guide whose cells are the saved queries), both read from cypher/browser/
// on every request, so the saved queries stay the one source. The local Neo4j runs
// `:style <url>` and `:play <url>` when Browser connects (dev/neo4j/local-neo4j.ts); against
// another Neo4j, type them (docs/BROWSER.md).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express from "express";
import { corsForPublicContent } from "./cors.js";

const browserDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../cypher/browser");

export const BROWSER_GUIDE_PATH = "/browser/guide.html";
export const BROWSER_STYLE_PATH = "/browser/idgraph.grass";

/** The Neo4j Browser commands that set Browser up for the idgraph server at `baseUrl`. */
export function browserSetupCommands(baseUrl: string): string[] {
  return [`:style ${baseUrl}${BROWSER_STYLE_PATH}`, `:play ${baseUrl}${BROWSER_GUIDE_PATH}`];
}

export interface SavedQuery {
  /** File name in cypher/browser/. */
  file: string;
  /** The header comment, without the comment marks and the :param lines. */
  description: string;
  /** The `:param` lines of the header, as name and Cypher expression. */
  parameters: Array<{ name: string; expression: string }>;
  /** The Cypher, without the header. */
  cypher: string;
}

/** Reads a saved query: its `//` header (description and `:param` lines), then the Cypher. */
export function parseSavedQuery(file: string, text: string): SavedQuery {
  const lines = text.split("\n");
  const headerEnd = lines.findIndex((line) => !line.startsWith("//"));
  const header = lines.slice(0, headerEnd === -1 ? lines.length : headerEnd).map((line) => line.replace(/^\/\/\s?/, ""));
  // The prose ends where "Parameters: ..." introduces the :param lines.
  const proseEnd = header.findIndex((line) => /^\s*(Parameters?:|:param\s)/.test(line));
  const prose = header.slice(0, proseEnd === -1 ? header.length : proseEnd);
  const parameters: SavedQuery["parameters"] = [];
  for (const line of header) {
    const param = /^\s*:param\s+([A-Za-z_][A-Za-z0-9_]*)\s*=>\s*(.+?)\s*$/.exec(line);
    if (param) parameters.push({ name: param[1] as string, expression: param[2] as string });
  }
  return {
    file,
    description: prose.join(" ").replace(/\s+/g, " ").trim(),
    parameters,
    cypher: lines
      .slice(headerEnd === -1 ? lines.length : headerEnd)
      .join("\n")
      .trim(),
  };
}

export function readSavedQueries(dir: string = browserDir): SavedQuery[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith(".cypher"))
    .sort()
    .map((file) => parseSavedQuery(file, readFileSync(path.join(dir, file), "utf8")));
}

export function readStylesheet(dir: string = browserDir): string {
  return readFileSync(path.join(dir, "idgraph.grass"), "utf8");
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** "profile-by-device.cypher" -> "Profile by device". */
const titleOf = (file: string): string => {
  const words = file.replace(/\.cypher$/, "").replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** One Browser command that sets every parameter a query needs (`:params` replaces the set). */
export const paramsCommand = (parameters: SavedQuery["parameters"]): string =>
  `:params {${parameters.map(({ name, expression }) => `${name}: ${expression}`).join(", ")}}`;

const runnable = (code: string): string => `<pre class="pre-scrollable code runnable">${escapeHtml(code)}</pre>`;

/**
 * The guide in Neo4j Browser's HTML slide format (`:play <url>`): a carousel of slides, a first
 * one on the space and the stylesheet, then one per saved query with a cell that sets its
 * parameters and a cell with the query; a click on a cell puts it in the editor.
 */
export function renderGuide(queries: SavedQuery[]): string {
  const index = queries.map((query, i) => `<li>${i + 2}. ${escapeHtml(titleOf(query.file))}</li>`).join("\n");
  const intro = `<slide class="row-fluid">
  <div class="col-sm-12">
    <h3>idgraph: the identity graph</h3>
    <p>Profile ids (blue), identifiers (orange), devices (light blue), audit entries (purple) and
    message receipts (beige), styled by idgraph's stylesheet. Every node carries the <code>space</code>
    it belongs to: the space of your API key, <code>default</code> in open mode. Click a cell to put it
    in the editor, then run it.</p>
    ${runnable(":params {space: 'default'}")}
    <p>The saved queries of <code>cypher/browser/</code>, one a slide:</p>
    <ol class="list-unstyled">
${index}
    </ol>
    <p>To apply the stylesheet again: the <code>:style</code> command idgraph ran on connect;
    <code>:style reset</code> goes back to Browser's own.</p>
  </div>
</slide>`;
  const slides = queries.map(
    (query) => `<slide class="row-fluid">
  <div class="col-sm-12">
    <h3>${escapeHtml(titleOf(query.file))}</h3>
    <p>${escapeHtml(query.description)}</p>
    ${query.parameters.length > 0 ? `<p>Parameters (change the values to yours):</p>\n    ${runnable(paramsCommand(query.parameters))}` : ""}
    <p>The query (<code>cypher/browser/${escapeHtml(query.file)}</code>):</p>
    ${runnable(query.cypher)}
  </div>
</slide>`,
  );
  return `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>idgraph</title></head>
<body>
<article class="guide">
<carousel class="deck container-fluid">
${[intro, ...slides].join("\n")}
</carousel>
</article>
</body>
</html>
`;
}

/** GET /browser/guide.html and /browser/idgraph.grass, readable from any origin (Neo4j Browser's). */
export function neo4jBrowserRoutes(): express.Router {
  const router = express.Router();
  router.use(["/browser/guide.html", "/browser/idgraph.grass"], corsForPublicContent());
  router.get(BROWSER_GUIDE_PATH, (_request, response) => {
    response.type("html").set("Cache-Control", "no-cache").send(renderGuide(readSavedQueries()));
  });
  router.get(BROWSER_STYLE_PATH, (_request, response) => {
    response.type("text/plain").set("Cache-Control", "no-cache").send(readStylesheet());
  });
  return router;
}
