// A shop's frontend for the browser SDK tests: the pages of sdk-pages/, each bundled at test time
// with its SDK from node_modules (esbuild; nothing is downloaded), served from an origin of their
// own, apart from idgraph's. /<sdk>.html?server=<idgraph>&key=<write key>[&mode=<variant>].
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export const SDK_PAGES = ["segment", "posthog", "mixpanel", "rudderstack"] as const;
export type SdkPage = (typeof SDK_PAGES)[number];

const pagesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "sdk-pages");

/** Every page's script, bundled for the browser. */
export async function bundleSdkPages(): Promise<Map<SdkPage, string>> {
  const result = await build({
    entryPoints: SDK_PAGES.map((name) => path.join(pagesDir, `${name}.js`)),
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    write: false,
    outdir: "/bundles",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  });
  const bundles = new Map<SdkPage, string>();
  for (const file of result.outputFiles) {
    const name = path.basename(file.path, ".js") as SdkPage;
    if ((SDK_PAGES as readonly string[]).includes(name)) bundles.set(name, file.text);
  }
  return bundles;
}

const html = (name: string): string => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>shop (${name})</title></head>
<body>
  <h1>Shop</h1>
  <form id="login"><label>User id <input id="user" name="user" autocomplete="off"></label> <button>Log in</button></form>
  <p><button id="buy" type="button">Buy</button></p>
  <p id="status" role="status"></p>
  <script>
    const query = new URLSearchParams(location.search);
    window.IDGRAPH = { server: query.get("server"), key: query.get("key"), mode: query.get("mode"), debug: query.get("debug") };
  </script>
  <script src="/${name}.js"></script>
</body></html>`;

export interface SdkFrontend {
  origin: string;
  pageUrl(sdk: SdkPage, options: { server: string; key: string; mode?: string; debug?: string }): string;
  close(): Promise<void>;
}

export async function startSdkFrontend(bundles: Map<SdkPage, string>): Promise<SdkFrontend> {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://frontend");
    if (url.pathname === "/") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<!DOCTYPE html><title>shop</title>");
      return;
    }
    const match = /^\/([a-z]+)\.(html|js)$/.exec(url.pathname);
    const name = match?.[1] as SdkPage | undefined;
    const bundle = name ? bundles.get(name) : undefined;
    if (!match || !name || bundle === undefined) {
      response.writeHead(404).end();
      return;
    }
    if (match[2] === "html") response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html(name));
    else response.writeHead(200, { "content-type": "text/javascript; charset=utf-8" }).end(bundle);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    pageUrl: (sdk, options) => `${origin}/${sdk}.html?${new URLSearchParams({ ...options }).toString()}`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
