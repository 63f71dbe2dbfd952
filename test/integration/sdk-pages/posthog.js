// A shop page sending with posthog-js to idgraph: gzip bodies (its default once idgraph's config says
// gzip-js is supported), or plain JSON (mode "uncompressed").
import posthog from "posthog-js";
import { onPage } from "./page.js";

const { server, key, mode, debug } = window.IDGRAPH;
posthog.init(key, {
  debug: debug === "1",
  api_host: server,
  persistence: "localStorage",
  autocapture: false,
  disable_session_recording: true,
  // posthog-js drops events from a browser driven by automation (navigator.webdriver) as a bot's;
  // this is its documented switch for end-to-end tests. A person's browser needs nothing.
  opt_out_useragent_filter: true,
  ...(mode === "uncompressed" ? { disable_compression: true } : {}),
});

onPage({
  login: (userId) => posthog.identify(userId, { plan: "pro" }),
  buy: () => posthog.capture("order completed", { total: 12 }),
  deviceId: () => posthog.get_property("$device_id"),
  start: () => undefined,
});
