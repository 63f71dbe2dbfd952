// The profile explorer in a real browser: a support person enters a key, finds a merged profile by
// its email, sees its devices and identifiers, unmerges one link after confirming, and sees the
// profile split. Nothing but the server is reachable from the page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserSession, openBrowser } from "./browser.js";
import { TestServer, uniqueId } from "./harness.js";

const RESOLVE = "mutation ($input: ResolveInput!) { resolve(input: $input) { profileId assignedProfileId mergedProfileIds } }";

// Admin actions and reloads take a few round trips: more than expect.poll's default second on a busy machine.
const POLL = { timeout: 10_000 };

let server: TestServer;
let browser: BrowserSession;

beforeAll(async () => {
  server = await TestServer.start({ spaces: 3, keys: [{ name: "support", role: "read", space: "explorer-read" }] });
  browser = await openBrowser(server.baseUrl);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the profile explorer", () => {
  it("shows a merged profile found by its email, and splits it when one link is unmerged after confirming", async () => {
    const client = server.newSpace();
    const [phone, laptop, email, userId] = [uniqueId("phone"), uniqueId("laptop"), `${uniqueId("jane")}@example.com`, uniqueId("jane")];
    const first = await client.data(RESOLVE, { input: { deviceId: phone, userId, identifiers: [{ type: "email", value: email }] } });
    const second = await client.data(RESOLVE, { input: { deviceId: laptop, identifiers: [{ type: "email", value: email }] } });
    expect(second.resolve.profileId).toBe(first.resolve.profileId);
    const laptopProfileId: string = second.resolve.assignedProfileId;

    const { page } = browser;
    await page.goto(`${server.baseUrl}/explorer`);
    await page.getByLabel("API key").fill(client.key ?? "");
    await page.getByRole("button", { name: "Use key" }).click();
    await expect.poll(() => page.getByText(/· admin ·/).count(), POLL).toBe(1);
    await page.getByLabel("Search", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Find" }).click();

    const devices = page.getByRole("list", { name: "Devices" });
    const identifiers = page.getByRole("list", { name: "Identifiers" });
    await devices.waitFor();
    await expect.poll(() => devices.textContent(), POLL).toContain(phone);
    expect(await devices.textContent()).toContain(laptop);
    expect(await identifiers.textContent()).toContain(email);
    expect(await identifiers.textContent()).toContain(userId);
    expect(await page.getByRole("list", { name: "Profile ids" }).textContent()).toContain(laptopProfileId);
    await page.locator(".graph canvas").first().waitFor();
    await browser.screenshot("explorer-merged-profile");

    // The link that joined the laptop's profile id: the email attached to it.
    const link = page
      .getByRole("list", { name: "Links" })
      .getByRole("listitem")
      .filter({ hasText: `email: ${email} → profile id ${laptopProfileId}` });
    await link.getByRole("button", { name: "Unmerge" }).click();
    const dialog = page.getByRole("dialog");
    expect(await dialog.textContent()).toContain(laptopProfileId);
    await browser.screenshot("explorer-unmerge-dialog");
    await dialog.getByRole("button", { name: "Confirm" }).click();

    await expect.poll(() => page.getByRole("status").textContent(), POLL).toContain("2 profile(s)");
    await expect.poll(() => devices.textContent(), POLL).not.toContain(laptop);
    expect(await devices.textContent()).toContain(phone);
    expect(await page.getByRole("list", { name: "Profile ids" }).textContent()).not.toContain(laptopProfileId);
    await browser.screenshot("explorer-after-unmerge");

    const after = await client.data("query ($id: ID!) { profile(id: $id) { id devices { id } } }", { id: laptopProfileId });
    expect(after.profile.devices.map((d: { id: string }) => d.id)).toEqual([laptop]);
    expect(browser.blocked).toEqual([]);
    expect(browser.policyViolations).toEqual([]);
  });

  it("resets identities and deletes a profile only after confirming, deletion only once its id is typed", async () => {
    const client = server.newSpace();
    const [tablet, phone, email] = [uniqueId("tablet"), uniqueId("phone"), `${uniqueId("sam")}@example.com`];
    await client.data(RESOLVE, { input: { deviceId: tablet, identifiers: [{ type: "email", value: email }] } });
    const joined = await client.data(RESOLVE, { input: { deviceId: phone, identifiers: [{ type: "email", value: email }] } });

    const { page } = browser;
    await page.goto(`${server.baseUrl}/explorer`);
    await page.getByLabel("API key").fill(client.key ?? "");
    await page.getByRole("button", { name: "Use key" }).click();
    await page.getByLabel("Search", { exact: true }).fill(phone);
    await page.getByRole("button", { name: "Find" }).click();
    const devices = page.getByRole("list", { name: "Devices" });
    await expect.poll(() => devices.textContent(), POLL).toContain(tablet);

    // Cancel changes nothing.
    await page.getByRole("button", { name: "Reset identities" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    expect(await page.getByRole("dialog").count()).toBe(0);
    expect(await devices.textContent()).toContain(tablet);

    await page.getByRole("button", { name: "Reset identities" }).click();
    expect(await page.getByRole("dialog").textContent()).toContain(joined.resolve.profileId);
    await page.getByRole("dialog").getByRole("button", { name: "Confirm" }).click();
    await expect.poll(() => page.getByRole("status").textContent(), POLL).toContain("Identities reset");
    await expect.poll(() => devices.textContent(), POLL).not.toContain(tablet);
    expect(await page.getByRole("list", { name: "Identifiers" }).textContent()).not.toContain(email);

    const phoneProfile: string = (await client.data("query ($d: String!) { profileByDevice(deviceId: $d) { id } }", { d: phone }))
      .profileByDevice.id;
    await page.getByRole("button", { name: "Delete profile" }).click();
    const dialog = page.getByRole("dialog");
    const confirm = dialog.getByRole("button", { name: "Confirm" });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel("Profile id to delete").fill(phoneProfile);
    expect(await confirm.isDisabled()).toBe(false);
    await browser.screenshot("explorer-delete-dialog");
    await confirm.click();
    await expect.poll(() => page.getByRole("status").textContent(), POLL).toContain("Deleted 1 profile id(s)");
    await expect.poll(() => page.getByText(/No profile found/).count(), POLL).toBe(1);
    expect((await client.data("query ($id: ID!) { profile(id: $id) { id } }", { id: phoneProfile })).profile).toBeNull();
    expect(browser.blocked).toEqual([]);
    expect(browser.policyViolations).toEqual([]);
  });

  it("shows no admin buttons to a key without the admin role, and shows an error's code and message", async () => {
    const { page } = browser;
    await page.goto(`${server.baseUrl}/explorer`);
    await page.getByLabel("API key").fill(server.keys.get("support") ?? "");
    await page.getByRole("button", { name: "Use key" }).click();
    await expect.poll(() => page.getByText(/· read ·/).count(), POLL).toBe(1);
    await page.getByLabel("Search", { exact: true }).fill(uniqueId("nobody"));
    await page.getByRole("button", { name: "Find" }).click();
    await expect.poll(() => page.getByText(/No profile found/).count(), POLL).toBe(1);
    expect(await page.getByRole("button", { name: /Unmerge|Reset identities|Delete profile/ }).count()).toBe(0);

    await page.getByLabel("API key").fill("not-a-key-of-this-server");
    await page.getByRole("button", { name: "Use key" }).click();
    await expect.poll(() => page.getByRole("alert").textContent(), POLL).toContain("UNAUTHENTICATED");
    expect(browser.blocked).toEqual([]);
    expect(browser.policyViolations).toEqual([]);
  });
});
