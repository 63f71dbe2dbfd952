// Observations through the persistence core: in one write transaction, lock what a batch touches
// (locks.ts), load its snapshot, let the rules decide each observation in order, and write the plan.
import type { ManagedTransaction } from "neo4j-driver";
import { type Executor, LockedNodeVanished } from "../neo4j/executor.js";
import { newId, writeAuditEntries } from "../persistence/audit.js";
import { asComponent, loadProfiles, type StoredProfile } from "../persistence/components.js";
import { type LockedMessage, lockInOrder, lockOrder } from "../persistence/locks.js";
import { fields, list, obj, str, strList } from "../persistence/rows.js";
import { statement } from "../persistence/statements.js";
import { dropUnlinkedIdentifiers, setCurrent, setRoots } from "../persistence/writes.js";
import { type AuditDraft, advance, type DecideContext, type Step } from "../rules/decide.js";
import { type Identifier, identifierKey, type Observation, type Resolution } from "../rules/model.js";
import type { IdentityRules } from "../rules/rules-config.js";
import { Snapshot } from "../rules/snapshot.js";
import { type ChangeDraft, type ObservationSteps, observationChanges, profilesBefore } from "../feed/changes.js";
import { recordChanges } from "../feed/outbox.js";
import {
  currentAnswer,
  decodePlaces,
  decodeTimeline,
  placeRow,
  type StoredPlace,
  timelineMoments,
  timelineWrites,
} from "../timeline/timeline-rows.js";

const READ_NEIGHBOURHOOD = statement("resolution/read-neighbourhood");
const CREATE_PROFILE_IDS = statement("resolution/create-profile-ids");
const TOUCH_DEVICES = statement("resolution/touch-devices");
const LINK_IDENTIFIERS = statement("resolution/link-identifiers");
const SAVE_RECEIPTS = statement("resolution/save-receipts");
const DROP_UNUSED = statement("resolution/drop-unused");
const OPEN_TIMELINES = statement("timeline/open-timelines");
const START_STRETCHES = statement("timeline/start-stretches");
const MOVE_RECEIPTS = statement("timeline/move-receipts");

/** Where observations came in: the metrics count them by it. */
export type ObservationSource = "graphql" | "segment" | "mixpanel" | "posthog" | "cli";

export interface ResolveContext {
  space: string;
  actor: string;
  /** Where the observations came in (graphql when absent). */
  source?: ObservationSource;
}

/** A batch's devices and identifiers as read-neighbourhood.cypher returns them. */
interface Neighbourhood {
  devices: Array<{ id: string; current: string | null; profileIds: string[]; roots: string[]; row: Record<string, unknown> }>;
  identifiers: Array<{ type: string; value: string; profileIds: string[]; roots: string[] }>;
  /** Timeline places of the batch's answered messageIds (rule 10). */
  places: Map<string, StoredPlace>;
}

function decodeNeighbourhood(row: Record<string, unknown>): Neighbourhood {
  return {
    devices: list(row["devices"], "devices", (entry, what) => {
      const device = obj(entry, what);
      return {
        id: str(device["id"], `${what}.id`),
        current: typeof device["current"] === "string" ? device["current"] : null,
        profileIds: strList(device["profileIds"], `${what}.profileIds`),
        roots: strList(device["roots"], `${what}.roots`),
        row: device,
      };
    }),
    identifiers: list(row["identifiers"], "identifiers", (entry, what) => {
      const identifier = obj(entry, what);
      return {
        type: str(identifier["type"], `${what}.type`),
        value: str(identifier["value"], `${what}.value`),
        profileIds: strList(identifier["profileIds"], `${what}.profileIds`),
        roots: strList(identifier["roots"], `${what}.roots`),
      };
    }),
    places: decodePlaces(row["places"]),
  };
}

export class ResolutionStore {
  constructor(
    private readonly executor: Executor,
    private readonly rules: IdentityRules,
  ) {}

  /** Resolves observations in their order, in one transaction: all are applied, or none. */
  async resolveBatch(observations: Observation[], context: ResolveContext): Promise<Resolution[]> {
    if (observations.length === 0) return [];
    return this.executor.write({ operation: "resolveBatch", space: context.space }, async (tx) => {
      const keys = lockOrder({
        deviceIds: observations.flatMap((o) => (o.deviceId === undefined ? [] : [o.deviceId])),
        identifiers: observations.flatMap((o) => o.identifiers),
        messageIds: observations.flatMap((o) => (o.messageId === undefined ? [] : [o.messageId])),
      });
      const snapshot = await loadSnapshot(tx, context.space, keys, timelineMoments(observations));
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
      const changes = observationChanges(before, planned, { newId, at: new Date() }); // change feed
      await applyPlan(tx, context, steps, snapshot, keys, changes);
      return resolutions;
    });
  }
}

