// The query console at GET /graphql: GraphiQL, bundled by Vite with its Monaco workers (graphiql's
// own Vite set-up), so it loads nothing from a CDN. The API key field above it sends the key as
// the Authorization header; a header typed into GraphiQL's Headers tab wins over it.
import "graphiql/setup-workers/vite";
import "graphiql/style.css";
import "./console.css";
import type { Fetcher } from "@graphiql/toolkit";
import { GraphiQL } from "graphiql";
import { type FormEvent, StrictMode, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import { storedKey, storeKey } from "../shared/api.js";

const fetcherFor =
  (key: string): Fetcher =>
  async (params, options) => {
    const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
    if (key) headers["authorization"] = `Bearer ${key}`;
    Object.assign(headers, options?.headers ?? {});
    const response = await fetch("/graphql", { method: "POST", headers, body: JSON.stringify(params) });
    return response.json();
  };

function Console() {
  const [key, setKey] = useState(storedKey);
  const [draft, setDraft] = useState(key);
  const fetcher = useMemo(() => fetcherFor(key), [key]);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    storeKey(draft.trim());
    setKey(draft.trim());
  };
  return (
    <div className="console">
      <header className="console-bar">
        <strong>idgraph</strong>
        <span className="muted">GraphQL console</span>
        <form onSubmit={apply} className="key-form">
          <label htmlFor="api-key">API key</label>
          <input
            id="api-key"
            type="password"
            autoComplete="off"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="sent as Authorization: Bearer …"
          />
          <button type="submit">Use key</button>
        </form>
        <a href="/explorer">Profile explorer</a>
      </header>
      <main className="console-main">
        {/* A new key reloads the schema: GraphiQL fetches it once per fetcher. */}
        <GraphiQL key={key} fetcher={fetcher} defaultEditorToolsVisibility="headers" />
      </main>
    </div>
  );
}

createRoot(document.getElementById("root") as HTMLElement).render(
  <StrictMode>
    <Console />
  </StrictMode>,
);
