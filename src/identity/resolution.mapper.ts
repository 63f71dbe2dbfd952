// From the rules' answer to the GraphQL Resolution: spelled out, so the compiler checks every field.
import type { Resolution as ResolutionView } from "../rules/model.js";
import type { Resolution } from "./resolution.types.js";

export const toResolution = (view: ResolutionView): Resolution => ({
  profileId: view.profileId,
  assignedProfileId: view.assignedProfileId,
  created: view.created,
  mergedProfileIds: view.mergedProfileIds,
  warnings: view.warnings.map((warning) => ({
    code: warning.code,
    message: warning.message,
    identifier: warning.identifier ? { type: warning.identifier.type, value: warning.identifier.value } : null,
  })),
});
