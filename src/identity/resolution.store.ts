// Observations through the persistence core: in one write transaction, lock what a batch touches
// (locks.ts), load its snapshot, let the rules decide each observation in order, and write the plan.
import type { ManagedTransaction, QueryResult } from "neo4j-driver";
import { type Executor, LockedNodeVanished } from "../neo4j/executor.js";
import { isCounted, newId, writeAuditEntries } from "../persistence/audit.js";
import { asComponent, loadProfiles, type StoredProfile } from "../persistence/components.js";
import { type LockedMessage, lockInOrder, lockOrder } from "../persistence/locks.js";
import { fields, str } from "../persistence/rows.js";
import { statement } from "../persistence/statements.js";
import { traitPairs, traitRow } from "../persistence/trait-rows.js";
import type { ReceiptRow } from "./receipts.js";
import { dropUnlinkedIdentifiers, reviseProfiles, setCurrent, setRoots } from "../persistence/writes.js";
import type { AuditDraft, DecideContext, Plan, Step } from "../rules/decide.js";
import { decideBatch, isUnchanging } from "../rules/batch.js";
import { type Identifier, identifierKey, type Observation, type Resolution } from "../rules/model.js";
import type { IdentityRules } from "../rules/rules-config.js";
import { byString } from "../rules/order.js";
import type { RememberedRefusal } from "../rules/refusals.js";
import type { TraitState } from "../rules/traits.js";
import { type Component, Snapshot } from "../rules/snapshot.js";
import { type ChangeDraft, type ObservationSteps, observationChanges, profilesBefore } from "../feed/change-drafts.js";
import { recordChanges } from "../feed/outbox.store.js";
import { decodeTimeline, type LoadedTimeline, timelineWrites } from "../timeline/timeline-rows.js";
import { type Member, type Neighbourhood, neighbourhoodParameters, readNeighbourhood } from "./neighbourhood.reader.js";
import { isRemembered, receiptRow, type StoredReceipt, storedAnswer } from "./receipts.js";

const CREATE_PROFILE_IDS = statement("identity/create-profile-ids");
const TOUCH_DEVICES = statement("identity/touch-devices");
const LINK_IDENTIFIERS = statement("identity/link-identifiers");
const SAVE_RECEIPTS = statement("identity/save-receipts");
const FORGET_RECEIPTS = statement("identity/forget-receipts");
const DROP_UNUSED = statement("identity/drop-unused");
const OPEN_TIMELINES = statement("timeline/open-timelines");
const START_STRETCHES = statement("timeline/start-stretches");
const MOVE_RECEIPTS = statement("timeline/move-receipts");
const RECORD_UNCHANGING = statement("identity/record-unchanging");
const READ_REVS = statement("identity/read-revs");
const LOCK_TRAITS = statement("identity/lock-traits");
const LOCK_DEVICE_TRAITS = statement("identity/lock-device-traits");
const WRITE_TRAITS = statement("identity/write-traits");

/** Batches of at most this many observations lock all their identifiers with their devices (decide). */
const EAGER_IDENTIFIER_LOCKS = 16;

/** Where observations came in: the metrics count them by it. */
export type ObservationSource = "graphql" | "segment" | "mixpanel" | "posthog" | "cli";

export interface ResolveContext {
  space: string;
  actor: string;
  /** Where the observations came in (graphql when absent). */
  source?: ObservationSource;
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
      const now = Date.now();
      const clock: Clock = { arrivedAt: new Date(now).toISOString(), cutoff: new Date(now - this.rules.dedupWindowMs).toISOString() };
      const decideContext: DecideContext = { rules: this.rules, newId, actor: context.actor };
      const decided = await decide(tx, context.space, keys, observations, decideContext, clock, this.options);
      const { snapshot, before, plans } = decided;
      const steps = plans.flatMap((plan) => plan.steps);
      const rows = rowsOf(steps, snapshot, decided.timelines, clock, this.rules);
      const unused = unusedOf(keys, decided.created, snapshot);
      // The fast path: a batch that changes nothing (and created nothing it leaves unused) is one statement.
      if (plans.every(isUnchanging) && rows.timeline.stretches.length === 0 && unused.none)
        await applyUnchanging(tx, context.space, rows, decided.forgotten);
      else {
        const planned: ObservationSteps[] = plans.map((plan, index) => ({ deviceId: observations[index]?.deviceId, steps: plan.steps }));
        const changes = observationChanges(before, planned, { newId, at: new Date() }); // change feed
        await applyPlan(tx, context, rows, snapshot, unused, changes, decided.forgotten);
      }
      await preparation?.finish?.(tx);
      return plans.map((plan) => plan.resolution);
    });
  }
}

