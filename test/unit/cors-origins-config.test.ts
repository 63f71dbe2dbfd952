// IDGRAPH_CORS_ORIGINS: a comma-separated list of origins exactly as browsers send them, empty by
// default; anything else stops the server at start-up with a message naming the variable.
import { describe, expect, it } from "vitest";
import { ConfigError, readEnvironment } from "../../src/config.js";

const origins = (value: string | undefined) =>
  readEnvironment(value === undefined ? {} : { IDGRAPH_CORS_ORIGINS: value }).IDGRAPH_CORS_ORIGINS;

describe("IDGRAPH_CORS_ORIGINS", () => {
  it("is empty when unset or blank: no origin is allowed", () => {
    expect(origins(undefined)).toEqual([]);
    expect(origins("")).toEqual([]);
    expect(origins(" , ")).toEqual([]);
  });

  it("lists origins, trimmed", () => {
    expect(origins("https://app.example.com, http://localhost:5173")).toEqual(["https://app.example.com", "http://localhost:5173"]);
  });

  it.each([
    ["*", "a wildcard"],
    ["app.example.com", "no scheme"],
    ["https://app.example.com/", "a trailing slash"],
    ["https://app.example.com/app", "a path"],
    ["https://App.example.com", "an upper-case host (browsers send it in lower case)"],
    ["https://app.example.com:443", "a default port (browsers leave it out)"],
    ["ftp://files.example.com", "a scheme other than http and https"],
  ])("refuses %s (%s), naming the variable", (value) => {
    expect(() => origins(value)).toThrow(ConfigError);
    expect(() => origins(value)).toThrow(/IDGRAPH_CORS_ORIGINS/);
  });
});
