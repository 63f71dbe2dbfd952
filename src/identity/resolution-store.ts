// Cypher I/O around the rules: in one write transaction, lock what an observation (or a batch)
// touches in a consistent order, load its snapshot, decide, and write the plan and its audit.
import type { ManagedTransaction } from "neo4j-driver";
import { monotonicFactory } from "ulid";
import type { Executor } from "../neo4j/executor.js";
import { advance, type AuditDraft, type DecideContext, type Step } from "./decide.js";
import { type Identifier, identifierKey, type Observation, type Resolution } from "./model.js";
import type { IdentityRules } from "./rules-config.js";
import { type Component, Snapshot } from "./snapshot.js";

const ulid = monotonicFactory();
/** Time-ordered ids (ULID, monotonic within the process): a later id always sorts after an earlier one. */
export const newId = (): string => ulid();

const LOCK_DEVICES = `
UNWIND $deviceIds AS deviceId
MERGE (d:Device {space: $space, id: deviceId})
SET d.__lock = true REMOVE d.__lock`;

const LOCK_IDENTIFIERS = `
UNWIND $identifiers AS identifier
MERGE (i:Identifier {space: $space, type: identifier.type, value: identifier.value})
SET i.__lock = true REMOVE i.__lock`;

const LOCK_MESSAGES = `
UNWIND $messageIds AS messageId
MERGE (m:Message {space: $space, id: messageId})
SET m.__lock = true REMOVE m.__lock
RETURN messageId, m.answer AS answer`;

const READ_NEIGHBOURHOOD = `
CALL (*) {
  UNWIND $deviceIds AS deviceId
  MATCH (d:Device {space: $space, id: deviceId})
  OPTIONAL MATCH (d)-[:CURRENT]->(c:ProfileId)
  RETURN collect({id: deviceId, current: c.id,
                  profileIds: COLLECT { MATCH (d)-[:HAS_PROFILE_ID]->(p:ProfileId) RETURN p.id },
                  roots: COLLECT { MATCH (d)-[:HAS_PROFILE_ID]->(p:ProfileId) RETURN DISTINCT p.profile }}) AS devices
}
CALL (*) {
  UNWIND $identifiers AS identifier
  MATCH (i:Identifier {space: $space, type: identifier.type, value: identifier.value})
  RETURN collect({type: identifier.type, value: identifier.value,
                  profileIds: COLLECT { MATCH (i)-[:IDENTIFIES]->(p:ProfileId) RETURN p.id },
                  roots: COLLECT { MATCH (i)-[:IDENTIFIES]->(p:ProfileId) RETURN DISTINCT p.profile }}) AS identifiers
}
RETURN devices, identifiers`;

const LOCK_ROOTS = `
UNWIND $roots AS root
MATCH (p:ProfileId {space: $space, id: root})
SET p.__lock = true REMOVE p.__lock
RETURN root, p.profile = root AS stillRoot`;

const LOAD_COMPONENTS = `
UNWIND $roots AS root
CALL (root) {
  MATCH (p:ProfileId {space: $space, profile: root})
  RETURN collect(p) AS members
}
RETURN root,
       [p IN members | p.id] AS profileIds,
       COLLECT { UNWIND members AS p MATCH (p)<-[:IDENTIFIES]-(i:Identifier) RETURN DISTINCT {type: i.type, value: i.value} } AS identifiers,
       COLLECT { UNWIND members AS p MATCH (p)<-[:HAS_PROFILE_ID]-(d:Device) RETURN DISTINCT d.id } AS devices`;

interface NeighbourhoodRow {
  devices: Array<{ id: string; current: string | null; profileIds: string[]; roots: string[] }>;
  identifiers: Array<{ type: string; value: string; profileIds: string[]; roots: string[] }>;
}

export interface ResolveContext {
  space: string;
  actor: string;
}

export class ResolutionStore {
  constructor(
    private readonly executor: Executor,
    private readonly rules: IdentityRules,
  ) {}

  /** Resolves observations in their order, in one transaction: all are applied, or none. */
  async resolveBatch(observations: Observation[], context: ResolveContext): Promise<Resolution[]> {
    if (observations.length === 0) return [];
    return this.executor.write(async (tx) => {
      const snapshot = await loadSnapshot(tx, context.space, observations);
      const decideContext: DecideContext = { rules: this.rules, newId, actor: context.actor };
      const steps: Step[] = [];
      const resolutions = observations.map((observation) => {
        const plan = advance(snapshot, observation, decideContext);
        steps.push(...plan.steps);
        return plan.resolution;
      });
      await applySteps(tx, context, steps, snapshot, observations);
      return resolutions;
    });
  }
}

