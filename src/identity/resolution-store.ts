// Observations through the persistence core: in one write transaction, lock what a batch touches
// (locks.ts), load its snapshot, let the rules decide each observation in order, and write the plan.
import type { ManagedTransaction } from "neo4j-driver";
import { type Executor, LockedNodeVanished } from "../neo4j/executor.js";
import { newId, writeAuditEntries } from "../persistence/audit.js";
import { asComponent, loadProfiles, type StoredProfile } from "../persistence/components.js";
import { type LockedMessage, lockInOrder, lockOrder } from "../persistence/locks.js";
import { fields, list, obj, str } from "../persistence/rows.js";
import { statement } from "../persistence/statements.js";
import { dropUnlinkedIdentifiers, setCurrent, setRoots } from "../persistence/writes.js";
import type { AuditDraft, DecideContext, Plan, Step } from "../rules/decide.js";
import { decideBatch, isUnchanging } from "../rules/batch.js";
import { type Identifier, identifierKey, type Observation, type Resolution } from "../rules/model.js";
import type { IdentityRules } from "../rules/rules-config.js";
import { type Component, Snapshot } from "../rules/snapshot.js";
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
const RECORD_UNCHANGING = statement("resolution/record-unchanging");

/** Where observations came in: the metrics count them by it. */
export type ObservationSource = "graphql" | "segment" | "mixpanel" | "posthog" | "cli";

export interface ResolveContext {
  space: string;
  actor: string;
  /** Where the observations came in (graphql when absent). */
  source?: ObservationSource;
}

/** A profile id the neighbourhood names, with its profile (root) and whether an admin waived that profile's limits. */
interface Member {
  id: string;
  root: string;
  waived: boolean;
}

/** A batch's devices and identifiers as read-neighbourhood.cypher returns them. */
interface Neighbourhood {
  devices: Array<{ id: string; current: string | null; members: Member[]; row: Record<string, unknown> }>;
  identifiers: Array<{ type: string; value: string; members: Member[] }>;
  /** Timeline places of the batch's answered messageIds (rule 10). */
  places: Map<string, StoredPlace>;
}

const members = (value: unknown, what: string): Member[] =>
  list(value, what, (entry, where) => {
    const member = obj(entry, where);
    return { id: str(member["id"], `${where}.id`), root: str(member["root"], `${where}.root`), waived: member["waived"] === true };
  });

function decodeNeighbourhood(row: Record<string, unknown>): Neighbourhood {
  return {
    devices: list(row["devices"], "devices", (entry, what) => {
      const device = obj(entry, what);
      return {
        id: str(device["id"], `${what}.id`),
        current: typeof device["current"] === "string" ? device["current"] : null,
        members: members(device["members"], `${what}.members`),
        row: device,
      };
    }),
    identifiers: list(row["identifiers"], "identifiers", (entry, what) => {
      const identifier = obj(entry, what);
      return {
        type: str(identifier["type"], `${what}.type`),
        value: str(identifier["value"], `${what}.value`),
        members: members(identifier["members"], `${what}.members`),
      };
    }),
    places: decodePlaces(row["places"]),
  };
}

export interface ResolutionStoreOptions {
  /**
   * Load every profile a batch touches whole, as before the fast path (tests compare the two).
   * Off by default: observations that change nothing are decided on the neighbourhood alone.
   */
  wholeProfiles?: boolean;
}

/**
 * Work a caller does inside a batch's write transaction (the SDK endpoints: which ids are known
 * user ids, read under lock): `observations` runs first, before the store locks anything, and its
 * answer is the batch; `finish` runs last, before the commit.
 */
export interface BatchPreparation {
  observations(tx: ManagedTransaction): Promise<Observation[]>;
  finish?(tx: ManagedTransaction): Promise<void>;
}

export class ResolutionStore {
  constructor(
    private readonly executor: Executor,
    private readonly rules: IdentityRules,
    private readonly options: ResolutionStoreOptions = {},
  ) {}

  /** Resolves observations in their order, in one transaction: all are applied, or none. */
  async resolveBatch(given: Observation[], context: ResolveContext, preparation?: BatchPreparation): Promise<Resolution[]> {
    if (given.length === 0 && !preparation) return [];
    return this.executor.write({ operation: "resolveBatch", space: context.space }, async (tx) => {
      const observations = preparation ? await preparation.observations(tx) : given;
      if (observations.length === 0) {
        await preparation?.finish?.(tx);
        return [];
      }
      const keys = lockOrder({
        deviceIds: observations.flatMap((o) => (o.deviceId === undefined ? [] : [o.deviceId])),
        identifiers: observations.flatMap((o) => o.identifiers),
        messageIds: observations.flatMap((o) => (o.messageId === undefined ? [] : [o.messageId])),
      });
      const decideContext: DecideContext = { rules: this.rules, newId, actor: context.actor };
      const { snapshot, before, plans } = await decide(tx, context.space, keys, observations, decideContext, this.options);
      const steps = plans.flatMap((plan) => plan.steps);
      // The fast path: a batch that changes nothing (and created nothing it leaves unused) is one statement.
      if (plans.every(isUnchanging) && unusedOf(keys, snapshot).none) await applyUnchanging(tx, context.space, steps, snapshot);
      else {
        const planned: ObservationSteps[] = plans.map((plan, index) => ({ deviceId: observations[index]?.deviceId, steps: plan.steps }));
        const changes = observationChanges(before, planned, { newId, at: new Date() }); // change feed
        await applyPlan(tx, context, steps, snapshot, keys, changes);
      }
      await preparation?.finish?.(tx);
      return plans.map((plan) => plan.resolution);
    });
  }
}

