// A batch of observations that change nothing (src/rules/batch.ts), written in one statement: what
// touch-devices and save-receipts write for a batch, and nothing else — each device's first and
// last seen, timeline counters and the marks its horizon passed (rules 3 and 10), the timeline mark
// each identified observation leaves (rule 10), and each messageId's receipt (rule 8).
CALL () {
  UNWIND $touches AS t
  MATCH (d:Device {space: $space, id: t.deviceId})
  SET d.firstSeenAt = CASE WHEN d.firstSeenAt IS NULL OR t.first < d.firstSeenAt THEN t.first ELSE d.firstSeenAt END,
      d.lastSeenAt = CASE WHEN d.lastSeenAt IS NULL OR t.last > d.lastSeenAt THEN t.last ELSE d.lastSeenAt END,
      d.seq = coalesce(t.seq, d.seq), d.earliestAt = coalesce(t.earliestAt, d.earliestAt), d.earliestSeq = coalesce(t.earliestSeq, d.earliestSeq),
      // The refusal the device now remembers (src/rules/refusals.ts).
      d.refusal = coalesce(t.refusal, d.refusal)
  WITH d, t WHERE t.horizon IS NOT NULL
  CALL (d, t) {
    MATCH (m:Mark {space: $space, deviceId: d.id})
    WHERE m.posAt < t.horizon AND m.posSeq IS NOT NULL
    FOREACH (_ IN CASE WHEN m:Message THEN [1] ELSE [] END | REMOVE m:Mark)
    FOREACH (_ IN CASE WHEN m:Message THEN [] ELSE [1] END | DETACH DELETE m)
  }
}
CALL () {
  UNWIND $cuts AS r
  MERGE (cut:Stretch {space: $space, deviceId: r.deviceId, from: r.cutFrom, fromSeq: r.cutFromSeq})
  ON CREATE SET cut.profileId = r.cutProfileId
  SET cut.until = r.until, cut.untilSeq = r.untilSeq
  WITH cut WHERE NOT (cut)-[:ATTRIBUTED_TO]->()
  MATCH (p:ProfileId {space: $space, id: cut.profileId})
  CREATE (cut)-[:ATTRIBUTED_TO]->(p)
}
CALL () {
  UNWIND $receipts AS r
  MERGE (m:Message {space: $space, id: r.messageId})
  SET m.answer = r.answer, m.profileId = r.profileId, m.profile = r.profile, m.warnings = r.warnings, m.mentions = r.mentions,
      m.at = r.at, m.arrivedAt = r.arrivedAt, m.deviceId = r.deviceId, m.posAt = r.posAt, m.posSeq = r.posSeq
  FOREACH (_ IN CASE WHEN r.mark THEN [1] ELSE [] END | SET m:Mark)
}
CALL () {
  UNWIND $marks AS k
  CREATE (:Mark {space: $space, deviceId: k.deviceId, posAt: k.posAt, posSeq: k.posSeq})
}
