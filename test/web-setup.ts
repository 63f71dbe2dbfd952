// The browser tests need the built pages: build them once per run when missing or outdated.
import { ensureWebBuilt } from "../scripts/build-web.js";

export default function setup(): void {
  ensureWebBuilt();
}
