// Cypher I/O around the rules: in one write transaction, lock what an observation (or a batch)
// touches in a consistent order, load its snapshot, decide, and write the plan and its audit.
import { int, type ManagedTransaction, Neo4jError } from "neo4j-driver";
import { monotonicFactory } from "ulid";
import type { Executor } from "../neo4j/executor.js";
import { type ObservationSteps, observationChanges, profilesBefore } from "../feed/changes.js";
import { recordChanges } from "../feed/outbox.js";
import { advance, type AuditDraft, type DecideContext, type Step } from "../rules/decide.js";
import { type Identifier, identifierKey, type Observation, type Resolution } from "../rules/model.js";
import type { IdentityRules } from "../rules/rules-config.js";
import { type Component, Snapshot } from "../rules/snapshot.js";

const ulid = monotonicFactory();
/** Time-ordered ids (ULID, monotonic within the process): a later id always sorts after an earlier one. */
export const newId = (): string => ulid();

// Reading a batch's neighbourhood: each device with its current profile id and all its profile ids,
// each identifier with the profile ids it is attached to, and the merged-profile ids (roots) of
// all of them. One expansion per device or identifier. Element ids come back too, so the writes
// reach these nodes directly instead of through the indexes again.
const neighbourhood = (devices: string, identifiers: string): string => `
CALL (*) {
  ${devices}
  OPTIONAL MATCH (d)-[:CURRENT]->(c:ProfileId)
  CALL (d) {
    OPTIONAL MATCH (d)-[:HAS_PROFILE_ID]->(p:ProfileId)
    RETURN collect(p.id) AS profileIds, collect(DISTINCT p.profile) AS roots
  }
  RETURN collect({id: d.id, element: elementId(d), current: c.id, profileIds: profileIds, roots: roots}) AS devices
}
CALL (*) {
  ${identifiers}
  CALL (i) {
    OPTIONAL MATCH (i)-[:IDENTIFIES]->(p:ProfileId)
    RETURN collect(p.id) AS profileIds, collect(DISTINCT p.profile) AS roots
  }
  RETURN collect({type: i.type, value: i.value, element: elementId(i), profileIds: profileIds, roots: roots}) AS identifiers
}`;

// Locks each root in order, then reads its component (members by the ProfileId(space, profile)
// index). A root that is no longer a root (merged away or deleted meanwhile) is reported, not read.
const lockAndLoad = (roots: string): string => `
  UNWIND ${roots} AS root
  MATCH (p:ProfileId {space: $space, id: root})
  SET p.__lock = true REMOVE p.__lock
  WITH root, p.profile = root AS stillRoot
  CALL (root, stillRoot) {
    MATCH (m:ProfileId {space: $space, profile: root}) WHERE stillRoot
    RETURN collect(m) AS members
  }
  WITH root, stillRoot, [m IN members | m.id] AS memberIds, [m IN members | elementId(m)] AS memberElements,
       COLLECT { UNWIND members AS m MATCH (m)<-[:IDENTIFIES]-(i:Identifier) RETURN DISTINCT {type: i.type, value: i.value} } AS memberIdentifiers,
       COLLECT { UNWIND members AS m MATCH (m)<-[:HAS_PROFILE_ID]-(d:Device) RETURN DISTINCT d.id } AS memberDevices`;

const COMPONENT =
  "{root: root, stillRoot: stillRoot, profileIds: memberIds, elements: memberElements, identifiers: memberIdentifiers, devices: memberDevices}";

/**
 * The whole read side of a batch in one statement (one round trip): lock devices, identifiers and
 * messageIds in that order (MERGE creates what is new), read the neighbourhood, then lock the
 * roots it belongs to in sorted order and load their components.
 */