/** Locks devices, identifiers, messageIds and the profiles they belong to, then reads them. */
async function loadSnapshot(tx: ManagedTransaction, space: string, observations: Observation[]): Promise<Snapshot> {
  const deviceIds = [...new Set(observations.flatMap((o) => (o.deviceId === undefined ? [] : [o.deviceId])))].sort();
  const identifierMap = new Map<string, Identifier>();
  for (const observation of observations) {
    for (const identifier of observation.identifiers) identifierMap.set(identifierKey(identifier), identifier);
  }
  const identifiers = [...identifierMap.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, identifier]) => identifier);
  const messageIds = [...new Set(observations.flatMap((o) => (o.messageId === undefined ? [] : [o.messageId])))].sort();

  // A consistent lock order (devices, identifiers, messages, then profiles by root) keeps
  // concurrent writers serialisable; the rare deadlock is retried by the driver.
  if (deviceIds.length > 0) await tx.run(LOCK_DEVICES, { space, deviceIds });
  if (identifiers.length > 0) await tx.run(LOCK_IDENTIFIERS, { space, identifiers });
  const messages: Array<{ messageId: string; resolution: Resolution }> = [];
  if (messageIds.length > 0) {
    const result = await tx.run(LOCK_MESSAGES, { space, messageIds });
    for (const record of result.records) {
      const answer = record.get("answer") as string | null;
      if (answer !== null) messages.push({ messageId: record.get("messageId") as string, resolution: JSON.parse(answer) as Resolution });
    }
  }

  // Lock every profile the neighbourhood belongs to; a root that moved while we waited is re-read.
  const locked = new Set<string>();
  let neighbourhood: NeighbourhoodRow;
  for (;;) {
    const result = await tx.run(READ_NEIGHBOURHOOD, { space, deviceIds, identifiers });
    neighbourhood = result.records[0]?.toObject() as NeighbourhoodRow;
    const roots = new Set([...neighbourhood.devices.flatMap((d) => d.roots), ...neighbourhood.identifiers.flatMap((i) => i.roots)]);
    const toLock = [...roots].filter((root) => !locked.has(root)).sort();
    if (toLock.length === 0) break;
    const lockResult = await tx.run(LOCK_ROOTS, { space, roots: toLock });
    let moved = lockResult.records.length !== toLock.length;
    for (const record of lockResult.records) {
      locked.add(record.get("root") as string);
      if (!record.get("stillRoot")) moved = true;
    }
    // Writers hold a profile's root lock while they change it: once every root we read is locked
    // and still a root, what we read is current. A root that moved means re-read and lock again.
    if (!moved) break;
  }

  const roots = [...new Set([...neighbourhood.devices.flatMap((d) => d.roots), ...neighbourhood.identifiers.flatMap((i) => i.roots)])];
  const components: Component[] = [];
  if (roots.length > 0) {
    const result = await tx.run(LOAD_COMPONENTS, { space, roots });
    for (const record of result.records) {
      const componentIdentifiers = record.get("identifiers") as Identifier[];
      components.push({
        root: record.get("root") as string,
        profileIds: new Set(record.get("profileIds") as string[]),
        identifiers: new Map(componentIdentifiers.map((identifier) => [identifierKey(identifier), identifier])),
        devices: new Set(record.get("devices") as string[]),
      });
    }
  }
  return Snapshot.from({
    components,
    identifierLinks: neighbourhood.identifiers.map(({ type, value, profileIds }) => ({ identifier: { type, value }, profileIds })),
    devices: neighbourhood.devices
      .filter((device) => device.current !== null)
      .map((device) => ({ id: device.id, current: device.current as string, profileIds: new Set(device.profileIds) })),
    messages,
  });
}

const CREATE_PROFILE_IDS = `
UNWIND $creates AS c
CREATE (p:ProfileId {space: $space, id: c.profileId, profile: c.profileId, createdAt: c.at})
WITH p, c WHERE c.deviceId IS NOT NULL
MATCH (d:Device {space: $space, id: c.deviceId})
CREATE (d)-[:HAS_PROFILE_ID {at: c.at}]->(p)`;

const TOUCH_DEVICES = `
UNWIND $touches AS t
MATCH (d:Device {space: $space, id: t.deviceId})
SET d.firstSeenAt = CASE WHEN d.firstSeenAt IS NULL OR t.first < d.firstSeenAt THEN t.first ELSE d.firstSeenAt END,
    d.lastSeenAt = CASE WHEN d.lastSeenAt IS NULL OR t.last > d.lastSeenAt THEN t.last ELSE d.lastSeenAt END`;

const LINK_IDENTIFIERS = `
UNWIND $links AS l
MATCH (i:Identifier {space: $space, type: l.type, value: l.value})
MATCH (p:ProfileId {space: $space, id: l.profileId})
CREATE (i)-[:IDENTIFIES {at: l.at, auditId: l.auditId}]->(p)`;

const SET_CURRENT = `
UNWIND $currents AS c
MATCH (d:Device {space: $space, id: c.deviceId})
OPTIONAL MATCH (d)-[old:CURRENT]->()
DELETE old
WITH DISTINCT d, c
MATCH (p:ProfileId {space: $space, id: c.profileId})
CREATE (d)-[:CURRENT]->(p)`;

