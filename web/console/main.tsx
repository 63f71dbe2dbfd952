// The query console at GET /graphql: GraphiQL, bundled by Vite with its Monaco workers (graphiql's
// own Vite set-up), so it loads nothing from a CDN. Whatever is in the API key field above it is
// sent as the Authorization header (running a query applies it, as do Enter and leaving the field);
// a header typed into GraphiQL's Headers tab wins over it.
import "graphiql/setup-workers/vite";
import "graphiql/style.css";
import "./console.css";
import type { Fetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import { StrictMode, useMemo } from "react";
import { createRoot } from "react-dom/client";
import { useApiKey } from "../shared/api-key.js";
import { KeyBar } from "../shared/KeyBar.js";

/** GraphiQL's requests, each with the key in use when it is sent. */
const fetcherFor =
  (keyInUse: () => string): Fetcher =>
  async (params, options) => {
    const key = keyInUse();
    const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
    if (key) headers["authorization"] = `Bearer ${key}`;
    Object.assign(headers, options?.headers ?? {});
    const response = await fetch("/graphql", { method: "POST", headers, body: JSON.stringify(params) });
    return response.json();
  };

function Console() {
  const apiKey = useApiKey();
  const { apply, key } = apiKey;
  // A new fetcher for each key in use: GraphiQL fetches the schema again with it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key in use is why the fetcher is new.
  const fetcher = useMemo(() => fetcherFor(apply), [apply, key]);
  return (
    <div className="console">
      <header className="console-bar">
        <strong>idgraph</strong>
        <span className="muted">GraphQL console</span>
        <KeyBar apiKey={apiKey} placeholder="sent as Authorization: Bearer …" />
        <a href="/explorer">Profile explorer</a>
      </header>
      <main className="console-main">
        <GraphiQL fetcher={fetcher} defaultEditorToolsVisibility="headers" />
      </main>
    </div>
  );
}

createRoot(document.getElementById("root") as HTMLElement).render(
  <StrictMode>
    <Console />
  </StrictMode>,
);