type BatchKeys = ReturnType<typeof lockOrder>;

const rootsOf = (neighbourhood: Neighbourhood): string[] => [
  ...new Set([...neighbourhood.devices, ...neighbourhood.identifiers].flatMap((entry) => entry.members.map((member) => member.root))),
];

type Moments = ReturnType<typeof timelineMoments>;

async function readNeighbourhood(tx: ManagedTransaction, space: string, keys: BatchKeys, moments: Moments): Promise<Neighbourhood> {
  const parameters = { space, deviceIds: keys.deviceIds, identifiers: keys.identifiers, messageIds: keys.messageIds, moments };
  const record = (await tx.run(READ_NEIGHBOURHOOD, parameters)).records[0];
  if (!record) throw new Error("read-neighbourhood returned no row");
  return decodeNeighbourhood(fields(record));
}

/**
 * Locks the batch's devices, identifiers and messageIds (creating the new ones) and reads what
 * they belong to; then decides the batch (src/rules/batch.ts), locking and loading whole the
 * profiles the rules ask for, until they decide it. A batch of observations that change nothing
 * locks no profile and loads none: the rules decide it on the neighbourhood.
 */
async function decide(
  tx: ManagedTransaction,
  space: string,
  keys: BatchKeys,
  observations: readonly Observation[],
  context: DecideContext,
  options: ResolutionStoreOptions,
): Promise<{ snapshot: Snapshot; before: Map<string, string[]>; plans: Plan[] }> {
  const moments = timelineMoments(observations);
  // Sent together (one round trip); Neo4j runs them in order, so the read sees what the lock created.
  const [lockedMessages, read] = await Promise.all([
    lockInOrder(tx, space, keys, { create: true }),
    readNeighbourhood(tx, space, keys, moments),
  ]);
  let neighbourhood = read;
  checkNothingVanished(neighbourhood, keys, lockedMessages);

  // Writers hold a profile's root lock while they change it: once a root we read is locked and
  // still a root, its profile as loaded is current. A root that moved while we waited for its lock
  // (merged away or deleted) means: re-read the neighbourhood and lock the roots it names now.
  const locked = new Set<string>();
  const loaded = new Map<string, StoredProfile>();
  let reread = false;
  for (;;) {
    // Without the fast path, every profile the neighbourhood names is loaded whole first.
    let needs = options.wholeProfiles ? rootsOf(neighbourhood).filter((root) => !loaded.has(root)) : [];
    let decided: { snapshot: Snapshot; before: Map<string, string[]>; plans: Plan[] } | undefined;
    if (needs.length === 0) {
      const snapshot = snapshotOf(neighbourhood, loaded, lockedMessages);
      const before = profilesBefore(snapshot.components.values()); // change feed
      const decision = decideBatch(snapshot, observations, context);
      if ("plans" in decision) decided = { snapshot, before, plans: decision.plans };
      else needs = decision.needs.filter((root) => !loaded.has(root));
    }
    if (decided) return decided;
    if (needs.length === 0) throw new Error("the rules asked for profiles that are already loaded");
    if (needs.some((root) => locked.has(root))) {
      const again = needs.find((root) => locked.has(root));
      if (reread) throw new Error(`profile ${again} was locked but is not a root, and is still referenced as one`);
      neighbourhood = await readNeighbourhood(tx, space, keys, moments);
      reread = true;
      continue;
    }
    reread = false;
    // The lock, then the load, in one round trip: Neo4j runs the load once the locks are granted.
    const [, profiles] = await Promise.all([lockInOrder(tx, space, { roots: needs }), loadProfiles(tx, space, { roots: needs })]);
    for (const root of needs) locked.add(root);
    for (const profile of profiles) loaded.set(profile.root, profile);
  }
}

/**
 * A node the lock found but another transaction deleted (an admin demerge or delete) before we
 * held it: start over, so the retry sees the graph after that transaction.
 */
function checkNothingVanished(neighbourhood: Neighbourhood, keys: BatchKeys, lockedMessages: LockedMessage[]): void {
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
}