/** The batch's time: its receipts' arrival, and the moment before which a receipt is forgotten (rule 8). */
interface Clock {
  arrivedAt: string;
  cutoff: string;
}

type BatchKeys = ReturnType<typeof lockOrder>;

const rootsOf = (neighbourhood: Neighbourhood): string[] => [
  ...new Set([...neighbourhood.devices, ...neighbourhood.identifiers].flatMap((entry) => entry.members.map((member) => member.root))),
];

/** A decided batch: its plans on the snapshot they advanced, and what the store needs to write them. */
interface Decided {
  snapshot: Snapshot;
  /** The profiles before the batch, for the change feed. */
  before: Map<string, string[]>;
  plans: Plan[];
  /** What was read of each device's timeline (rule 10). */
  timelines: Map<string, LoadedTimeline>;
  /** The batch's messageIds whose receipts the dedup window has passed (rule 8). */
  forgotten: string[];
  /** What the batch's locks created: they go again if the batch leaves them unused. */
  created: { identifiers: Identifier[] };
}

/**
 * Locks the batch's devices and messageIds (creating the new ones) — and the identifiers of its
 * observations without a device, which nothing else guards — and reads what they belong to, all in
 * one round trip; then decides the batch (src/rules/batch.ts). An observation from a device that
 * changes nothing is decided on that read: its device's lock guards what it read (every writer that
 * changes what a device's observation reads — another observation of that device, an admin
 * operation on its profiles — locks the device too), and it changes no identifier, so none is locked.
 * Where the rules need more, the batch's identifiers are locked (and created) and read again, and
 * the profiles the rules ask for locked and loaded whole, until they decide it. A batch of
 * observations that change nothing locks no identifier and no profile, and loads none.
 */
