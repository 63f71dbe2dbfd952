// A real headless browser for the browser tests: Debian's Chromium (/usr/bin/chromium, installed
// by .ci/run) driven by playwright-core; no browser is downloaded. Every request to a host other
// than the server under test is blocked and recorded, so a page that reaches for a CDN shows up.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

export const CHROMIUM = process.env["IDGRAPH_TEST_CHROMIUM"] ?? "/usr/bin/chromium";
export const ARTIFACTS = join(process.cwd(), "test-results");

export interface BrowserSession {
  page: Page;
  /** Requests the page tried to make to any other host (blocked). */
  blocked: string[];
  /** What the page reported as refused by its content security policy. */
  policyViolations: string[];
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openBrowser(serverBaseUrl: string): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set IDGRAPH_TEST_CHROMIUM`);
  const userDataDir = mkdtempSync(join(tmpdir(), "idgraph-chromium-"));
  // A fresh profile directory per session: nothing carries over between tests or runs.
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
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
  const allowed = new URL(serverBaseUrl).host;
  const blocked: string[] = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if ((url.protocol === "http:" || url.protocol === "https:" || url.protocol === "ws:") && url.host !== allowed) {
      blocked.push(url.href);
      return route.abort("blockedbyclient");
    }
    return route.continue();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const policyViolations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    page,
    blocked,
    policyViolations,
    screenshot: async (name) => void (await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true })),
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
