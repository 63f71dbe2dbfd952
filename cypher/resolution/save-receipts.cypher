// Rule 8: each messageId keeps the answer it was given and the profile id it was attributed to;
// with its place on its device's timeline (rule 10), so it can follow a moved stretch.
UNWIND $receipts AS r
MATCH (m:Message {space: $space, id: r.messageId})
SET m.answer = r.answer, m.profileId = r.profileId, m.at = r.at,
    m.deviceId = r.deviceId, m.posAt = r.posAt, m.posSeq = r.posSeq
