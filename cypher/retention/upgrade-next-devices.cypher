// The upgrade: the next devices of a space after a device id, in key order (one index range seek).
MATCH (d:Device {space: $space})
WHERE d.id > $after
RETURN d.id AS id, d.lastSeenAt AS newest
ORDER BY d.id LIMIT $limit
