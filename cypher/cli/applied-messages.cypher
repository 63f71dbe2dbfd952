// idgraph import: the messageIds among these that the space remembers applying (rule 8: within the
// dedup window, $cutoff), which a rerun skips.
UNWIND $ids AS id
MATCH (m:Message {space: $space, id: id})
WHERE (m.answer IS NOT NULL OR m.profileId IS NOT NULL) AND (m.arrivedAt IS NULL OR m.arrivedAt >= $cutoff)
RETURN m.id AS id
