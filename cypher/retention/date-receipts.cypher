// The upgrade (rule 8): receipts from before dedup windows get an arrival (the upgrade's start, so
// each is kept one whole window from then) and the identifiers their warnings name (GDPR delete
// finds them by these).
UNWIND $receipts AS r
MATCH (m:Message {space: $space, id: r.id})
SET m.arrivedAt = coalesce(m.arrivedAt, r.arrivedAt), m.mentions = r.mentions