const LOCK_AND_READ = `
CALL (*) {
  UNWIND $deviceIds AS deviceId
  MERGE (d:Device {space: $space, id: deviceId})
  SET d.__lock = true REMOVE d.__lock
  RETURN collect(d) AS deviceNodes
}
CALL (*) {
  UNWIND $identifiers AS identifier
  MERGE (i:Identifier {space: $space, type: identifier.type, value: identifier.value})
  SET i.__lock = true REMOVE i.__lock
  RETURN collect(i) AS identifierNodes
}
CALL (*) {
  UNWIND $messageIds AS messageId
  MERGE (m:Message {space: $space, id: messageId})
  SET m.__lock = true REMOVE m.__lock
  RETURN collect({messageId: messageId, id: m.id, element: elementId(m), answer: m.answer}) AS messages
}
${neighbourhood("UNWIND deviceNodes AS d", "UNWIND identifierNodes AS i")}
CALL (devices, identifiers) {
  UNWIND reduce(roots = [], d IN devices | roots + d.roots) + reduce(roots = [], i IN identifiers | roots + i.roots) AS candidate
  WITH DISTINCT candidate ORDER BY candidate
  WITH collect(candidate) AS sortedRoots
  ${lockAndLoad("sortedRoots")}
  RETURN collect(${COMPONENT}) AS components
}
RETURN messages, devices, identifiers, components`;

/** Re-reads the neighbourhood (its locks are held) when a root moved while we waited for its lock. */
const READ_NEIGHBOURHOOD = `${neighbourhood(
  "UNWIND $deviceIds AS deviceId MATCH (d:Device {space: $space, id: deviceId})",
  "UNWIND $identifiers AS identifier MATCH (i:Identifier {space: $space, type: identifier.type, value: identifier.value})",
)}
RETURN devices, identifiers`;

const LOCK_AND_LOAD = `${lockAndLoad("$roots")}
RETURN ${COMPONENT} AS component`;

interface NeighbourhoodRow {
  devices: Array<{ id: string; element: string; current: string | null; profileIds: string[]; roots: string[] }>;
  identifiers: Array<{ type: string; value: string; element: string; profileIds: string[]; roots: string[] }>;
}

interface ComponentRow {
  root: string;
  stillRoot: boolean;
  profileIds: string[];
  elements: string[];
  identifiers: Identifier[];
  devices: string[];
}

/** Element ids of the nodes a batch read and locked: valid for the rest of its transaction. */
interface Elements {
  devices: Map<string, string>;
  identifiers: Map<string, string>;
  messages: Map<string, string>;
  profileIds: Map<string, string>;
}

/** Where observations came in: the metrics count them by it. */
export type ObservationSource = "graphql" | "segment" | "mixpanel" | "posthog" | "cli";

export interface ResolveContext {
  space: string;
  actor: string;
  /** Where the observations came in (graphql when absent). */
  source?: ObservationSource;
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
      const keys = batchKeys(observations);
      const { snapshot, elements } = await loadSnapshot(tx, context.space, keys);
      const decideContext: DecideContext = { rules: this.rules, newId, actor: context.actor };
      const steps: Step[] = [];
      const before = profilesBefore(snapshot.components.values()); // change feed
      const planned: ObservationSteps[] = []; // change feed
      const resolutions = observations.map((observation) => {
        const plan = advance(snapshot, observation, decideContext);
        steps.push(...plan.steps);
        planned.push({ deviceId: observation.deviceId, steps: plan.steps }); // change feed
        return plan.resolution;
      });
      await applySteps(tx, context, steps, snapshot, elements, keys);
      // change feed: the outbox entries of this batch, in its transaction (src/feed/).
      await recordChanges(tx, context.space, observationChanges(before, planned, { newId, at: new Date() }));
      return resolutions;
    });
  }
}

const rootsOf = (neighbourhood: NeighbourhoodRow): string[] => [
  ...new Set([...neighbourhood.devices.flatMap((d) => d.roots), ...neighbourhood.identifiers.flatMap((i) => i.roots)]),
];

