// The local Neo4j of `npm start` sets Neo4j Browser up for the idgraph server of HOST and PORT:
// on connect Browser runs idgraph's :style and :play, may fetch them from idgraph's host, and the
// printed Browser URL opens the connection form on the local Bolt port with no authentication.
import { describe, expect, it } from "vitest";
import { browserSetupSettings, browserUrlFor, idgraphUrlFor } from "../../dev/neo4j/local-neo4j.js";

describe("the local Neo4j's Browser set-up", () => {
  it("runs idgraph's stylesheet and guide commands on connect, and allows idgraph's host", () => {
    expect(browserSetupSettings("http://127.0.0.1:4000")).toEqual({
      "browser.post_connect_cmd": "style http://127.0.0.1:4000/browser/idgraph.grass; play http://127.0.0.1:4000/browser/guide.html",
      "browser.remote_content_hostname_whitelist": "guides.neo4j.com,localhost,127.0.0.1",
    });
    expect(browserSetupSettings("http://localhost:4100/")["browser.remote_content_hostname_whitelist"]).toBe("guides.neo4j.com,localhost");
  });

  it("points Browser at the server as a browser on this machine reaches it", () => {
    expect(idgraphUrlFor({ HOST: "127.0.0.1", PORT: 4000 })).toBe("http://127.0.0.1:4000");
    expect(idgraphUrlFor({ HOST: "0.0.0.0", PORT: 8080 })).toBe("http://127.0.0.1:8080");
    expect(idgraphUrlFor({ HOST: "::1", PORT: 4000 })).toBe("http://[::1]:4000");
  });

  it("prints a Browser URL that preselects the local connection without authentication", () => {
    expect(browserUrlFor("http://127.0.0.1:7474", "bolt://127.0.0.1:7687")).toBe(
      "http://127.0.0.1:7474/browser/?dbms=bolt%3A%2F%2F127.0.0.1%3A7687&preselectAuthMethod=NO_AUTH",
    );
  });
});
