// Rule 10: each identified observation cuts the stretch holding it and starts one of its own, in the
// batch's order (one row at a time: a later row may cut a stretch an earlier one started). A device
// from before timelines gets its first stretch here, for the profile id it had. `until` is absent
// on a device's latest stretch.
UNWIND $starts AS r
CALL (r) {
  MERGE (cut:Stretch {space: $space, deviceId: r.deviceId, from: r.cutFrom, fromSeq: r.cutFromSeq})
  ON CREATE SET cut.profileId = r.cutProfileId
  WITH cut
  CALL (cut) {
    WITH cut WHERE NOT (cut)-[:ATTRIBUTED_TO]->()
    MATCH (p:ProfileId {space: $space, id: cut.profileId})
    CREATE (cut)-[:ATTRIBUTED_TO]->(p)
  }
  SET cut.until = r.from, cut.untilSeq = r.fromSeq
  WITH cut
  MATCH (p:ProfileId {space: $space, id: r.profileId})
  CREATE (s:Stretch {space: $space, deviceId: r.deviceId, from: r.from, fromSeq: r.fromSeq, until: r.until, untilSeq: r.untilSeq,
                     profileId: r.profileId})
  CREATE (s)-[:ATTRIBUTED_TO]->(p)
}
