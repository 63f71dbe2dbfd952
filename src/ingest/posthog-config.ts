// What posthog-js asks for at start-up, answered so that it runs without errors and sends only
// events: its remote config (GET /array/{token}/config.js, a script, or /config, JSON) with every
// optional feature off (session recording, heatmaps, autocapture of exceptions, site apps), and
// feature flags (POST /flags/?v=2, and /decide/ for older versions) as none. `surveys` is left out
// on purpose: posthog-js loads its surveys script from the server for `surveys: false` too (a 404
// here), and loads nothing when the config does not say. idgraph
// keeps no flags and no config: these answers are the same for every project token, read nothing
// stored, and say nothing about the key.

export function posthogRemoteConfig(token: string): Record<string, unknown> {
  return {
    token,
    supportedCompression: ["gzip", "gzip-js"],
    hasFeatureFlags: false,
    captureDeadClicks: false,
    capturePerformance: false,
    autocapture_opt_out: true,
    autocaptureExceptions: false,
    analytics: { endpoint: "/e/" },
    elementsChainAsString: true,
    errorTracking: { autocaptureExceptions: false, suppressionRules: [] },
    logs: { captureConsoleLogs: false },
    sessionRecording: false,
    heatmaps: false,
    productTours: false,
    defaultIdentifiedOnly: true,
    siteApps: [],
  };
}

/** The snippet build's config.js: the same config, set where posthog-js looks for it. */
export function posthogRemoteConfigScript(token: string): string {
  const config = JSON.stringify({ config: posthogRemoteConfig(token), siteApps: [] });
  return `(function(){window._POSTHOG_REMOTE_CONFIG=window._POSTHOG_REMOTE_CONFIG||{};window._POSTHOG_REMOTE_CONFIG[${JSON.stringify(token)}]=${config};})();`;
}

/** No feature flags, in /flags?v=2's shape and /decide's. */
export function posthogFlags(): Record<string, unknown> {
  return {
    flags: {},
    featureFlags: {},
    featureFlagPayloads: {},
    errorsWhileComputingFlags: false,
    quotaLimited: [],
    requestId: "idgraph",
    config: { enable_collect_everything: false },
    supportedCompression: ["gzip", "gzip-js"],
    sessionRecording: false,
    heatmaps: false,
    siteApps: [],
    toolbarParams: {},
    isAuthenticated: false,
    autocapture_opt_out: true,
    capturePerformance: false,
    analytics: { endpoint: "/e/" },
  };
}
