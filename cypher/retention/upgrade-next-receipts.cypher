// The upgrade: the next receipts of a space after a messageId, in key order (one index range seek).
MATCH (m:Message {space: $space})
WHERE m.id > $after
RETURN m.id AS id, m.arrivedAt AS arrivedAt, m.answer AS answer
ORDER BY m.id LIMIT $limit
