// A shop page sending with the RudderStack JavaScript SDK (its bundled build: no plugin is loaded
// from a CDN) to idgraph, which also answers its source config (configUrl).
import { RudderAnalytics } from "@rudderstack/analytics-js/bundled";
import { onPage } from "./page.js";

const { server, key } = window.IDGRAPH;
const analytics = new RudderAnalytics();
analytics.load(key, server, { configUrl: server });

onPage({
  login: (userId) => analytics.identify(userId, { plan: "pro" }),
  buy: () => analytics.track("Order Completed", { total: 12 }),
  deviceId: () => analytics.getAnonymousId(),
  start: () => analytics.page(),
});
