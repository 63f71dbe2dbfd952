// The "API key" field of the explorer and the console: whatever is in it is the key in use. A
// person types a key and goes on (searches, runs a query) without pressing "Use key", and the page
// says whose key it is once the server has answered whoami.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolve } from "./api.js";
import { type BrowserSession, openBrowser } from "./browser.js";
import { TestServer, uniqueId } from "./harness.js";

const POLL = { timeout: 10_000 };

let server: TestServer;
let browser: BrowserSession;

beforeAll(async () => {
  server = await TestServer.start({ spaces: 3, keys: [{ name: "key-field-reader", role: "read", space: "key-field-read" }] });
  browser = await openBrowser(server.baseUrl);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the explorer's API key field", () => {
  it("uses a typed key for a search without Use key being pressed, and names its caller", async () => {
    const client = server.newSpace();
    const [phone, email] = [uniqueId("phone"), `${uniqueId("kim")}@example.com`];
    await resolve(client, { deviceId: phone, identifiers: [{ type: "email", value: email }] });

    const { page } = browser;
    await page.goto(`${server.baseUrl}/explorer`);
    await page.getByLabel("API key").fill(client.key ?? "");
    await page.getByLabel("Search", { exact: true }).fill(email);
    await page.getByLabel("Search", { exact: true }).press("Enter");

    const devices = page.getByRole("list", { name: "Devices" });
    await expect.poll(() => devices.textContent(), POLL).toContain(phone);
    await expect
      .poll(
        () =>
          page
            .getByText(`tester`)
            .filter({ hasText: `· admin · space ${client.space}` })
            .count(),
        POLL,
      )
      .toBe(1);
    expect(await page.getByRole("alert").count()).toBe(0);
    await browser.screenshot("key-field-explorer-search");
    expect(browser.blocked).toEqual([]);
  });

  it("applies a key on Enter, and a key typed over it is the one in use for the next search", async () => {
    const client = server.newSpace();
    const phone = uniqueId("phone");
    await resolve(client, { deviceId: phone });

    const { page } = browser;
    await page.goto(`${server.baseUrl}/explorer`);
    const field = page.getByLabel("API key");
    await field.fill(client.key ?? "");
    await field.press("Enter");
    await expect.poll(() => page.getByText(/· admin ·/).count(), POLL).toBe(1);

    // Another key typed over it: the page does not go on naming the old key's caller.
    await field.fill(server.keys.get("key-field-reader") ?? "");
    expect(await page.getByText(/· admin ·/).count()).toBe(0);
    await page.getByLabel("Search", { exact: true }).fill(phone);
    await page.getByLabel("Search", { exact: true }).press("Enter");
    await expect.poll(() => page.getByText("key-field-reader · read · space key-field-read").count(), POLL).toBe(1);
    // The reader's space does not hold the admin's device.
    await expect.poll(() => page.getByText(/No profile found/).count(), POLL).toBe(1);
    expect(await page.getByRole("button", { name: /Reset identities|Delete profile/ }).count()).toBe(0);
    await browser.screenshot("key-field-explorer-other-key");
  });
});

describe("the console's API key field", () => {
  it("sends a typed key with a query without Use key being pressed, and names its caller", async () => {
    const client = server.newSpace();
    const { page } = browser;
    await page.goto(`${server.baseUrl}/graphql`);
    await page.getByLabel("API key").fill(client.key ?? "");

    const editor = page.locator(".graphiql-query-editor .monaco-editor").first();
    await editor.waitFor({ timeout: 30_000 });
    await editor.click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText("{ __typename }");
    await page.getByRole("button", { name: /Execute query/ }).click();

    const response = page.locator(".graphiql-response");
    await expect.poll(() => response.textContent(), { timeout: 20_000 }).toMatch(/"__typename":\s*"Query"/);
    expect(await response.textContent()).not.toContain("UNAUTHENTICATED");
    await expect.poll(() => page.getByText(`· admin · space ${client.space}`).count(), POLL).toBe(1);
    await browser.screenshot("key-field-console");
    expect(browser.blocked).toEqual([]);
    expect(browser.policyViolations).toEqual([]);
  });
});