const toComponent = (row: ComponentRow): Component => ({
  root: row.root,
  profileIds: new Set(row.profileIds),
  identifiers: new Map(row.identifiers.map((identifier) => [identifierKey(identifier), identifier])),
  devices: new Set(row.devices),
});

/** What a batch names, each distinct and sorted: the lock order, and the candidates for clean-up. */
interface BatchKeys {
  deviceIds: string[];
  identifiers: Identifier[];
  messageIds: string[];
}

function batchKeys(observations: Observation[]): BatchKeys {
  const identifierMap = new Map<string, Identifier>();
  for (const observation of observations) {
    for (const identifier of observation.identifiers) identifierMap.set(identifierKey(identifier), identifier);
  }
  return {
    deviceIds: [...new Set(observations.flatMap((o) => (o.deviceId === undefined ? [] : [o.deviceId])))].sort(),
    identifiers: [...identifierMap.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, identifier]) => identifier),
    messageIds: [...new Set(observations.flatMap((o) => (o.messageId === undefined ? [] : [o.messageId])))].sort(),
  };
}

/** Locks devices, identifiers, messageIds and the profiles they belong to, then reads them. */
async function loadSnapshot(tx: ManagedTransaction, space: string, keys: BatchKeys): Promise<{ snapshot: Snapshot; elements: Elements }> {
  const { deviceIds, identifiers, messageIds } = keys;

  // A consistent lock order (devices, identifiers, messages, then profiles by root) keeps
  // concurrent writers serialisable; the rare deadlock is retried by the driver. All of it, and
  // the reads, in one statement: the common case costs one round trip.
  const first = (await tx.run(LOCK_AND_READ, { space, deviceIds, identifiers, messageIds })).records[0];
  if (!first) throw new Error("the lock-and-read statement returned no row");
  const lockedMessages = first.get("messages") as Array<{ messageId: string; id: string | null; element: string; answer: string | null }>;
  const messages = lockedMessages.flatMap(({ messageId, answer }) =>
    answer === null ? [] : [{ messageId, resolution: JSON.parse(answer) as Resolution }],
  );
  let neighbourhood: NeighbourhoodRow = {
    devices: first.get("devices") as NeighbourhoodRow["devices"],
    identifiers: first.get("identifiers") as NeighbourhoodRow["identifiers"],
  };

  // Writers hold a profile's root lock while they change it: once every root we read is locked
  // and still a root, what we read is current. A root that moved while we waited for its lock
  // (merged away or deleted) means: re-read the neighbourhood and lock the roots it names now.
  const attempted = new Set<string>();
  const loaded = new Map<string, ComponentRow>();
  const absorb = (rows: ComponentRow[], requested: string[]): void => {
    for (const root of requested) attempted.add(root);
    for (const row of rows) if (row.stillRoot) loaded.set(row.root, row);
  };
  absorb(first.get("components") as ComponentRow[], rootsOf(neighbourhood));
  for (;;) {
    let missing = rootsOf(neighbourhood).filter((root) => !loaded.has(root));
    if (missing.length === 0) break;
    if (missing.some((root) => attempted.has(root))) {
      const result = await tx.run(READ_NEIGHBOURHOOD, { space, deviceIds, identifiers });
      neighbourhood = result.records[0]?.toObject() as NeighbourhoodRow;
      missing = rootsOf(neighbourhood).filter((root) => !loaded.has(root));
      if (missing.length === 0) break;
      const again = missing.find((root) => attempted.has(root));
      if (again !== undefined) throw new Error(`profile ${again} was locked but is not a root, and is still referenced as one`);
    }
    missing.sort();
    const result = await tx.run(LOCK_AND_LOAD, { space, roots: missing });
    absorb(
      result.records.map((record) => record.get("component") as ComponentRow),
      missing,
    );
  }

  // A node the lock found but another transaction deleted (an admin demerge or delete) before we
  // held it: start over, as Neo4j does for a deadlock, so the retry sees the graph after it.
  const seenDevices = new Set(neighbourhood.devices.map((device) => device.id));
  const seenIdentifiers = new Set(neighbourhood.identifiers.map(identifierKey));
  const gone =
    deviceIds.find((id) => !seenDevices.has(id)) ??
    identifiers.map(identifierKey).find((key) => !seenIdentifiers.has(key)) ??
    lockedMessages.find(({ messageId, id }) => id !== messageId)?.messageId;
  if (gone !== undefined) {
    throw new Neo4jError(
      `${gone.replace("\u0000", ":")} was deleted while this batch waited for it; retry`,
      "Neo.TransientError.Transaction.Outdated",
      "50N00",
      "",
    );
  }

  const components = rootsOf(neighbourhood).map((root) => loaded.get(root) as ComponentRow);
  const snapshot = Snapshot.from({
    components: components.map(toComponent),
    identifierLinks: neighbourhood.identifiers.map(({ type, value, profileIds }) => ({ identifier: { type, value }, profileIds })),
    devices: neighbourhood.devices
      .filter((device) => device.current !== null)
      .map((device) => ({ id: device.id, current: device.current as string, profileIds: new Set(device.profileIds) })),
    messages,
  });
  const elements: Elements = {
    devices: new Map(neighbourhood.devices.map((device) => [device.id, device.element])),
    identifiers: new Map(neighbourhood.identifiers.map((identifier) => [identifierKey(identifier), identifier.element])),
    messages: new Map(lockedMessages.map(({ messageId, element }) => [messageId, element])),
    profileIds: new Map(
      components.flatMap((component) =>
        component.profileIds.map((profileId, index) => [profileId, component.elements[index] as string] as const),
      ),
    ),
  };
  return { snapshot, elements };
}

