// The upgrade (rule 10): a store written before bounded state kept a Stretch for every identified
// observation. Of consecutive stretches of one profile id, those before the device's horizon merge
// into the first ($drops, with $keeps giving the kept ones their new end), and those after it become
// marks ($marks): the receipt at that place carries the mark when there is one, else a node of its own.
CALL () {
  UNWIND $drops AS x
  MATCH (s:Stretch {space: $space, deviceId: x.deviceId, from: x.from, fromSeq: x.fromSeq})
  DETACH DELETE s
}
CALL () {
  UNWIND $keeps AS x
  MATCH (s:Stretch {space: $space, deviceId: x.deviceId, from: x.from, fromSeq: x.fromSeq})
  SET s.until = x.until, s.untilSeq = x.untilSeq
}
CALL () {
  UNWIND $marks AS k
  OPTIONAL MATCH (r:Message {space: $space, deviceId: k.deviceId, posAt: k.posAt})
  WHERE r.posSeq = k.posSeq
  WITH k, head(collect(r)) AS r
  FOREACH (_ IN CASE WHEN r IS NULL THEN [] ELSE [1] END | SET r:Mark)
  FOREACH (_ IN CASE WHEN r IS NULL THEN [1] ELSE [] END |
    MERGE (:Mark {space: $space, deviceId: k.deviceId, posAt: k.posAt, posSeq: k.posSeq}))
}
