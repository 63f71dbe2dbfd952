// A batch of observations that change nothing (src/rules/batch.ts), written in one statement: what
// touch-devices, start-stretches and save-receipts write for a batch, and nothing else — each
// device's first and last seen and timeline counters (rule 3), the timeline mark each identified
// observation leaves (rule 10: a stretch for the same profile id from its moment on), and each
// messageId's answer with its place (rule 8).
CALL () {
  UNWIND $touches AS t
  MATCH (d:Device {space: $space, id: t.deviceId})
  SET d.firstSeenAt = CASE WHEN d.firstSeenAt IS NULL OR t.first < d.firstSeenAt THEN t.first ELSE d.firstSeenAt END,
      d.lastSeenAt = CASE WHEN d.lastSeenAt IS NULL OR t.last > d.lastSeenAt THEN t.last ELSE d.lastSeenAt END,
      d.seq = coalesce(t.seq, d.seq), d.earliestAt = coalesce(t.earliestAt, d.earliestAt), d.earliestSeq = coalesce(t.earliestSeq, d.earliestSeq)
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
  UNWIND $stretches AS r
  MATCH (p:ProfileId {space: $space, id: r.profileId})
  CREATE (s:Stretch {space: $space, deviceId: r.deviceId, from: r.from, fromSeq: r.fromSeq, until: r.until, untilSeq: r.untilSeq,
                     profileId: r.profileId})
  CREATE (s)-[:ATTRIBUTED_TO]->(p)
}
CALL () {
  UNWIND $receipts AS r
  MATCH (m:Message {space: $space, id: r.messageId})
  SET m.answer = r.answer, m.profileId = r.profileId, m.at = r.at,
      m.deviceId = r.deviceId, m.posAt = r.posAt, m.posSeq = r.posSeq
}