// The writes of a plan, each over a list, in the order the rules made them. They run as the
// parts of one statement (one round trip); an empty list makes its part a no-op. Nodes the read
// side locked are reached by element id and nodes made here by their place in `created` or
// `audits`, so no write goes through an index again.
const CREATE_PROFILE_IDS = `
  UNWIND $creates AS c
  CREATE (p:ProfileId {space: $space, id: c.profileId, profile: c.profileId, createdAt: c.at})
  RETURN collect(p) AS created`;

const ADD_DEVICE_PROFILE_IDS = `
  UNWIND $owners AS row
  MATCH (d) WHERE elementId(d) = row.device
  WITH d, row, created[row.profile] AS p
  CREATE (d)-[:HAS_PROFILE_ID {at: row.at}]->(p)`;

const TOUCH_DEVICES = `
  UNWIND $touches AS row
  MATCH (d) WHERE elementId(d) = row.device
  SET d.firstSeenAt = CASE WHEN d.firstSeenAt IS NULL OR row.first < d.firstSeenAt THEN row.first ELSE d.firstSeenAt END,
      d.lastSeenAt = CASE WHEN d.lastSeenAt IS NULL OR row.last > d.lastSeenAt THEN row.last ELSE d.lastSeenAt END`;

/** A part that needs the ProfileId `p` of each row: once for profile ids read, once for those created here. */
const withProfile = (list: string, before: string, after: string): string[] => [
  `
  UNWIND $${list}.existing AS row${before}
  MATCH (p) WHERE elementId(p) = row.profile${after}`,
  `
  UNWIND $${list}.created AS row${before}
  WITH *, created[row.profile] AS p${after}`,
];

const LINK_IDENTIFIERS = withProfile(
  "links",
  `
  MATCH (i) WHERE elementId(i) = row.identifier`,
  `
  CREATE (i)-[:IDENTIFIES {at: row.at, auditId: row.auditId}]->(p)`,
);

const SET_CURRENT = withProfile(
  "currents",
  `
  MATCH (d) WHERE elementId(d) = row.device`,
  `
  OPTIONAL MATCH (d)-[old:CURRENT]->()
  DELETE old
  WITH DISTINCT d, p
  CREATE (d)-[:CURRENT]->(p)`,
);

