// Builds the browser pages (web/ -> web/dist) when they are missing or older than their sources:
// run before `npm start` and by the integration tests' global set-up, so neither needs a manual step.
// `npm run build:web` always builds.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const web = join(root, "web");
const stamp = join(web, "dist", ".built");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "dist" || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function webBuildIsCurrent(): boolean {
  if (!existsSync(stamp)) return false;
  const sources = Math.max(newestSource(web), statSync(join(root, "package-lock.json")).mtimeMs);
  return statSync(stamp).mtimeMs >= sources;
}

export function buildWeb(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): void {
  const started = Date.now();
  log("building the browser pages (web/ -> web/dist) ...");
  const vite = join(dirname(createRequire(import.meta.url).resolve("vite/package.json")), "bin", "vite.js");
  execFileSync(process.execPath, [vite, "build", "--config", join(web, "vite.config.ts")], { cwd: root, stdio: "inherit" });
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  log(`built the browser pages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export function ensureWebBuilt(): void {
  if (!webBuildIsCurrent()) buildWeb();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes("--if-needed")) ensureWebBuilt();
  else buildWeb();
}
