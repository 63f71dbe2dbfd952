// Debian's headless Chromium driven by playwright-core (no browser download), for the tests that
// need a real browser: every request to a host other than 127.0.0.1 is blocked, and screenshots go
// to test-results/ (git-ignored).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const chromiumAvailable = (): boolean => existsSync(CHROMIUM);

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const ARTIFACTS = path.join(projectRoot, "test-results");

export interface HeadlessChromium {
  context: BrowserContext;
  /** Requests the tests blocked (to hosts other than 127.0.0.1). */
  blocked: string[];
  newPage(): Promise<Page>;
  /** Saves a screenshot as test-results/<name>.png and returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<HeadlessChromium> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), "idgraph-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1400, height: 1000 },
  });
  const blocked: string[] = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.continue();
    blocked.push(url.origin);
    return route.abort("blockedbyclient");
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    context,
    blocked,
    newPage: () => context.newPage(),
    async screenshot(page, name) {
      const file = path.join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
