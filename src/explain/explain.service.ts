// explainLink: why two things (devices, identifiers, profile ids) are in one profile, as the chain
// of links between them, each with the audit entry that made it.
import type { AuditEntryView, AuditReader } from "../audit/audit.reader.js";
import { notFound } from "../errors.js";
import type { IdentityRules } from "../rules/rules-config.js";
import type { Executor } from "../neo4j/executor.js";
import { loadProfileLinks, placeRef, type ProfileLinks, type RefPlacement } from "./explain.reader.js";
import { describeRef, type IdentityRefInput, parseIdentityRef } from "./identity-ref.js";
import { type IdentityRef, type LinkKind, type PathStep, shortestLinkPath } from "./link-path.js";

export interface ExplanationStepView {
  from: IdentityRef;
  to: IdentityRef;
  kind: LinkKind;
  at: string;
  auditEntry: AuditEntryView | null;
}

export interface ExplanationView {
  connected: boolean;
  /** The profile that holds both; null when they are not connected. */
  profileId: string | null;
  steps: ExplanationStepView[];
}

const NOT_CONNECTED: ExplanationView = { connected: false, profileId: null, steps: [] };

export class ExplainService {
  constructor(
    private readonly executor: Executor,
    private readonly audit: AuditReader,
    private readonly rules: IdentityRules,
  ) {}

  async explainLink(space: string, fromInput: IdentityRefInput, toInput: IdentityRefInput): Promise<ExplanationView> {
    const from = parseIdentityRef(fromInput, this.rules, "from");
    const to = parseIdentityRef(toInput, this.rules, "to");
    const found = await this.executor.read("explainLink", async (tx) => {
      const fromPlace = await placeRef(tx, space, from);
      const toPlace = await placeRef(tx, space, to);
      if (!fromPlace || !toPlace) return { fromPlace, toPlace, graph: null };
      const shared = fromPlace.roots.filter((root) => toPlace.roots.includes(root));
      if (shared.length === 0) return { fromPlace, toPlace, graph: null };
      const deviceIds = [from, to].flatMap((ref) => (ref.kind === "device" ? [ref.deviceId] : []));
      return { fromPlace, toPlace, graph: await loadProfileLinks(tx, space, shared, deviceIds) };
    });
    const fromPlace = placed(found.fromPlace, from);
    placed(found.toPlace, to);
    if (!found.graph) return NOT_CONNECTED;

    const path = shortestLinkPath(found.graph.links, from, to);
    // Sharing a profile but no chain would mean a stale ProfileId.profile; answer what the links say.
    if (!path) return NOT_CONNECTED;
    return {
      connected: true,
      profileId: profileOf(path, found.graph) ?? fromPlace.home,
      steps: await this.withAuditEntries(space, path),
    };
  }

  private async withAuditEntries(space: string, path: PathStep[]): Promise<ExplanationStepView[]> {
    const ids = [...new Set(path.flatMap((step) => (step.auditId === null ? [] : [step.auditId])))];
    const entries = await this.audit.entries(space, ids);
    return path.map(({ auditId, ...step }) => ({ ...step, auditEntry: auditId === null ? null : (entries.get(auditId) ?? null) }));
  }
}

function placed(place: RefPlacement | null, ref: IdentityRef): RefPlacement {
  if (!place) throw notFound(`no ${describeRef(ref)} in this space`);
  return place;
}

function profileOf(path: PathStep[], graph: ProfileLinks): string | undefined {
  for (const step of path) {
    for (const ref of [step.from, step.to]) {
      if (ref.kind === "profileId") return graph.rootOf.get(ref.profileId);
    }
  }
  return undefined;
}
