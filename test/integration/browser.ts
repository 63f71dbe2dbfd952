// A real headless browser for every browser test: Debian's Chromium (/usr/bin/chromium, installed
// by .ci/run, or IDGRAPH_TEST_CHROMIUM) driven by playwright-core; no browser is downloaded. Each
// launch gets a fresh profile directory. Every request to a host the test does not allow (by
// default: any host but 127.0.0.1) is blocked and recorded, so a page that reaches for a CDN shows
// up. Screenshots go to test-results/ (git-ignored).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";

export const CHROMIUM = process.env["IDGRAPH_TEST_CHROMIUM"] ?? "/usr/bin/chromium";
export const chromiumAvailable = (): boolean => existsSync(CHROMIUM);

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const ARTIFACTS = path.join(projectRoot, "test-results");

const NETWORK = new Set(["http:", "https:", "ws:", "wss:"]);

export interface HeadlessChromium {
  context: BrowserContext;
  /** Requests blocked (to hosts the launch did not allow), as URLs. */
  blocked: string[];
  newPage(): Promise<Page>;
  /** Saves a screenshot as test-results/<name>.png and returns its path. */
  screenshot(page: Page, name: string, options?: { fullPage?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export async function launchChromium(options: { allow?: (url: URL) => boolean } = {}): Promise<HeadlessChromium> {
  if (!chromiumAvailable()) {
    throw new Error(`no Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set IDGRAPH_TEST_CHROMIUM`);
  }
  const allow = options.allow ?? ((url: URL) => url.hostname === "127.0.0.1");
  const userDataDir = mkdtempSync(path.join(tmpdir(), "idgraph-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 1000 },
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
  });
  const blocked: string[] = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (NETWORK.has(url.protocol) && !allow(url)) {
      blocked.push(url.href);
      return route.abort("blockedbyclient");
    }
    return route.continue();
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    context,
    blocked,
    newPage: () => context.newPage(),
    async screenshot(page, name, shot = {}) {
      const file = path.join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: shot.fullPage ?? false });
      return file;
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** One page of a browser that reaches only the server under test (its host and port). */
export interface BrowserSession {
  page: Page;
  /** Requests the page tried to make to any other host (blocked). */
  blocked: string[];
  /** What the page reported as refused by its content security policy. */
  policyViolations: string[];
  /** A full-page screenshot as test-results/<name>.png. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openBrowser(serverBaseUrl: string): Promise<BrowserSession> {
  const allowed = new URL(serverBaseUrl).host;
  const browser = await launchChromium({ allow: (url) => url.host === allowed });
  // The persistent context opens with one blank page.
  const page = browser.context.pages()[0] ?? (await browser.newPage());
  const policyViolations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
  });
  return {
    page,
    blocked: browser.blocked,
    policyViolations,
    screenshot: async (name) => void (await browser.screenshot(page, name, { fullPage: true })),
    close: () => browser.close(),
  };
}
