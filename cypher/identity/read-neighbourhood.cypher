// What a batch of observations touches (src/identity/resolution.store.ts), read once its devices
// and messageIds are locked: each identifier with the profile ids it identifies; each device with
// its current profile id, the pieces of its timeline the batch needs (rule 10) and, of its profile
// ids, those the rules may read — its current one, those of those pieces, and those in the other
// profiles of the identifiers the batch sends with it (rule 6) — so what a device's observation reads is
// bounded however many people used the device; each of those profile ids with its profile (root),
// whether an admin waived that profile's limits (a forced merge) and whether it holds traits (rule
// 11); and the receipts of the
// batch's messageIds (rule 8), with their timeline places. Rows are lists, not maps: they are
// decoded by position in neighbourhood.reader.ts (decodeNeighbourhood), which names each field.
CALL () {
  UNWIND $identifiers AS identifier
  MATCH (i:Identifier {space: $space, type: identifier.type, value: identifier.value})
  RETURN collect([i.type, i.value, COLLECT { MATCH (i)-[:IDENTIFIES]->(p:ProfileId) RETURN [p.id, p.profile, p.limitsWaived = true, p.hasTraits = true] }]) AS identifiers
}
CALL () {
  UNWIND $deviceIds AS deviceId
  MATCH (d:Device {space: $space, id: deviceId})
  OPTIONAL MATCH (d)-[:CURRENT]->(c:ProfileId)
  // Rule 10: the latest piece of the timeline — from its latest stretch start or mark on — holds
  // every moment from there on, which is where steady traffic lands: two index seeks.
  OPTIONAL CALL (d) {
    MATCH (s:Stretch {space: $space, deviceId: d.id})
    WHERE s.from IS NOT NULL AND s.fromSeq IS NOT NULL // every key property named: the key index serves it
    // ordered by the whole key (space and deviceId are fixed): the index gives that order, one entry read
    RETURN s AS latest ORDER BY s.space DESC, s.deviceId DESC, s.from DESC, s.fromSeq DESC LIMIT 1
  }
  OPTIONAL CALL (d) {
    MATCH (m:Mark {space: $space, deviceId: d.id})
    WHERE m.posAt IS NOT NULL AND m.posSeq IS NOT NULL
    RETURN m AS lastMark ORDER BY m.space DESC, m.deviceId DESC, m.posAt DESC, m.posSeq DESC LIMIT 1
  }
  WITH d, c, latest, lastMark,
       CASE WHEN lastMark IS NOT NULL AND lastMark.posAt > latest.from THEN lastMark.posAt ELSE latest.from END AS latestStart
  // An earlier moment ($moments, by device id): the stretch holding it and the marks nearest it on
  // either side; the piece holding it runs between the nearest of them. Three seeks each.
  CALL (d, latestStart) {
    UNWIND coalesce($moments[d.id], []) AS at
    WITH at WHERE at < latestStart
    OPTIONAL CALL (d, at) {
      MATCH (s:Stretch {space: $space, deviceId: d.id})
      WHERE s.from <= at AND s.fromSeq IS NOT NULL
      RETURN s ORDER BY s.space DESC, s.deviceId DESC, s.from DESC, s.fromSeq DESC LIMIT 1
    }
    OPTIONAL CALL (d, at) {
      MATCH (m:Mark {space: $space, deviceId: d.id})
      WHERE m.posAt <= at AND m.posSeq IS NOT NULL
      RETURN m AS before ORDER BY m.space DESC, m.deviceId DESC, m.posAt DESC, m.posSeq DESC LIMIT 1
    }
    OPTIONAL CALL (d, at) {
      MATCH (m:Mark {space: $space, deviceId: d.id})
      WHERE m.posAt > at AND m.posSeq IS NOT NULL
      RETURN m AS after ORDER BY m.space, m.deviceId, m.posAt, m.posSeq LIMIT 1
    }
    WITH DISTINCT s, before, after WHERE s IS NOT NULL
    RETURN collect([s.from, s.fromSeq, s.until, s.untilSeq, s.profileId, before.posAt, before.posSeq, after.posAt, after.posSeq]) AS earlier
  }
  WITH d, c, earlier + CASE WHEN latest IS NULL THEN [] // a device from before timelines has no stretch
                            ELSE [[latest.from, latest.fromSeq, latest.until, latest.untilSeq, latest.profileId,
                                   lastMark.posAt, lastMark.posSeq, null, null]] END AS pieces
  // The profile ids the rules may read: the current one and the pieces' (direct lookups), and the
  // device's own in the profiles of its identifiers ($deviceIdentifiers, by device id).
  CALL (d, c, pieces) {
    UNWIND [c.id] + [piece IN pieces | piece[4]] AS id
    WITH DISTINCT id WHERE id IS NOT NULL
    MATCH (p:ProfileId {space: $space, id: id})
    RETURN collect([p.id, p.profile, p.limitsWaived = true, p.hasTraits = true]) AS own
  }
  CALL (d, c) {
    UNWIND coalesce($deviceIdentifiers[d.id], []) AS identifier
    MATCH (:Identifier {space: $space, type: identifier.type, value: identifier.value})-[:IDENTIFIES]->(q:ProfileId)
    // The current profile's own are the common case (a user on their own device): the current profile id stands for them.
    WITH DISTINCT q.profile AS root WHERE root <> c.profile OR c IS NULL
    MATCH (p:ProfileId {space: $space, profile: root})
    WHERE EXISTS { (d)-[:HAS_PROFILE_ID]->(p) }
    RETURN collect([p.id, p.profile, p.limitsWaived = true, p.hasTraits = true]) AS related
  }
  RETURN collect([d.id, c.id, own + related, pieces, d.seq, coalesce(d.earliestAt, d.firstSeenAt), coalesce(d.earliestSeq, 0),
                  d.lastSeenAt, d.refusal]) AS devices
}
// Rule 8: each messageId's receipt — its whole answer or its parts, when it arrived — and where it
// sits on its device's timeline, and where a moved stretch took it (rule 10).
CALL () {
  UNWIND $messageIds AS messageId
  MATCH (m:Message {space: $space, id: messageId})
  WHERE m.profileId IS NOT NULL OR m.answer IS NOT NULL
  RETURN collect([m.id, m.answer, m.profileId, m.profile, m.warnings, m.arrivedAt, m.deviceId, m.posAt, m.posSeq, m.movedTo,
                  m.movedProfile]) AS receipts
}
RETURN identifiers, devices, receipts
