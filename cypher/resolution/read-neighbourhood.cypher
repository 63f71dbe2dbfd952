// What a batch of observations touches (src/identity/resolution-store.ts), read once its devices,
// identifiers and messageIds are locked: each device with its current profile id and all its
// profile ids, each identifier with the profile ids it identifies, each of those profile ids with
// its profile (root) and whether an admin waived that profile's limits (a forced merge): the store
// locks and loads whole the profiles the rules ask for (src/rules/batch.ts); each device's timeline where the batch
// needs it (its stretches and marks), and the timeline places of its answered messageIds (rule 10).
CALL () {
  UNWIND $deviceIds AS deviceId
  MATCH (d:Device {space: $space, id: deviceId})
  OPTIONAL MATCH (d)-[:CURRENT]->(c:ProfileId)
  CALL (d) {
    OPTIONAL MATCH (d)-[:HAS_PROFILE_ID]->(p:ProfileId)
    RETURN collect({id: p.id, root: p.profile, waived: p.limitsWaived}) AS members
  }
  // Rule 10: for each of the batch's moments on the device ($moments, by device id; one far in the
  // future finds the latest), the stretch holding it and the marks nearest it on either side: the
  // piece of the timeline holding that moment runs between the nearest of them. Each is one index seek.
  CALL (d) {
    UNWIND coalesce($moments[d.id], []) AS at
    OPTIONAL CALL (d, at) {
      MATCH (s:Stretch {space: $space, deviceId: d.id})
      WHERE s.from <= at AND s.fromSeq IS NOT NULL // every key property named: the key index serves it
      // ordered by the whole key (space and deviceId are fixed): the index gives that order, so
      // LIMIT 1 reads one entry, not every stretch of the device up to `at`
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
    WITH DISTINCT s, before, after WHERE s IS NOT NULL // a device from before timelines has no stretch
    RETURN collect({from: s.from, fromSeq: s.fromSeq, until: s.until, untilSeq: s.untilSeq, profileId: s.profileId,
                    markBefore: before.posAt, markBeforeSeq: before.posSeq, markAfter: after.posAt, markAfterSeq: after.posSeq}) AS pieces
  }
  RETURN collect({id: d.id, current: c.id, members: [m IN members WHERE m.id IS NOT NULL], pieces: pieces, seq: d.seq,
                  earliestAt: coalesce(d.earliestAt, d.firstSeenAt), earliestSeq: coalesce(d.earliestSeq, 0),
                  newest: d.lastSeenAt, refusal: d.refusal}) AS devices
}
CALL () {
  UNWIND $identifiers AS identifier
  MATCH (i:Identifier {space: $space, type: identifier.type, value: identifier.value})
  CALL (i) {
    OPTIONAL MATCH (i)-[:IDENTIFIES]->(p:ProfileId)
    RETURN collect({id: p.id, root: p.profile, waived: p.limitsWaived}) AS members
  }
  RETURN collect({type: i.type, value: i.value, members: [m IN members WHERE m.id IS NOT NULL]}) AS identifiers
}
// Where each answered messageId of the batch sits on its device's timeline, and where a moved
// stretch took it (rule 10).
CALL () {
  UNWIND $messageIds AS messageId
  MATCH (m:Message {space: $space, id: messageId})
  WHERE m.profileId IS NOT NULL AND m.deviceId IS NOT NULL
  RETURN collect({messageId: m.id, deviceId: m.deviceId, posAt: m.posAt, posSeq: m.posSeq,
                  movedTo: m.movedTo, movedProfile: m.movedProfile}) AS places
}
RETURN devices, identifiers, places
