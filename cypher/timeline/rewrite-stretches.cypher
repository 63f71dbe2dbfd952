// Rule 10, GDPR delete: the stretches of deleted profile ids go (a deleted device's all of them),
// with the timeline marks inside them (the deleted person's identified observations); on a shared
// device the stretches that stay close the gaps, each running on to the next that stays, the first
// reaching back to the start. $drops and $keeps name stretches by device and start.
CALL () {
  UNWIND $drops AS x
  MATCH (s:Stretch {space: $space, deviceId: x.deviceId, from: x.from, fromSeq: x.fromSeq})
  DETACH DELETE s
}
CALL () {
  UNWIND $drops AS x
  MATCH (m:Mark {space: $space, deviceId: x.deviceId})
  WHERE m.posAt >= x.from AND m.posSeq IS NOT NULL
    AND (m.posAt > x.from OR m.posSeq >= x.fromSeq)
    AND (x.until IS NULL OR m.posAt < x.until OR (m.posAt = x.until AND m.posSeq < x.untilSeq))
  DETACH DELETE m
}
CALL () {
  UNWIND $keeps AS x
  MATCH (s:Stretch {space: $space, deviceId: x.deviceId, from: x.from, fromSeq: x.fromSeq})
  SET s.from = x.newFrom, s.fromSeq = x.newFromSeq, s.until = x.until, s.untilSeq = x.untilSeq
}
