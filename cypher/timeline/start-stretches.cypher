// Rule 10: each identified observation cuts the stretch holding it and starts one of its own. A
// batch's starts come as their end state (src/timeline/timeline-rows.ts timelineWrites): $cuts, the
// stored stretches it cut, each with the `until` of its last cut; $stretches, the stretches it
// started, each with its `until` after the batch. A device from before timelines gets its first
// stretch here, for the profile id it had. `until` is absent on a device's latest stretch.
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
