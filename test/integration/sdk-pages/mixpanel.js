// A shop page sending with mixpanel-browser to idgraph.
import mixpanel from "mixpanel-browser";
import { onPage } from "./page.js";

const { server, key } = window.IDGRAPH;
mixpanel.init(key, { api_host: server, persistence: "localStorage", track_pageview: true, batch_flush_interval_ms: 300 });

onPage({
  login: (userId) => {
    mixpanel.identify(userId);
    mixpanel.people.set({ plan: "pro" });
  },
  buy: () => mixpanel.track("Order Completed", { total: 12 }),
  deviceId: () => mixpanel.get_property("$device_id"),
  start: () => undefined,
});
