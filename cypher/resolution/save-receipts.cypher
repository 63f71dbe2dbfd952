// Rule 8: each messageId keeps the answer it was given and the profile id it was attributed to.
UNWIND $receipts AS r
MATCH (m:Message {space: $space, id: r.messageId})
SET m.answer = r.answer, m.profileId = r.profileId, m.at = r.at