const REROOT = withProfile(
  "reroots",
  "",
  `
  SET p.profile = row.root`,
);

const CREATE_AUDITS = `
  UNWIND $entries AS e
  CREATE (a:AuditEntry {space: $space, id: e.id, at: e.at, action: e.action, actor: $actor, reason: e.reason,
                        profileIds: e.profileIds, identifiers: e.identifiers, deviceIds: e.deviceIds,
                        messageId: e.messageId, causedBy: e.causedBy})
  RETURN collect(a) AS audits`;

const AUDITS_ABOUT = withProfile(
  "about",
  `
  WITH *, audits[row.entry] AS a`,
  `
  CREATE (a)-[:ABOUT]->(p)`,
);

/** Audit entries on their own, for other stores' operations: `$entries` are auditRow()s. */
export const CREATE_AUDIT_ENTRIES = `
UNWIND $entries AS e
CREATE (a:AuditEntry {space: $space, id: e.id, at: e.at, action: e.action, actor: $actor, reason: e.reason,
                      profileIds: e.profileIds, identifiers: e.identifiers, deviceIds: e.deviceIds,
                      messageId: e.messageId, causedBy: e.causedBy})
WITH a, e
UNWIND e.profileIds AS profileId
WITH DISTINCT a, profileId
MATCH (p:ProfileId {space: $space, id: profileId})
CREATE (a)-[:ABOUT]->(p)`;

const SAVE_RECEIPTS = `
  UNWIND $receipts AS row
  MATCH (m) WHERE elementId(m) = row.message
  SET m.answer = row.answer, m.profileId = row.profileId, m.at = row.at`;

// The lock MERGEs created an Identifier or Message for every one in the batch: drop those that
// ended up unused (an identifier refused everywhere, a message with no answer).
const DROP_UNUSED_IDENTIFIERS = `
  UNWIND $unusedIdentifiers AS identifier
  MATCH (i:Identifier {space: $space, type: identifier.type, value: identifier.value})
  WHERE NOT (i)-[:IDENTIFIES]->()
  DELETE i`;

const DROP_UNUSED_MESSAGES = `
  UNWIND $unusedMessageIds AS messageId
  MATCH (m:Message {space: $space, id: messageId})
  WHERE m.answer IS NULL
  DELETE m`;

// A device named only by a repeated messageId (rule 8) was created by the lock and must go again.
const DROP_UNUSED_DEVICES = `
  UNWIND $unusedDeviceIds AS deviceId
  MATCH (d:Device {space: $space, id: deviceId})
  WHERE NOT (d)-[:HAS_PROFILE_ID]->()
  DETACH DELETE d`;

const APPLY_PLAN = `${[
  CREATE_PROFILE_IDS,
  ADD_DEVICE_PROFILE_IDS,
  TOUCH_DEVICES,
  ...LINK_IDENTIFIERS,
  ...SET_CURRENT,
  ...REROOT,
  CREATE_AUDITS,
  ...AUDITS_ABOUT,
  SAVE_RECEIPTS,
  DROP_UNUSED_IDENTIFIERS,
  DROP_UNUSED_MESSAGES,
  DROP_UNUSED_DEVICES,
]
  .map((part) => `CALL (*) {${part}\n}`)
  .join("\n")}
RETURN [p IN created | p.id] = [c IN $creates | c.profileId] AND [a IN audits | a.id] = [e IN $entries | e.id] AS inOrder`;

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

/** Rows of a part that needs a ProfileId, split by how it is reached: element id (read) or place in `created`. */
interface ProfileRows {
  existing: Array<Record<string, unknown>>;
  created: Array<Record<string, unknown>>;
}

