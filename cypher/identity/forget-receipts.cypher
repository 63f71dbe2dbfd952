// Rule 8: receipts the dedup window has passed, among a batch's messageIds: the messageId is
// forgotten before the observation is decided again and its new receipt written. A receipt that
// is also its device's timeline mark stays a mark (rule 10), without the receipt.
UNWIND $messageIds AS messageId
MATCH (m:Message {space: $space, id: messageId})
FOREACH (_ IN CASE WHEN m:Mark THEN [1] ELSE [] END |
  REMOVE m:Message, m.id, m.answer, m.profileId, m.profile, m.warnings, m.mentions, m.at, m.arrivedAt, m.movedTo, m.movedProfile)
FOREACH (_ IN CASE WHEN m:Mark THEN [] ELSE [1] END | DETACH DELETE m)
