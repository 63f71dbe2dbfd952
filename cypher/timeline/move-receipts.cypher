// Rule 10: the receipts of observations in a moved stretch [from, until) of a device now answer with
// its new profile id (`movedTo`) and that profile id's profile (`movedProfile`); moves in order.
UNWIND $moves AS mv
CALL (mv) {
  MATCH (m:Message {space: $space, deviceId: mv.deviceId})
  WHERE m.posAt >= mv.fromAt
    AND (m.posAt > mv.fromAt OR m.posSeq >= mv.fromSeq)
    AND (mv.untilAt IS NULL OR m.posAt < mv.untilAt OR (m.posAt = mv.untilAt AND m.posSeq < mv.untilSeq))
    AND m.profileId = mv.fromProfileId
  SET m.profileId = mv.toProfileId, m.movedTo = mv.toProfileId, m.movedProfile = mv.toProfile
}
