// The query console: a browser asking for GET /graphql gets GraphiQL, served by idgraph itself
// (no CDN: every other host is blocked), runs a query with the API key, and sees the answer.
// In production mode it follows the introspection switch: no console.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, openBrowser } from "./browser.js";
import { TestServer } from "./harness.js";

let server: TestServer;
let browser: BrowserSession;

beforeAll(async () => {
  server = await TestServer.start({ spaces: 2 });
  browser = await openBrowser(server.baseUrl);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the query console at GET /graphql", () => {
  it("runs a query typed into GraphiQL with the API key and shows the answer", async () => {
    const client = server.newSpace();
    const { page } = browser;
    await page.goto(`${server.baseUrl}/graphql`);
    await page.getByLabel("API key").fill(client.key ?? "");
    await page.getByRole("button", { name: "Use key" }).click();

    const editor = page.locator(".graphiql-query-editor .monaco-editor").first();
    await editor.waitFor({ timeout: 30_000 });
    await editor.click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText("query { whoami { name role space } }");
    await page.getByRole("button", { name: /Execute query/ }).click();

    const response = page.locator(".graphiql-response");
    await expect.poll(() => response.textContent(), { timeout: 20_000 }).toContain(client.space);
    expect(await response.textContent()).toContain("admin");
    await browser.screenshot("query-console");
    expect(browser.blocked).toEqual([]);
    expect(browser.policyViolations).toEqual([]);
  });

  it("leaves GraphQL clients' GET and POST requests to the API", async () => {
    const client = server.newSpace();
    const get = await fetch(`${server.baseUrl}/graphql?query=${encodeURIComponent("{ whoami { role } }")}`, {
      headers: { accept: "application/json", authorization: `Bearer ${client.key}`, "apollo-require-preflight": "true" },
    });
    expect(await get.json()).toEqual({ data: { whoami: { role: "admin" } } });
    const page = await fetch(`${server.baseUrl}/graphql`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/ui/assets/");
    const missing = await fetch(`${server.baseUrl}/ui/assets/no-such-file.js`);
    expect(missing.status).toBe(404);
  });
});

describe("the query console in production mode", () => {
  it("is not served: a browser's GET /graphql gets no GraphiQL and no landing page", async () => {
    const production = await TestServer.start({ spaces: 1, production: true });
    try {
      const response = await fetch(`${production.baseUrl}/graphql`, { headers: { accept: "text/html" } });
      const body = await response.text();
      expect(body).not.toContain("/ui/assets/");
      expect(body.toLowerCase()).not.toContain("<script");
    } finally {
      await production.stop();
    }
  });
});
