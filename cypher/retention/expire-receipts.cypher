// Rule 8: a space's receipts the dedup window has passed ($cutoff: now minus the window), a bounded
// batch at a time by their arrival (the message_arrived_at index). A receipt that is also its
// device's timeline mark stays a mark (rule 10), without the receipt; any other goes.
MATCH (m:Message {space: $space})
WHERE m.arrivedAt < $cutoff
WITH m LIMIT $limit
FOREACH (_ IN CASE WHEN m:Mark THEN [1] ELSE [] END |
  REMOVE m:Message, m.id, m.answer, m.profileId, m.profile, m.warnings, m.mentions, m.at, m.arrivedAt, m.movedTo, m.movedProfile)
FOREACH (_ IN CASE WHEN m:Mark THEN [] ELSE [1] END | DETACH DELETE m)
RETURN count(*) AS expired