type BatchKeys = ReturnType<typeof lockOrder>;

const rootsOf = (neighbourhood: Neighbourhood): string[] => [
  ...new Set([...neighbourhood.devices.flatMap((d) => d.roots), ...neighbourhood.identifiers.flatMap((i) => i.roots)]),
];

type Moments = ReturnType<typeof timelineMoments>;

async function readNeighbourhood(tx: ManagedTransaction, space: string, keys: BatchKeys, moments: Moments): Promise<Neighbourhood> {
  const parameters = { space, deviceIds: keys.deviceIds, identifiers: keys.identifiers, messageIds: keys.messageIds, moments };
  const record = (await tx.run(READ_NEIGHBOURHOOD, parameters)).records[0];
  if (!record) throw new Error("read-neighbourhood returned no row");
  return decodeNeighbourhood(fields(record));
}

/**
 * Locks the batch's devices, identifiers and messageIds (creating the new ones), reads what they
 * belong to, then locks those profiles' roots and loads them: the snapshot the rules decide on.
 */
async function loadSnapshot(tx: ManagedTransaction, space: string, keys: BatchKeys, moments: Moments): Promise<Snapshot> {
  const lockedMessages = await lockInOrder(tx, space, keys, { create: true });
  let neighbourhood = await readNeighbourhood(tx, space, keys, moments);

  // Writers hold a profile's root lock while they change it: once every root we read is locked
  // and still a root, what we read is current. A root that moved while we waited for its lock
  // (merged away or deleted) means: re-read the neighbourhood and lock the roots it names now.
  const locked = new Set<string>();
  const loaded = new Map<string, StoredProfile>();
  for (;;) {
    let missing = rootsOf(neighbourhood).filter((root) => !loaded.has(root));
    if (missing.length === 0) break;
    if (missing.some((root) => locked.has(root))) {
      neighbourhood = await readNeighbourhood(tx, space, keys, moments);
      missing = rootsOf(neighbourhood).filter((root) => !loaded.has(root));
      if (missing.length === 0) break;
      const again = missing.find((root) => locked.has(root));
      if (again !== undefined) throw new Error(`profile ${again} was locked but is not a root, and is still referenced as one`);
    }
    await lockInOrder(tx, space, { roots: missing });
    for (const root of missing) locked.add(root);
    for (const profile of await loadProfiles(tx, space, { roots: missing })) loaded.set(profile.root, profile);
  }

  // A node the lock found but another transaction deleted (an admin demerge or delete) before we
  // held it: start over, so the retry sees the graph after that transaction.
  const seenDevices = new Set(neighbourhood.devices.map((device) => device.id));
  const seenIdentifiers = new Set(neighbourhood.identifiers.map(identifierKey));
  const gone =
    keys.deviceIds.find((id) => !seenDevices.has(id)) ??
    keys.identifiers
      .map(identifierKey)
      .find((key) => !seenIdentifiers.has(key))
      ?.replace("\u0000", ":") ??
    lockedMessages.find(({ messageId, id }) => id !== messageId)?.messageId;
  if (gone !== undefined) throw new LockedNodeVanished(`${gone} was deleted while this batch waited for it`);

  return Snapshot.from({
    components: rootsOf(neighbourhood).map((root) => asComponent(loaded.get(root) as StoredProfile)),
    identifierLinks: neighbourhood.identifiers.map(({ type, value, profileIds }) => ({ identifier: { type, value }, profileIds })),
    devices: neighbourhood.devices
      .filter((device) => device.current !== null)
      .map((device, index) => ({
        id: device.id,
        current: device.current as string,
        profileIds: new Set(device.profileIds),
        timeline: decodeTimeline(device.row, device.current as string, `devices[${index}]`),
      })),
    messages: answeredMessages(lockedMessages, neighbourhood.places),
    timelines: true,
  });
}

