// The profile explorer's traits (rule 11) in a real browser: a support person finds a merged
// profile by its email and sees each trait's value, when and on which profile id it was set, and
// the value the other profile id holds; after unmerging the link that joined them, each side shows
// its own traits again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, openBrowser } from "./browser.js";
import { TestServer, uniqueId } from "./harness.js";

const RESOLVE = "mutation ($input: ResolveInput!) { resolve(input: $input) { profileId assignedProfileId } }";
const POLL = { timeout: 10_000 };
const at = (time: string): string => `2026-12-01T${time}:00.000Z`;

let server: TestServer;
let browser: BrowserSession;

beforeAll(async () => {
  server = await TestServer.start({ spaces: 1 });
  browser = await openBrowser(server.baseUrl);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the profile explorer's traits", () => {
  it("lists each trait with when and where it was set, and gives each side its own after an unmerge", async () => {
    const client = server.newSpace();
    const [phone, laptop, email] = [uniqueId("phone"), uniqueId("laptop"), `${uniqueId("ann")}@example.com`];
    const input = (deviceId: string, time: string, traits: Record<string, unknown>) => ({
      deviceId,
      identifiers: [{ type: "email", value: email }],
      timestamp: at(time),
      traits,
    });
    const first = await client.data(RESOLVE, { input: input(phone, "10:00", { plan: "pro", city: "Oslo" }) });
    const second = await client.data(RESOLVE, { input: input(laptop, "10:05", { plan: "team", address: { floor: 2 } }) });
    const [phoneProfileId, laptopProfileId]: string[] = [first.resolve.assignedProfileId, second.resolve.assignedProfileId];
    expect(second.resolve.profileId).toBe(first.resolve.profileId);

    const { page } = browser;
    await page.goto(`${server.baseUrl}/explorer`);
    await page.getByLabel("API key").fill(client.key ?? "");
    await page.getByLabel("API key").press("Enter");
    const search = page.getByLabel("Search", { exact: true });
    await search.fill(email);
    await search.press("Enter");

    const traits = page.getByRole("list", { name: "Traits" });
    const item = (name: string) => traits.getByRole("listitem").filter({ has: page.locator(".badge", { hasText: name }) });
    await expect.poll(() => traits.textContent(), POLL).toContain("team");
    expect(await page.getByRole("heading", { name: "Traits (3)" }).count()).toBe(1);
    expect(await item("plan").first().textContent()).toContain(`on profile id ${laptopProfileId}`);
    expect(await page.getByRole("list", { name: "Other values of plan" }).textContent()).toContain(`profile id ${phoneProfileId}: pro`);
    expect(await item("city").textContent()).toContain(`Oslo · set ${await localTime(at("10:00"))} on profile id ${phoneProfileId}`);
    expect(await item("address").textContent()).toContain('{"floor":2}');
    await browser.screenshot("explorer-traits-merged");

    // Unmerge the email's link to the laptop's profile id: the laptop's side leaves with its own traits.
    await page
      .getByRole("list", { name: "Links" })
      .getByRole("listitem")
      .filter({ hasText: `email: ${email} → profile id ${laptopProfileId}` })
      .getByRole("button", { name: "Unmerge" })
      .click();
    await page.getByRole("dialog").getByRole("button", { name: "Confirm" }).click();
    await expect.poll(() => traits.textContent(), POLL).not.toContain("team");
    expect(await traits.textContent()).toContain("pro");
    expect(await traits.textContent()).toContain("Oslo");
    expect(await traits.textContent()).not.toContain("floor");
    expect(await page.getByRole("list", { name: "Other values of plan" }).count()).toBe(0);
    await browser.screenshot("explorer-traits-after-unmerge");

    // The other side, found by its device.
    await search.fill(laptop);
    await search.press("Enter");
    await expect.poll(() => traits.textContent(), POLL).toContain("team");
    expect(await traits.textContent()).toContain('{"floor":2}');
    expect(await traits.textContent()).not.toContain("Oslo");
    expect(await item("plan").textContent()).toContain(`on profile id ${laptopProfileId}`);
    await browser.screenshot("explorer-traits-other-side");
    expect(browser.blocked).toEqual([]);
    expect(browser.policyViolations).toEqual([]);
  });
});

/** A time as the page writes it (the browser's locale). */
function localTime(iso: string): Promise<string> {
  return browser.page.evaluate((value) => new Date(value).toLocaleString(), iso);
}