async function decide(
  tx: ManagedTransaction,
  space: string,
  keys: BatchKeys,
  observations: readonly Observation[],
  context: DecideContext,
  clock: Clock,
  options: ResolutionStoreOptions,
): Promise<Decided> {
  const parameters = neighbourhoodParameters(observations);
  // A small batch (a single resolve, most often) locks all its identifiers at once: a second round
  // trip for the ones it links would cost it more than the locks. A big one locks only those of its
  // observations without a device up front, and the rest only where the rules link or create.
  const guarded =
    observations.length <= EAGER_IDENTIFIER_LOCKS
      ? keys.identifiers
      : lockOrder({ identifiers: observations.flatMap((o) => (o.deviceId === undefined ? o.identifiers : [])) }).identifiers;
  const read = (): Promise<Neighbourhood> => readNeighbourhood(tx, space, keys, parameters);
  // Rule 11: the devices whose observations set traits; their current profile ids' traits are read
  // (locked) at once, where an identify call will almost always write them.
  const traitDevices = [...new Set(observations.flatMap((o) => (o.traits.length > 0 && o.deviceId !== undefined ? [o.deviceId] : [])))];
  // Sent together (one round trip); Neo4j runs them in order, so the read sees what the lock created.
  const [lockedMessages, first, deviceTraits] = await Promise.all([
    lockInOrder(tx, space, { deviceIds: keys.deviceIds, identifiers: guarded, messageIds: keys.messageIds }, { create: true }),
    read(),
    traitDevices.length > 0
      ? tx.run(LOCK_DEVICE_TRAITS, { space, deviceIds: traitDevices.sort(byString) }).then(decodeTraits)
      : new Map<string, Map<string, TraitState>>(),
  ]);
  let neighbourhood = first;
  const lockedIdentifiers = new Set(guarded.map(identifierKey));
  checkNothingVanished(neighbourhood, keys.deviceIds, guarded, lockedMessages);

  // Writers hold a profile's root lock while they change it: once a root we read is locked and
  // still a root, its profile as loaded is current. A root that moved while we waited for its lock
  // (merged away or deleted) means: re-read the neighbourhood and lock the roots it names now.
  const locked = new Set<string>();
  const loaded = new Map<string, StoredProfile>();
  // Profiles' revisions, read (without locks) when a device's remembered refusal may spare their loads.
  const revs = new Map<string, string>();
  // Rule 11: the traits of the profile ids the rules write traits on, read under their locks.
  const traits = deviceTraits;
  let reread = false;
  // Identifiers the rules' last decision needs locked that are not yet.
  let unlocked: Identifier[] = [];
  for (;;) {
    // Without the fast path, every profile the neighbourhood names is loaded whole first.
    let needs = options.wholeProfiles ? rootsOf(neighbourhood).filter((root) => !loaded.has(root)) : [];
    if (needs.length === 0) {
      const { snapshot, timelines } = snapshotOf(neighbourhood, loaded, revs, traits, clock.cutoff);
      const before = profilesBefore(snapshot.components.values()); // change feed
      const decision = decideBatch(snapshot, observations, context);
      // What links or creates rests on identifiers read without their locks: lock those and decide again.
      unlocked = lockOrder({ identifiers: decision.open.flatMap((index) => observations[index]?.identifiers ?? []) }).identifiers.filter(
        (identifier) => !lockedIdentifiers.has(identifierKey(identifier)),
      );
      if ("plans" in decision && unlocked.length === 0) {
        const forgotten = [...neighbourhood.receipts.values()].filter((receipt) => !isRemembered(receipt, clock.cutoff));
        return {
          snapshot,
          before,
          plans: decision.plans,
          timelines,
          forgotten: forgotten.map((receipt) => receipt.messageId),
          created: { identifiers: keys.identifiers.filter((identifier) => lockedIdentifiers.has(identifierKey(identifier))) },
        };
      }
      if ("needs" in decision) {
        const unread = decision.revs.filter((root) => !revs.has(root) && !loaded.has(root));
        if (unread.length > 0) {
          for (const [root, rev] of await readRevs(tx, space, unread)) revs.set(root, rev);
          continue;
        }
        const unreadTraits = decision.traits.filter((profileId) => !traits.has(profileId));
        if (unreadTraits.length > 0 && decision.needs.length === 0) {
          for (const [profileId, own] of await lockTraits(tx, space, unreadTraits)) traits.set(profileId, own);
          continue;
        }
        needs = decision.needs.filter((root) => !loaded.has(root));
      }
    }
    if (unlocked.length > 0) {
      // The rules link, create or need whole profiles for some observations: lock (and create) their
      // identifiers — after the batch's devices and messageIds, as the lock protocol orders them for
      // observations — and read again what those belong to now.
      const [, reread] = await Promise.all([
        lockInOrder(tx, space, { identifiers: unlocked }, { create: true }),
        readNeighbourhood(tx, space, { deviceIds: [], identifiers: unlocked, messageIds: [] }, parameters),
      ]);
      for (const identifier of unlocked) lockedIdentifiers.add(identifierKey(identifier));
      checkNothingVanished(reread, [], unlocked, []);
      const fresh = new Map(reread.identifiers.map((identifier) => [identifierKey(identifier), identifier]));
      neighbourhood = {
        ...neighbourhood,
        identifiers: [...neighbourhood.identifiers.filter((identifier) => !fresh.has(identifierKey(identifier))), ...fresh.values()],
      };
      unlocked = [];
      continue;
    }
    if (needs.length === 0) throw new Error("the rules asked for profiles that are already loaded");
    if (needs.some((root) => locked.has(root))) {
      const again = needs.find((root) => locked.has(root));
      if (reread) throw new Error(`profile ${again} was locked but is not a root, and is still referenced as one`);
      neighbourhood = await read();
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

/** Rule 11: locks profile ids and reads their traits. */
async function lockTraits(
  tx: ManagedTransaction,
  space: string,
  profileIds: readonly string[],
): Promise<Map<string, Map<string, TraitState>>> {
  const result = await tx.run(LOCK_TRAITS, { space, profileIds: [...profileIds].sort(byString) });
  const read = new Map<string, Map<string, TraitState>>(profileIds.map((profileId) => [profileId, new Map()]));
  for (const [profileId, own] of decodeTraits(result)) read.set(profileId, own);
  return read;
}

/** Each row's profile id and its traits (lock-traits, lock-device-traits). */
function decodeTraits(result: QueryResult): Map<string, Map<string, TraitState>> {
  return new Map(
    result.records.map((record) => {
      const row = fields(record);
      return [str(row["profileId"], "profileId"), new Map(traitPairs(row["traits"], "traits"))];
    }),
  );
}

/** The revisions of some profiles by their roots (those merged away or deleted meanwhile come back as "gone"). */
async function readRevs(tx: ManagedTransaction, space: string, roots: readonly string[]): Promise<Map<string, string>> {
  const result = await tx.run(READ_REVS, { space, roots });
  const revs = new Map(roots.map((root) => [root, "gone"]));
  for (const record of result.records) revs.set(str(record.get("root"), "root"), str(record.get("rev"), "rev"));
  return revs;
}

/**
 * A node the lock found but another transaction deleted (an admin demerge or delete) before we
 * held it: start over, so the retry sees the graph after that transaction.
 */
function checkNothingVanished(
  neighbourhood: Neighbourhood,
  deviceIds: readonly string[],
  identifiers: readonly Identifier[],
  lockedMessages: LockedMessage[],
): void {
  const seenDevices = new Set(neighbourhood.devices.map((device) => device.id));
  const seenIdentifiers = new Set(neighbourhood.identifiers.map(identifierKey));
  const gone =
    deviceIds.find((id) => !seenDevices.has(id)) ??
    identifiers
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
function snapshotOf(
  neighbourhood: Neighbourhood,
  loaded: Map<string, StoredProfile>,
  revs: ReadonlyMap<string, string>,
  traits: ReadonlyMap<string, Map<string, TraitState>>,
  cutoff: string,
): { snapshot: Snapshot; timelines: Map<string, LoadedTimeline> } {
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
  const timelines = new Map<string, LoadedTimeline>();
  const refusals: Array<[string, RememberedRefusal]> = [];
  const devices = neighbourhood.devices.flatMap((device) => {
    if (device.refusal !== null) refusals.push([device.id, JSON.parse(device.refusal) as RememberedRefusal]);
    if (device.current === null) return [];
    const { timeline, loaded: read } = decodeTimeline(device, device.current);
    timelines.set(device.id, read);
    return [{ id: device.id, current: device.current, profileIds: new Set(device.members.map((member) => member.id)), timeline }];
  });
  const snapshot = Snapshot.from({
    components: [...[...loaded.values()].map(asComponent), ...partial.values()],
    partialRoots: partial.keys(),
    waivedRoots: waived,
    identifierLinks: neighbourhood.identifiers.map(({ type, value, members }) => ({
      identifier: { type, value },
      profileIds: members.map((member) => member.id),
    })),
    devices,
    messages: answeredMessages(neighbourhood.receipts, cutoff),
    timelines: true,
    revs: [...revs, ...[...loaded.values()].map((profile): [string, string] => [profile.root, profile.rev])],
    refusals,
    // Rule 11: those read under their locks, and those the neighbourhood says hold none.
    traits: [
      ...[...neighbourhood.devices, ...neighbourhood.identifiers]
        .flatMap((entry) => entry.members)
        .filter((member) => !member.hasTraits && !traits.has(member.id))
        .map((member): [string, Map<string, TraitState>] => [member.id, new Map()]),
      ...[...traits].map(([profileId, own]): [string, Map<string, TraitState>] => [profileId, new Map(own)]),
    ],
    traitsLocked: traits.keys(),
  });
  return { snapshot, timelines };
}

/** Answers given inside the dedup window, as they stand now (rule 10: a moved stretch takes its receipts along), with their timeline places. */
const answeredMessages = (receipts: ReadonlyMap<string, StoredReceipt>, cutoff: string) =>
  [...receipts.values()].flatMap((receipt) =>
    isRemembered(receipt, cutoff) ? [{ messageId: receipt.messageId, resolution: storedAnswer(receipt), place: receipt.place }] : [],
  );

/** A batch's steps as the rows its statements write, by kind. */
function rowsOf(
  steps: readonly Step[],
  snapshot: Snapshot,
  timelines: ReadonlyMap<string, LoadedTimeline>,
  clock: Clock,
  rules: IdentityRules,
) {
  const creates: Array<{ profileId: string; deviceId: string | null; at: string }> = [];
  const touches = new Map<string, { deviceId: string; first: string; last: string } & Record<string, unknown>>();
  const links: Array<{ type: string; value: string; profileId: string; auditId: string; at: string }> = [];
  const currents = new Map<string, string>();
  const audits: AuditDraft[] = [];
  const receipts: ReceiptRow[] = [];
  const traits = new Map<string, { profileId: string; name: string; state: string | null }>();
  const timeline = timelineWrites(steps, snapshot, timelines);
  // A new mark at a receipt's place is that receipt (one node); the others are nodes of their own.
  const marks = new Map(timeline.marks.map((mark) => [`${mark.deviceId}\u0000${mark.posAt}\u0000${mark.posSeq}`, mark]));
  for (const step of steps) {
    switch (step.kind) {
      case "createProfileId":
        creates.push({ profileId: step.profileId, deviceId: step.deviceId ?? null, at: step.at.toISOString() });
        break;
      case "touchDevice": {
        const at = step.at.toISOString();
        const touch = touches.get(step.deviceId);
        if (!touch)
          touches.set(step.deviceId, {
            deviceId: step.deviceId,
            first: at,
            last: at,
            horizon: horizonOf(snapshot, step.deviceId, rules),
            refusal: snapshot.remembered.has(step.deviceId) ? JSON.stringify(snapshot.refusals.get(step.deviceId)) : null,
            ...timeline.counters(step.deviceId),
          });
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
      case "traits":
        // Rule 11: each trait written, as the batch left it (null: nothing left of it).
        for (const name of step.names) {
          const state = snapshot.traits.get(step.profileId)?.get(name);
          traits.set(`${step.profileId}\u0000${name}`, { profileId: step.profileId, name, state: traitRow(state) });
        }
        break;
      case "receipt": {
        // The answer as it stands after the batch: a later observation of it may have moved its stretch (rule 10).
        const answer = snapshot.messages.get(step.messageId) ?? step.resolution;
        const key = step.place && `${step.place.deviceId}\u0000${step.place.position.at.toISOString()}\u0000${step.place.position.seq}`;
        const mark = key !== undefined && marks.delete(key);
        receipts.push(receiptRow(step.messageId, answer, { at: step.at, arrivedAt: clock.arrivedAt }, step.place, mark));
        break;
      }
    }
  }
  return {
    creates,
    touches: [...touches.values()],
    links,
    currents,
    audits,
    receipts,
    marks: [...marks.values()],
    traits: [...traits.values()],
    timeline,
  };
}

type Rows = ReturnType<typeof rowsOf>;

/** Rule 10's horizon of a device after the batch: its newest activity minus the late window (ISO); marks before it go. */
function horizonOf(snapshot: Snapshot, deviceId: string, rules: IdentityRules): string | null {
  const newest = snapshot.devices.get(deviceId)?.timeline?.newest;
  return newest === undefined ? null : new Date(newest.getTime() - rules.lateWindowMs).toISOString();
}

/**
 * What the batch's locks created and left unused: identifiers with no link, messageIds with no
 * answer, devices with no profile id (a repeated messageId from a new device, say).
 */
function unusedOf(keys: BatchKeys, created: Decided["created"], snapshot: Snapshot) {
  const unusedIdentifiers: Identifier[] = created.identifiers.filter(
    (identifier) => !(snapshot.identifierLinks.get(identifierKey(identifier))?.profileIds.size ?? 0),
  );
  const unusedMessageIds = keys.messageIds.filter((messageId) => !snapshot.messages.has(messageId));
  const unusedDeviceIds = keys.deviceIds.filter((deviceId) => !snapshot.devices.has(deviceId));
  const none = unusedIdentifiers.length + unusedMessageIds.length + unusedDeviceIds.length === 0;
  return { unusedIdentifiers, unusedMessageIds, unusedDeviceIds, none };
}

/** write-traits' parameters: the rows, and the profile ids that hold a trait after them. */
const traitParameters = (traits: Rows["traits"]): { traits: Rows["traits"]; holders: string[] } => ({
  traits,
  holders: [...new Set(traits.flatMap((row) => (row.state === null ? [] : [row.profileId])))],
});

/** Writes a batch of observations that change nothing (src/rules/batch.ts): one statement (two when a receipt's window passed). */
async function applyUnchanging(tx: ManagedTransaction, space: string, rows: Rows, forgotten: string[]): Promise<void> {
  const { touches, receipts, marks, traits, timeline } = rows;
  if (touches.length + receipts.length + marks.length + timeline.cuts.length + traits.length === 0) return;
  await Promise.all([
    forgotten.length > 0 ? tx.run(FORGET_RECEIPTS, { space, messageIds: forgotten }) : undefined,
    tx.run(RECORD_UNCHANGING, { space, touches, cuts: timeline.cuts, receipts, marks }),
    traits.length > 0 ? tx.run(WRITE_TRAITS, { space, ...traitParameters(traits) }) : undefined,
  ]);
}

/**
 * Writes a plan's steps. Each kind of write is one statement over a list, sent in the order the
 * rules need (profile ids exist before anything links to them) and pipelined in one round trip:
 * the driver sends them together and Neo4j runs them in order.
 */
async function applyPlan(
  tx: ManagedTransaction,
  context: ResolveContext,
  rows: Rows,
  snapshot: Snapshot,
  unused: ReturnType<typeof unusedOf>,
  changes: ChangeDraft[],
  forgotten: string[],
): Promise<void> {
  const { space } = context;
  const { creates, touches, links, currents, audits, receipts, marks, traits, timeline } = rows;
  const { unusedIdentifiers, unusedMessageIds, unusedDeviceIds } = unused;
  const reroots = [...snapshot.rerooted].map((profileId) => ({ profileId, root: snapshot.rootOf.get(profileId) as string }));

  const run = (cypher: string, rows: unknown[], parameters: Record<string, unknown>): Promise<unknown> | undefined =>
    rows.length > 0 ? tx.run(cypher, { space, ...parameters }) : undefined;
  // Started in this order, without waiting in between: one round trip, run by Neo4j in this order.
  const writes: Array<Promise<unknown> | undefined> = [
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
    // Every profile the batch changed gets a new revision (src/rules/refusals.ts).
    reviseProfiles(
      tx,
      space,
      [...snapshot.revs].filter(([root, rev]) => rev.startsWith("~") && snapshot.components.has(root)).map(([root]) => root),
      newId(),
    ),
  ];
  const audited = writeAuditEntries(tx, space, context.actor, audits);
  writes.push(
    audited,
    run(FORGET_RECEIPTS, forgotten, { messageIds: forgotten }),
    run(SAVE_RECEIPTS, [...receipts, ...marks], { receipts, marks }),
    run(WRITE_TRAITS, traits, traitParameters(traits)),
    dropUnlinkedIdentifiers(tx, space, unusedIdentifiers),
    run(DROP_UNUSED, [...unusedMessageIds, ...unusedDeviceIds], { messageIds: unusedMessageIds, deviceIds: unusedDeviceIds }),
  );
  // change feed (src/feed/): the batch's outbox entries, last, in the same transaction. A change
  // recorded by an entry that counted on an earlier one (a repeated trait change) names that entry,
  // known once the entries are written: only then is it sent (one more round trip, for such batches only).
  const counting = new Set(audits.filter(isCounted).map((entry) => entry.id));
  if (changes.some((change) => change.auditEntryId !== null && counting.has(change.auditEntryId))) {
    await Promise.all(writes);
    const stored = await audited;
    await recordChanges(
      tx,
      space,
      changes.map((change) => ({ ...change, auditEntryId: stored.get(change.auditEntryId ?? "") ?? change.auditEntryId })),
    );
  } else await Promise.all([...writes, recordChanges(tx, space, changes)]);
}
