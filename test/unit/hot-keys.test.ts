// The hottest keys /metrics reports: counted per minute, without growing with traffic.
import { describe, expect, it } from "vitest";
import { HotKeys } from "../../src/metrics/hot-keys.js";

describe("the hottest keys", () => {
  it("counts a hot device's observations of the last minute, hottest first, apart from identifiers", () => {
    let now = Date.parse("2026-12-06T10:00:10Z");
    const keys = new HotKeys(1000, () => now);
    for (let n = 0; n < 500; n++) keys.add("device", "shop", "kiosk-1");
    for (let n = 0; n < 40; n++) keys.add("device", "shop", `phone-${n % 4}`);
    keys.add("identifier", "shop", "user_id:u1");
    expect(keys.hottest("device", 3)).toEqual([500, 10, 10]);
    expect(keys.hottest("identifier", 5)).toEqual([1]);
    // The next minute still counts the last one; the one after forgets it.
    now += 60_000;
    for (let n = 0; n < 100; n++) keys.add("device", "shop", "kiosk-1");
    expect(keys.hottest("device", 1)).toEqual([600]);
    now += 60_000;
    expect(keys.hottest("device", 1)).toEqual([100]);
    now += 60_000;
    expect(keys.hottest("device", 1)).toEqual([]);
  });

  it("keeps the same id in two spaces apart", () => {
    const keys = new HotKeys();
    keys.add("device", "a", "d");
    keys.add("device", "b", "d");
    expect(keys.hottest("device", 2)).toEqual([1, 1]);
  });

  it("keeps a hot key's count exact while a stream of keys seen once passes through a bounded table", () => {
    const keys = new HotKeys(100);
    for (let n = 0; n < 10_000; n++) {
      keys.add("device", "shop", `visitor-${n}`);
      if (n % 10 === 0) keys.add("device", "shop", "kiosk");
    }
    expect(keys.hottest("device", 1)).toEqual([1000]);
  });
});
