// The browser SDKs send straight into idgraph from a web page: each SDK's npm package, bundled into a
// shop page served from another origin (sdk-frontend.ts), runs in Debian's headless Chromium and
// sends through the CORS allowlist with a write key. A person logs in on the page (the page sets a
// trait, plan: "pro", as apps do on login), reloads it and buys something; one profile then holds
// the page's device, the user id and the trait. idgraph answers the
// SDKs' start-up calls (Segment's settings, PostHog's config and flags, RudderStack's source
// config), so each runs without a console error and reaches no other host.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROFILE_FIELDS, type ProfileView } from "./api.js";
import { chromiumAvailable, type HeadlessChromium, launchChromium } from "./browser.js";
import { type Client, TestServer, uniqueId } from "./harness.js";
import { bundleSdkPages, type SdkFrontend, type SdkPage, startSdkFrontend } from "./sdk-frontend.js";

if (!chromiumAvailable()) process.stderr.write("browser-sdks.test.ts: skipped: /usr/bin/chromium is missing\n");

interface Shop {
  sdk: SdkPage;
  mode?: string;
  /** The paths this SDK sends its events to (a response to one of them, 200, is a delivery). */
  sends: RegExp;
}

const SHOPS: Shop[] = [
  { sdk: "segment", sends: /^\/v1\/[tipgas]$/ },
  { sdk: "segment", mode: "batching", sends: /^\/v1\/b$/ },
  { sdk: "posthog", sends: /^\/(e|i\/v0\/e|batch)\/?$/ },
  { sdk: "posthog", mode: "uncompressed", sends: /^\/(e|i\/v0\/e|batch)\/?$/ },
  { sdk: "mixpanel", sends: /^\/track\/?$/ },
  { sdk: "rudderstack", sends: /^\/v1\/(track|identify|page|batch)$/ },
];
const shopName = (shop: Shop): string => `${shop.sdk}${shop.mode ? `-${shop.mode}` : ""}`;

let server: TestServer;
let frontend: SdkFrontend;
let browser: HeadlessChromium | undefined;

beforeAll(async () => {
  frontend = await startSdkFrontend(await bundleSdkPages());
  // Each shop has a space of its own, a write key (the page's) and an admin key (the test's reads).
  const keys = SHOPS.flatMap((shop) => [
    { name: `${shopName(shop)}-page`, role: "write" as const, space: `sdk-${shopName(shop)}` },
    { name: `${shopName(shop)}-ops`, role: "admin" as const, space: `sdk-${shopName(shop)}` },
  ]);
  server = await TestServer.start({ spaces: 0, keys, corsOrigins: [frontend.origin] });
  if (chromiumAvailable()) browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await frontend?.close();
});

/** What a page did on the network and in its console, for the assertions and for a failure's message. */
function watch(page: Page, serverOrigin: string) {
  const seen = { requests: [] as string[], refused: [] as string[], consoleErrors: [] as string[], failed: [] as string[] };
  page.on("console", (message) => {
    if (message.type() === "error") seen.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => seen.consoleErrors.push(String(error)));
  page.on("requestfailed", (request) => {
    // A request in flight when the person reloads is aborted by the browser (the SDKs send it again).
    if (request.url().startsWith(serverOrigin) && request.failure()?.errorText !== "net::ERR_ABORTED")
      seen.failed.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`);
  });
  page.on("response", (response) => {
    const request = response.request();
    if (!request.url().startsWith(serverOrigin)) return;
    const line = `${request.method()} ${request.url().slice(serverOrigin.length)} ${response.status()}`;
    seen.requests.push(line);
    if (response.status() >= 400) seen.refused.push(line);
  });
  return seen;
}

type ProfileWithTraits = ProfileView & { traits: Record<string, unknown> };

async function profileOfDevice(client: Client, deviceId: string): Promise<ProfileWithTraits | null> {
  const data = await client.data<{ profileByDevice: ProfileWithTraits | null }>(
    `query ($deviceId: String!) { profileByDevice(deviceId: $deviceId) { ${PROFILE_FIELDS} traits } }`,
    { deviceId },
  );
  return data.profileByDevice;
}

describe.runIf(chromiumAvailable())("a shop page sending with a browser SDK", () => {
  it.each(SHOPS)("$sdk $mode: a person logs in, reloads, buys; one profile holds the device, user id and trait", async (shop) => {
    if (!browser) throw new Error("no browser");
    const name = shopName(shop);
    const key = server.keys.get(`${name}-page`) as string;
    const ops = server.clientFor(`${name}-ops`, `sdk-${name}`);
    const serverOrigin = server.baseUrl;
    const userId = uniqueId(`${shop.sdk}-user`);
    const page = await browser.newPage();
    const seen = watch(page, serverOrigin);
    const delivered = () =>
      page.waitForResponse((response) => {
        const url = new URL(response.url());
        return url.origin === serverOrigin && shop.sends.test(url.pathname) && response.status() === 200;
      });
    let passed = false;
    try {
      // A browser new to the shop: no SDK state (cookies are per host, whatever the port) left by another test.
      await browser.context.clearCookies();
      await page.goto(frontend.origin);
      await page.evaluate(() => (globalThis as any).localStorage.clear());
      await page.goto(frontend.pageUrl(shop.sdk, { server: serverOrigin, key, ...(shop.mode ? { mode: shop.mode } : {}) }));
      // The SDK's anonymous id for this browser: the device.
      let deviceId: string | undefined;
      await expect
        .poll(async () => (deviceId = await page.evaluate(() => (globalThis as any).sdkPage?.deviceId())), { timeout: 20_000 })
        .toBeTruthy();

      await page.getByLabel("User id").fill(userId);
      await page.getByLabel("User id").press("Enter");
      await expect.poll(() => page.getByRole("status").textContent(), { timeout: 20_000 }).toBe("logged in");
      await expect
        .poll(async () => (await profileOfDevice(ops, deviceId as string))?.identifiers, { timeout: 30_000 })
        .toContainEqual({ type: "user_id", value: userId });
      // The trait the page set on login: mixpanel-browser sends it to /engage/, the others with their identify.
      await expect
        .poll(async () => (await profileOfDevice(ops, deviceId as string))?.traits, { timeout: 30_000 })
        .toMatchObject({ plan: "pro" });

      await page.reload();
      await expect.poll(async () => page.evaluate(() => (globalThis as any).sdkPage?.deviceId()), { timeout: 20_000 }).toBe(deviceId);
      const afterReload = delivered();
      await page.getByRole("button", { name: "Buy" }).click();
      await expect.poll(() => page.getByRole("status").textContent(), { timeout: 20_000 }).toBe("bought");
      await afterReload;

      const profile = await profileOfDevice(ops, deviceId as string);
      const byUser = await ops.data<{ profileByIdentifier: ProfileView | null }>(
        `query ($value: String!) { profileByIdentifier(type: "user_id", value: $value) { id } }`,
        { value: userId },
      );
      expect(profile?.id, JSON.stringify(seen, null, 1)).toBe(byUser.profileByIdentifier?.id);
      expect(profile?.devices.map((device) => device.id)).toContain(deviceId);
      expect(seen.refused, JSON.stringify(seen, null, 1)).toEqual([]);
      expect(seen.failed, JSON.stringify(seen, null, 1)).toEqual([]);
      expect(seen.consoleErrors, JSON.stringify(seen, null, 1)).toEqual([]);
      expect(browser.blocked).toEqual([]);
      passed = true;
    } finally {
      if (!passed) process.stderr.write(`${name}: what the page did: ${JSON.stringify(seen)}\n`);
      await page.close();
    }
  });
});