async function applySteps(
  tx: ManagedTransaction,
  context: ResolveContext,
  steps: Step[],
  snapshot: Snapshot,
  elements: Elements,
  keys: BatchKeys,
): Promise<void> {
  const { space, actor } = context;
  const creates: Array<{ profileId: string; at: string }> = [];
  const createdAt = new Map<string, number>();
  const owners: Array<Record<string, unknown>> = [];
  const touches = new Map<string, { device: string; first: string; last: string }>();
  const links: Array<{ profileId: string; row: Record<string, unknown> }> = [];
  const currents = new Map<string, string>();
  const entries: Array<Record<string, unknown>> = [];
  const about: Array<{ profileId: string; row: Record<string, unknown> }> = [];
  const receipts: Array<Record<string, unknown>> = [];
  const element = (map: Map<string, string>, key: string, what: string): string => {
    const found = map.get(key);
    if (found === undefined) throw new Error(`the batch writes ${what} ${key}, which it did not read`);
    return found;
  };
  for (const step of steps) {
    switch (step.kind) {
      case "createProfileId": {
        const at = step.at.toISOString();
        createdAt.set(step.profileId, creates.length);
        if (step.deviceId !== undefined)
          owners.push({ device: element(elements.devices, step.deviceId, "device"), profile: int(creates.length), at });
        creates.push({ profileId: step.profileId, at });
        break;
      }
      case "touchDevice": {
        const at = step.at.toISOString();
        const touch = touches.get(step.deviceId);
        if (!touch) touches.set(step.deviceId, { device: element(elements.devices, step.deviceId, "device"), first: at, last: at });
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
        links.push({
          profileId: step.profileId,
          row: {
            identifier: element(elements.identifiers, identifierKey(step.identifier), "identifier"),
            auditId: step.auditId,
            at: step.at.toISOString(),
          },
        });
        break;
      case "audit": {
        const entry = entries.length;
        entries.push(auditRow(step.entry));
        for (const profileId of new Set(step.entry.profileIds)) about.push({ profileId, row: { entry: int(entry) } });
        break;
      }
      case "receipt":
        receipts.push({
          message: element(elements.messages, step.messageId, "message"),
          answer: JSON.stringify(step.resolution),
          profileId: step.resolution.assignedProfileId,
          at: step.at.toISOString(),
        });
        break;
    }
  }
  const byProfile = (rows: Array<{ profileId: string; row: Record<string, unknown> }>): ProfileRows => {
    const split: ProfileRows = { existing: [], created: [] };
    for (const { profileId, row } of rows) {
      const index = createdAt.get(profileId);
      if (index !== undefined) split.created.push({ ...row, profile: int(index) });
      else split.existing.push({ ...row, profile: element(elements.profileIds, profileId, "profile id") });
    }
    return split;
  };
  const reroots = [...snapshot.rerooted].map((profileId) => ({ profileId, row: { root: snapshot.rootOf.get(profileId) } }));
  // Only what may be unused is checked: identifiers the batch left with no link, messageIds with no
  // answer, devices with no profile id.
  const unusedIdentifiers = keys.identifiers.filter(
    (identifier) => !(snapshot.identifierLinks.get(identifierKey(identifier))?.profileIds.size ?? 0),
  );
  const unusedMessageIds = keys.messageIds.filter((messageId) => !snapshot.messages.has(messageId));
  const unusedDeviceIds = keys.deviceIds.filter((deviceId) => !snapshot.devices.has(deviceId));
  const result = await tx.run(APPLY_PLAN, {
    space,
    actor,
    creates,
    owners,
    touches: [...touches.values()],
    links: byProfile(links),
    currents: byProfile(
      [...currents].map(([deviceId, profileId]) => ({ profileId, row: { device: element(elements.devices, deviceId, "device") } })),
    ),
    reroots: byProfile(reroots),
    entries,
    about: byProfile(about),
    receipts,
    unusedIdentifiers,
    unusedMessageIds,
    unusedDeviceIds,
  });
  // collect() keeps row order; checked so a change in that would fail loudly, never misattribute.
  if (result.records[0]?.get("inOrder") !== true) throw new Error("created nodes came back out of order; nothing was written");
}
