// Change feed relay: committed, unsequenced changes stamped before this statement began, in stamp order
// (a change stamped later may belong to a transaction that committed during the scan: the next round takes it).
// lagMs: how long each waited since its stamp, on Neo4j's clock (the relay's sequencing lag metric).
MATCH (c:PendingChange) WHERE c.stamp < datetime.statement()
WITH c ORDER BY c.stamp, c.id LIMIT $limit
RETURN elementId(c) AS element, c.space AS space, datetime.realtime().epochMillis - c.stamp.epochMillis AS lagMs