const REROOT = `
UNWIND $reroots AS r
MATCH (p:ProfileId {space: $space, id: r.profileId})
SET p.profile = r.root`;

export const CREATE_AUDIT_ENTRIES = `
UNWIND $entries AS e
CREATE (a:AuditEntry {space: $space, id: e.id, at: e.at, action: e.action, actor: $actor, reason: e.reason,
                      profileIds: e.profileIds, identifiers: e.identifiers, deviceIds: e.deviceIds,
                      messageId: e.messageId, causedBy: e.causedBy})
WITH a, e
UNWIND e.profileIds AS profileId
MATCH (p:ProfileId {space: $space, id: profileId})
MERGE (a)-[:ABOUT]->(p)`;

const SAVE_RECEIPTS = `
UNWIND $receipts AS r
MATCH (m:Message {space: $space, id: r.messageId})
SET m.answer = r.answer, m.profileId = r.profileId, m.at = r.at`;

const DROP_UNUSED = `
CALL (*) {
  UNWIND $identifiers AS identifier
  MATCH (i:Identifier {space: $space, type: identifier.type, value: identifier.value})
  WHERE NOT (i)-[:IDENTIFIES]->()
  DELETE i
}
CALL (*) {
  UNWIND $messageIds AS messageId
  MATCH (m:Message {space: $space, id: messageId})
  WHERE m.answer IS NULL
  DELETE m
}`;

/** Identifiers are stored in audit entries as "type:value" strings (Neo4j properties hold no maps). */
export const encodeIdentifier = (identifier: Identifier): string => `${identifier.type}:${identifier.value}`;

export function auditRow(entry: AuditDraft): Record<string, unknown> {
  return {
    id: entry.id,
    at: entry.at.toISOString(),
    action: entry.action,
    reason: entry.reason ?? null,
    profileIds: entry.profileIds,
    identifiers: entry.identifiers.map(encodeIdentifier),
    deviceIds: entry.deviceIds,
    messageId: entry.messageId ?? null,
    causedBy: entry.causedBy ?? null,
  };
}

async function applySteps(tx: ManagedTransaction, context: ResolveContext, steps: Step[], snapshot: Snapshot, observations: Observation[]): Promise<void> {
  const { space, actor } = context;
  const creates: Array<Record<string, unknown>> = [];
  const touches = new Map<string, { deviceId: string; first: string; last: string }>();
  const links: Array<Record<string, unknown>> = [];
  const currents = new Map<string, string>();
  const entries: Array<Record<string, unknown>> = [];
  const receipts: Array<Record<string, unknown>> = [];
  for (const step of steps) {
    switch (step.kind) {
      case "createProfileId":
        creates.push({ profileId: step.profileId, deviceId: step.deviceId ?? null, at: step.at.toISOString() });
        break;
      case "touchDevice": {
        const at = step.at.toISOString();
        const touch = touches.get(step.deviceId);
        if (!touch) touches.set(step.deviceId, { deviceId: step.deviceId, first: at, last: at });
        else {
          if (at < touch.first) touch.first = at;
          if (at > touch.last) touch.last = at;
        }
        break;
      }
      case "setCurrent":
        currents.set(step.deviceId, step.profileId);
        break;
      case "link":
        links.push({ ...step.identifier, profileId: step.profileId, auditId: step.auditId, at: step.at.toISOString() });
        break;
      case "audit":
        entries.push(auditRow(step.entry));
        break;
      case "receipt":
        receipts.push({ messageId: step.messageId, answer: JSON.stringify(step.resolution), profileId: step.resolution.assignedProfileId, at: step.at.toISOString() });
        break;
    }
  }
  if (creates.length > 0) await tx.run(CREATE_PROFILE_IDS, { space, creates });
  if (touches.size > 0) await tx.run(TOUCH_DEVICES, { space, touches: [...touches.values()] });
  if (links.length > 0) await tx.run(LINK_IDENTIFIERS, { space, links });
  if (currents.size > 0) {
    await tx.run(SET_CURRENT, { space, currents: [...currents].map(([deviceId, profileId]) => ({ deviceId, profileId })) });
  }
  if (snapshot.rerooted.size > 0) {
    const reroots = [...snapshot.rerooted].map((profileId) => ({ profileId, root: snapshot.rootOf.get(profileId) }));
    await tx.run(REROOT, { space, reroots });
  }
  if (entries.length > 0) await tx.run(CREATE_AUDIT_ENTRIES, { space, actor, entries });
  if (receipts.length > 0) await tx.run(SAVE_RECEIPTS, { space, receipts });
  const identifiers = [...new Map(observations.flatMap((o) => o.identifiers).map((i) => [identifierKey(i), i])).values()];
  const messageIds = observations.flatMap((o) => (o.messageId === undefined ? [] : [o.messageId]));
  if (identifiers.length > 0 || messageIds.length > 0) await tx.run(DROP_UNUSED, { space, identifiers, messageIds });
}
