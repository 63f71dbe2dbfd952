// The RudderStack JavaScript SDK (@rudderstack/analytics-js) loads its source config from
// {configUrl}/sourceConfig/ (the write key as the Basic user name and as ?writeKey=) before it
// sends anything; its events then go to {dataPlaneUrl}/v1/* as Segment's do (segment.ts). With
// configUrl set to idgraph's address, idgraph answers the config: an enabled source with no
// device-mode destinations and the SDK's own error and metrics reporting off. Only a key that may
// write gets it.
import express from "express";
import { type IngestEnvironment, noteRefusal, startupKey } from "./answer.js";
import { keyFromAuthorization, queryString, SDK_ENDPOINT } from "./body.js";

export function rudderstackSourceConfig(writeKey: string): Record<string, unknown> {
  return {
    isHosted: false,
    source: {
      id: "idgraph",
      name: "idgraph",
      writeKey,
      workspaceId: "idgraph",
      enabled: true,
      config: { statsCollection: { errors: { enabled: false }, metrics: { enabled: false } } },
      destinations: [],
    },
  };
}

export function rudderstackRouter(env: IngestEnvironment): express.Router {
  const router = express.Router();
  router.get("/sourceConfig", async (request, response, next) => {
    try {
      response.locals[SDK_ENDPOINT] = true;
      const writeKey = keyFromAuthorization(request.headers.authorization) ?? queryString(request, "writeKey");
      const principal = await startupKey(env, writeKey);
      if ("ok" in principal) {
        noteRefusal(response, principal);
        if (!principal.ok) {
          if ("retryAfter" in principal) response.setHeader("Retry-After", String(principal.retryAfter));
          response.status(principal.status).json({ message: principal.message });
        }
        return;
      }
      response.setHeader("Cache-Control", "no-store");
      response.status(200).json(rudderstackSourceConfig(writeKey ?? ""));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
