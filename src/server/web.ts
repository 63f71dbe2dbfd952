// The browser pages, built by Vite into web/dist (`npm run build:web`): the profile explorer at
// /explorer and the query console (GraphiQL) at GET /graphql for browsers. Everything they load is
// served from here, so they work without internet access.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import express from "express";

// src/server/ (tsx) and dist/src/server/ (the production build) both sit two levels below the
// folder that holds web/dist: the repository, or dist/ into which `npm run build` copies it.
export const WEB_DIST = fileURLToPath(new URL("../../web/dist/", import.meta.url));

// The pages load nothing from elsewhere; the browser enforces it too. Inline styles: React's style
// attributes and Monaco's; blob: and data: for Monaco's workers and GraphiQL's embedded fonts.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

const NOT_BUILT = "The browser pages are not built: run `npm run build:web`.\n";

export interface WebOptions {
  /** Serve GraphiQL at GET /graphql (off in production when introspection is off). */
  console: boolean;
}

/** Mounts /explorer, the console's GET /graphql for browsers, and the built assets under /ui/. */
export function mountWebPages(app: express.Express, options: WebOptions): void {
  const page = (name: string) => (_request: express.Request, response: express.Response) => {
    const file = `${WEB_DIST}${name}/index.html`;
    if (!existsSync(file)) {
      response.status(503).type("text/plain").send(NOT_BUILT);
      return;
    }
    response.set("cache-control", "no-cache");
    response.set("content-security-policy", CONTENT_SECURITY_POLICY);
    response.set("x-content-type-options", "nosniff");
    response.sendFile(file);
  };
  // Vite's base is /ui/: hashed file names, so they may be cached for good.
  app.use("/ui", express.static(WEB_DIST, { index: false, immutable: true, maxAge: "1y" }), (_request, response) => {
    response.status(404).type("text/plain").send("not found\n");
  });
  app.get(["/explorer", "/explorer/"], page("explorer"));
  if (options.console) {
    const consolePage = page("console");
    // Only a browser asking for a page gets GraphiQL; GET requests of GraphQL clients go to Apollo.
    app.get("/graphql", (request, response, next) => {
      const accept = request.accepts(["application/json", "application/graphql-response+json", "text/html"]);
      if (accept === "text/html" && request.query["query"] === undefined) {
        consolePage(request, response);
        return;
      }
      next();
    });
  }
}
