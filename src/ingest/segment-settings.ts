// analytics.js (@segment/analytics-next) loads its settings from {cdnURL}/v1/projects/{writeKey}/settings
// before it sends anything. With cdnURL set to idgraph's address, idgraph answers them: one
// destination, "Segment.io", pointed back at this server's /v1 (the host the page reached it by),
// no device-mode destinations, no remote plugins or middleware, and analytics.js's own performance
// counters off. Only a key that may write gets them; the answer is the asker's own (no-store).

export function segmentSettingsFor(writeKey: string, origin: { protocol: string; host: string }): Record<string, unknown> {
  return {
    integrations: {
      "Segment.io": {
        apiKey: writeKey,
        apiHost: `${origin.host}/v1`,
        protocol: origin.protocol,
        unbundledIntegrations: [],
        addBundledMetadata: false,
        maybeBundledConfigIds: {},
      },
    },
    plan: {
      track: { __default: { enabled: true, integrations: {} } },
      identify: { __default: { enabled: true } },
      group: { __default: { enabled: true } },
    },
    edgeFunction: {},
    analyticsNextEnabled: true,
    middlewareSettings: {},
    enabledMiddleware: {},
    metrics: { sampleRate: 0 },
    legacyVideoPluginsEnabled: false,
    remotePlugins: [],
  };
}
