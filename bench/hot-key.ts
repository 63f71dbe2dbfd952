// A hot key beside ordinary traffic (docs/identity-rules.md, "What the store keeps": a device sending far
// more than a person could must slow no one else down). Ordinary steady traffic runs twice through
// the store, alone and beside one device sending `hotPerSec` observations a second (a kiosk, a test
// device, a placeholder id that slipped past the blocklist: thousands a minute, in small batches of
// its own, as its SDK sends them). The figures are the ordinary traffic's rate and its batches' p99.
import type { IdentityService } from "../src/identity/identity.service.js";
import { SteadyWorkload } from "./lib/steady-workload.js";
import { toInputs } from "./lib/workload.js";
import { nextOf, pool, round, summarise } from "./lib/stats.js";

export interface HotKeyRun {
  perSec: number;
  p99Ms: number;
  p50Ms: number;
  /** The hot device's observations a second (0 in the run without it). */
  hotPerSec: number;
}

export interface HotKeyResult {
  observations: number;
  hotTarget: number;
  without: HotKeyRun;
  with: HotKeyRun;
  /** The ordinary traffic's rate and p99 beside the hot device, against without it. */
  rateRatio: number;
  p99Ratio: number;
}

interface HotKeyOptions {
  profiles: number;
  seed: number;
  observations: number;
  clients: number;
  batchSize: number;
  /** The hot device's observations a second, sent in batches of 20. */
  hotPerSec: number;
}

export async function measureHotKey(identity: IdentityService, space: string, options: HotKeyOptions): Promise<HotKeyResult> {
  const ordinary = async (prefix: string): Promise<{ perSec: number; p50Ms: number; p99Ms: number }> => {
    const batches = new SteadyWorkload({
      profiles: options.profiles,
      seed: options.seed,
      observations: options.observations,
      messagePrefix: prefix,
    }).batches(options.batchSize);
    const latencies: number[] = [];
    let count = 0;
    const started = performance.now();
    await pool(options.clients, nextOf(batches), async (batch) => {
      const begun = performance.now();
      await identity.resolveBatch(toInputs(batch, { events: false }), { space, actor: "system" });
      latencies.push(performance.now() - begun);
      count += batch.length;
    });
    const latency = summarise(latencies);
    return { perSec: Math.round((count / (performance.now() - started)) * 1000), p50Ms: latency.p50Ms, p99Ms: latency.p99Ms };
  };

  const without = await ordinary("hot-without");

  // The hot device: one id, logged in, sending back to back at its target rate until the ordinary traffic is done.
  let done = false;
  let sent = 0;
  const hotDevice = `hot-kiosk-${space}`;
  let message = 0;
  const hot = (async () => {
    const started = performance.now();
    while (!done) {
      const due = Math.floor(((performance.now() - started) / 1000) * options.hotPerSec) - sent;
      if (due < 20) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        continue;
      }
      const batch = Array.from({ length: 20 }, () => ({
        deviceId: hotDevice,
        userId: "hot-kiosk-user",
        messageId: `hot-${space}-${message++}`,
        timestamp: new Date(),
      }));
      await identity.resolveBatch(batch, { space, actor: "system" });
      sent += batch.length;
    }
    return Math.round((sent / (performance.now() - started)) * 1000);
  })();
  const beside = await ordinary("hot-with");
  done = true;
  const hotPerSec = await hot;
  return {
    observations: options.observations,
    hotTarget: options.hotPerSec,
    without: { ...without, hotPerSec: 0 },
    with: { ...beside, hotPerSec },
    rateRatio: round(beside.perSec / without.perSec),
    p99Ratio: round(beside.p99Ms / without.p99Ms),
  };
}
