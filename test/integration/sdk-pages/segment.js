// A shop page sending with Segment's browser SDK (@segment/analytics-next) to idgraph. Its settings
// come from idgraph (cdnURL), or are given inline with batching delivery (mode "batching").
import { AnalyticsBrowser } from "@segment/analytics-next";
import { onPage } from "./page.js";

const { server, key, mode } = window.IDGRAPH;
const host = new URL(server).host;
const analytics =
  mode === "batching"
    ? AnalyticsBrowser.load({
        writeKey: key,
        cdnSettings: {
          integrations: {
            "Segment.io": {
              apiKey: key,
              apiHost: `${host}/v1`,
              protocol: "http",
              deliveryStrategy: { strategy: "batching", config: { size: 3, timeout: 300 } },
            },
          },
          metrics: { sampleRate: 0 },
        },
      })
    : AnalyticsBrowser.load({ writeKey: key, cdnURL: server }, { integrations: { "Segment.io": { protocol: "http" } } });

onPage({
  login: async (userId) => {
    await analytics.identify(userId, { plan: "pro" });
    await analytics.group("acme", { name: "Acme" });
  },
  buy: () => analytics.track("Order Completed", { total: 12 }),
  deviceId: async () => (await analytics.user()).anonymousId(),
  start: () => analytics.page(),
});
