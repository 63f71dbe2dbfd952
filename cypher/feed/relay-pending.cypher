// Change feed relay: committed, unsequenced changes stamped before this statement began, in stamp order
// (a change stamped later may belong to a transaction that committed during the scan: the next round takes it).
MATCH (c:PendingChange) WHERE c.stamp < datetime.statement()
WITH c ORDER BY c.stamp, c.id LIMIT $limit
RETURN elementId(c) AS element, c.space AS space
