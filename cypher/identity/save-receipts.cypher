// Rule 8: each messageId keeps its answer for the dedup window after it arrived (src/identity/receipts.ts:
// whole, or in parts for an answer that changed nothing), with its place on its device's timeline
// (rule 10), so it can follow a moved stretch. A receipt of an identified observation that kept its
// device's profile id is also that device's timeline mark; a mark without a messageId is a node of its own.
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