/** Answers given before, as they stand now (rule 10: a moved stretch takes its receipts along), with their timeline places. */
const answeredMessages = (messages: LockedMessage[], places: Map<string, StoredPlace>) =>
  messages.flatMap(({ messageId, answer }) => {
    if (answer === null) return [];
    const stored = places.get(messageId);
    return [{ messageId, resolution: currentAnswer(JSON.parse(answer) as Resolution, stored), place: stored?.place }];
  });

/**
 * Writes a plan's steps. Each kind of write is one statement over a list, sent in the order the
 * rules need (profile ids exist before anything links to them) and pipelined in one round trip:
 * the driver sends them together and Neo4j runs them in order.
 */
async function applyPlan(
  tx: ManagedTransaction,
  context: ResolveContext,
  steps: Step[],
  snapshot: Snapshot,
  keys: BatchKeys,
  changes: ChangeDraft[],
): Promise<void> {
  const { space } = context;
  const creates: Array<{ profileId: string; deviceId: string | null; at: string }> = [];
  const touches = new Map<string, { deviceId: string; first: string; last: string } & Record<string, unknown>>();
  const links: Array<{ type: string; value: string; profileId: string; auditId: string; at: string }> = [];
  const currents = new Map<string, string>();
  const audits: AuditDraft[] = [];
  const receipts: Array<Record<string, unknown>> = [];
  const timeline = timelineWrites(steps, snapshot);
  for (const step of steps) {
    switch (step.kind) {
      case "createProfileId":
        creates.push({ profileId: step.profileId, deviceId: step.deviceId ?? null, at: step.at.toISOString() });
        break;
      case "touchDevice": {
        const at = step.at.toISOString();
        const touch = touches.get(step.deviceId);
        if (!touch) touches.set(step.deviceId, { deviceId: step.deviceId, first: at, last: at, ...timeline.counters(step.deviceId) });
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
        audits.push(step.entry);
        break;
      case "receipt": {
        // The answer as it stands after the batch: a later observation of it may have moved its stretch (rule 10).
        const answer = snapshot.messages.get(step.messageId) ?? step.resolution;
        receipts.push({
          messageId: step.messageId,
          answer: JSON.stringify(answer),
          profileId: answer.assignedProfileId,
          at: step.at.toISOString(),
          ...placeRow(step.place),
        });
        break;
      }
    }
  }
  // Only what may be unused is checked: identifiers the batch left with no link, messageIds with
  // no answer, devices with no profile id.
  const unusedIdentifiers: Identifier[] = keys.identifiers.filter(
    (identifier) => !(snapshot.identifierLinks.get(identifierKey(identifier))?.profileIds.size ?? 0),
  );
  const unusedMessageIds = keys.messageIds.filter((messageId) => !snapshot.messages.has(messageId));
  const unusedDeviceIds = keys.deviceIds.filter((deviceId) => !snapshot.devices.has(deviceId));
  const reroots = [...snapshot.rerooted].map((profileId) => ({ profileId, root: snapshot.rootOf.get(profileId) as string }));

  const run = (cypher: string, rows: unknown[], parameters: Record<string, unknown>): Promise<unknown> | undefined =>
    rows.length > 0 ? tx.run(cypher, { space, ...parameters }) : undefined;
  // Started in this order, without waiting in between: one round trip, run by Neo4j in this order.
  const writes = [
    run(CREATE_PROFILE_IDS, creates, { creates }),
    run(TOUCH_DEVICES, [...touches.values()], { touches: [...touches.values()] }),
    run(LINK_IDENTIFIERS, links, { links }),
    run(OPEN_TIMELINES, timeline.opens, { opens: timeline.opens }),
    run(START_STRETCHES, [...timeline.cuts, ...timeline.stretches], { cuts: timeline.cuts, stretches: timeline.stretches }),
    run(MOVE_RECEIPTS, timeline.moves, { moves: timeline.moves }),
    setCurrent(
      tx,
      space,
      [...currents].map(([deviceId, profileId]) => ({ deviceId, profileId })),
    ),
    setRoots(tx, space, reroots),
    writeAuditEntries(tx, space, context.actor, audits),
    run(SAVE_RECEIPTS, receipts, { receipts }),
    dropUnlinkedIdentifiers(tx, space, unusedIdentifiers),
    run(DROP_UNUSED, [...unusedMessageIds, ...unusedDeviceIds], { messageIds: unusedMessageIds, deviceIds: unusedDeviceIds }),
    // change feed (src/feed/): the batch's outbox entries, last, in the same transaction.
    recordChanges(tx, space, changes),
  ];
  await Promise.all(writes);
}
