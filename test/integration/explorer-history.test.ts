// The explorer's history after rule 10 and the change feed, in a real browser: on the shared tablet
// Bob's login stamped 09:59 arrives after Adam's 10:05 login, and the stretch it moved is shown as
// what it is (device, interval, from → to profile id) in the history and in the drawing; the
// profile's change-feed entries are listed newest first; a merge that was undone says by which
// entry and offers no Unmerge, while a standing link still does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mergeProfiles, unmerge } from "./admin-helpers.js";
import { resolve } from "./api.js";
import { type BrowserSession, openBrowser } from "./browser.js";
import { FAST_FEED, waitForSequenced } from "./feed-helpers.js";
import { TestServer, uniqueId } from "./harness.js";

const at = (time: string): string => new Date(`2026-11-23T${time}:00Z`).toISOString();
const HISTORY = `query ($id: ID!) { profile(id: $id) { history(first: 100) { edges { node { id action undoes identifiers { type } } } }
  changes(first: 100) { edges { node { kind cursor } } } } }`;
interface Answer {
  profile: {
    history: { edges: Array<{ node: { id: string; action: string; undoes: string | null; identifiers: unknown[] } }> };
    changes: { edges: Array<{ node: { kind: string; cursor: string } }> };
  };
}

// Admin actions and reloads take a few round trips: more than expect.poll's default second on a busy machine.
const POLL = { timeout: 10_000 };

let server: TestServer;
let browser: BrowserSession;

beforeAll(async () => {
  server = await TestServer.start({ spaces: 2, feed: FAST_FEED });
  browser = await openBrowser(server.baseUrl);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the explorer's history", () => {
  it("shows a late login's reattribution, the profile's change-feed entries, and an undone merge without Unmerge", async () => {
    const client = server.newSpace();
    const [tablet, laptop, adam, bob] = [uniqueId("tablet"), uniqueId("laptop"), uniqueId("adam"), uniqueId("bob")];
    // Bob browses the tablet anonymously at 10:00; Adam logs in on it at 10:05 and takes that
    // anonymous profile id; then Bob's login stamped 09:59 arrives: 09:59–10:05 (Bob's 10:00 event)
    // moves to Bob's new profile id (docs/identity-rules.md, rule 10).
    const bobsEvent = await resolve(client, { deviceId: tablet, timestamp: at("10:00") });
    const adamLogin = await resolve(client, { deviceId: tablet, userId: adam, timestamp: at("10:05") });
    const bobLogin = await resolve(client, { deviceId: tablet, userId: bob, timestamp: at("09:59") });
    const adamsId = adamLogin.assignedProfileId;
    const bobsId = bobLogin.assignedProfileId;
    expect(adamsId).toBe(bobsEvent.assignedProfileId);
    expect(bobsId).not.toBe(adamsId);

    // A manual merge with the laptop's profile, undone again.
    const other = await resolve(client, { deviceId: laptop });
    await mergeProfiles(client, [adamsId, other.profileId], "same household?");
    const before = await client.data<Answer>(HISTORY, { id: adamsId });
    const merge = before.profile.history.edges.find((e) => e.node.action === "PROFILES_MERGED" && e.node.identifiers.length === 0);
    if (!merge) throw new Error("no manual merge in Adam's history");
    await unmerge(client, merge.node.id, "not the same person");
    await waitForSequenced(server.executor, client.space);
    const seeded = await client.data<Answer>(HISTORY, { id: adamsId });
    const undoing = seeded.profile.history.edges.find((e) => e.node.undoes === merge.node.id);
    if (!undoing) throw new Error("no PROFILES_UNMERGED entry for the merge");
    const feed = seeded.profile.changes.edges.map((e) => e.node);
    expect(feed.map((c) => c.kind)).toContain("ACTIVITY_REATTRIBUTED");

    const { page } = browser;
    await page.goto(`${server.baseUrl}/explorer`);
    await page.getByLabel("API key").fill(client.key ?? "");
    await page.getByRole("button", { name: "Use key" }).click();
    await expect.poll(() => page.getByText(/· admin ·/).count(), POLL).toBe(1);
    await page.getByLabel("Search", { exact: true }).fill(adam);
    await page.getByRole("button", { name: "Find" }).click();

    const history = page.getByRole("region", { name: "History" });
    const reattribution = history.getByRole("listitem").filter({ hasText: "ACTIVITY_REATTRIBUTED" });
    await reattribution.waitFor();
    expect(await reattribution.textContent()).toContain(`device ${tablet}: activity from`);
    expect(await reattribution.textContent()).toContain(`moved from profile id ${adamsId} to profile id ${bobsId}`);
    expect(await reattribution.getByRole("link", { name: `profile id ${bobsId}` }).count()).toBeGreaterThan(0);

    // The undone merge: says by which entry, offers no Unmerge; Adam's login link still does.
    const undone = history.getByRole("listitem").filter({ hasText: "PROFILES_MERGED" });
    expect(await undone.textContent()).toContain(`undone by ${undoing.node.id}`);
    expect(await undone.getByRole("button", { name: "Unmerge" }).count()).toBe(0);
    const login = history.getByRole("listitem").filter({ hasText: "IDENTIFIER_LINKED" });
    expect(await login.getByRole("button", { name: "Unmerge" }).count()).toBe(1);
    const links = page.getByRole("list", { name: "Links" });
    expect(await links.textContent()).not.toContain("manual merge");
    expect(await links.getByRole("button", { name: "Unmerge" }).count()).toBe(1);

    // The Changes section: the feed's entries about Adam's profile ids, newest first.
    const changes = page.getByRole("list", { name: "Change feed entries" });
    await expect.poll(() => changes.getByRole("listitem").count(), POLL).toBe(feed.length);
    const kinds = await changes.locator(".badge").allTextContents();
    expect(kinds).toEqual(feed.map((c) => c.kind));
    const moved = changes.getByRole("listitem").filter({ hasText: "ACTIVITY_REATTRIBUTED" });
    expect(await moved.textContent()).toContain(`moved from profile id ${adamsId} to profile id ${bobsId}`);
    await page.locator(".graph canvas").first().waitFor();
    await browser.screenshot("explorer-reattribution-adam");

    // Bob's side: the same stretch, moved to him.
    await page.getByLabel("Search", { exact: true }).fill(bob);
    await page.getByRole("button", { name: "Find" }).click();
    await expect.poll(() => page.getByRole("list", { name: "Profile ids" }).textContent(), POLL).toContain(bobsId);
    const bobs = page.getByRole("region", { name: "History" }).getByRole("listitem").filter({ hasText: "ACTIVITY_REATTRIBUTED" });
    await bobs.waitFor();
    expect(await bobs.textContent()).toContain(`to profile id ${bobsId}`);
    await page.locator(".graph canvas").first().waitFor();
    await browser.screenshot("explorer-reattribution-bob");
    expect(browser.blocked).toEqual([]);
    expect(browser.policyViolations).toEqual([]);
  });
});