/**
 * The snapshot the rules decide on: the loaded profiles whole (their roots locked), every other
 * profile the neighbourhood names only as far as it shows it (partial: the rules decide on those
 * only observations that change nothing). A profile id a loaded profile holds is that profile's,
 * whatever root the neighbourhood read for it before the lock.
 */
function snapshotOf(neighbourhood: Neighbourhood, loaded: Map<string, StoredProfile>, lockedMessages: LockedMessage[]): Snapshot {
  const rootOf = new Map<string, string>();
  for (const profile of loaded.values()) for (const profileId of profile.profileIds) rootOf.set(profileId, profile.root);
  const partial = new Map<string, Component>();
  const waived = new Set<string>();
  const partOf = (member: Member, device: string | undefined, identifier: Identifier | undefined): void => {
    if (rootOf.has(member.id)) return;
    // Our devices and identifiers are locked, so their profiles cannot split under us: a profile id
    // leaves a root we loaded only if that root merged away, and then it did not load.
    if (loaded.has(member.root))
      throw new LockedNodeVanished(`profile id ${member.id} left profile ${member.root} while this batch read it`);
    const component = partial.get(member.root) ?? { root: member.root, profileIds: new Set(), identifiers: new Map(), devices: new Set() };
    partial.set(member.root, component);
    component.profileIds.add(member.id);
    if (device !== undefined) component.devices.add(device);
    if (identifier !== undefined) component.identifiers.set(identifierKey(identifier), identifier);
    if (member.waived) waived.add(member.root);
  };
  for (const device of neighbourhood.devices) for (const member of device.members) partOf(member, device.id, undefined);
  for (const { type, value, members } of neighbourhood.identifiers)
    for (const member of members) partOf(member, undefined, { type, value });
  return Snapshot.from({
    components: [...[...loaded.values()].map(asComponent), ...partial.values()],
    partialRoots: partial.keys(),
    waivedRoots: waived,
    identifierLinks: neighbourhood.identifiers.map(({ type, value, members }) => ({
      identifier: { type, value },
      profileIds: members.map((member) => member.id),
    })),
    devices: neighbourhood.devices
      .filter((device) => device.current !== null)
      .map((device, index) => ({
        id: device.id,
        current: device.current as string,
        profileIds: new Set(device.members.map((member) => member.id)),
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

/** A batch's steps as the rows its statements write, by kind. */
function rowsOf(steps: readonly Step[], snapshot: Snapshot) {
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
  return { creates, touches: [...touches.values()], links, currents, audits, receipts, timeline };
}

/**
 * What the batch's lock created and left unused: identifiers with no link, messageIds with no
 * answer, devices with no profile id (a repeated messageId from a new device, say).
 */
function unusedOf(keys: BatchKeys, snapshot: Snapshot) {
  const unusedIdentifiers: Identifier[] = keys.identifiers.filter(
    (identifier) => !(snapshot.identifierLinks.get(identifierKey(identifier))?.profileIds.size ?? 0),
  );
  const unusedMessageIds = keys.messageIds.filter((messageId) => !snapshot.messages.has(messageId));
  const unusedDeviceIds = keys.deviceIds.filter((deviceId) => !snapshot.devices.has(deviceId));
  const none = unusedIdentifiers.length + unusedMessageIds.length + unusedDeviceIds.length === 0;
  return { unusedIdentifiers, unusedMessageIds, unusedDeviceIds, none };
}

/** Writes a batch of observations that change nothing (src/rules/batch.ts): one statement. */
async function applyUnchanging(tx: ManagedTransaction, space: string, steps: readonly Step[], snapshot: Snapshot): Promise<void> {
  const { touches, receipts, timeline } = rowsOf(steps, snapshot);
  if (touches.length + receipts.length + timeline.cuts.length + timeline.stretches.length === 0) return;
  await tx.run(RECORD_UNCHANGING, { space, touches, cuts: timeline.cuts, stretches: timeline.stretches, receipts });
}

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
  const { creates, touches, links, currents, audits, receipts, timeline } = rowsOf(steps, snapshot);
  const { unusedIdentifiers, unusedMessageIds, unusedDeviceIds } = unusedOf(keys, snapshot);
  const reroots = [...snapshot.rerooted].map((profileId) => ({ profileId, root: snapshot.rootOf.get(profileId) as string }));

  const run = (cypher: string, rows: unknown[], parameters: Record<string, unknown>): Promise<unknown> | undefined =>
    rows.length > 0 ? tx.run(cypher, { space, ...parameters }) : undefined;
  // Started in this order, without waiting in between: one round trip, run by Neo4j in this order.
  const writes = [
    run(CREATE_PROFILE_IDS, creates, { creates }),
    run(TOUCH_DEVICES, touches, { touches }),
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
