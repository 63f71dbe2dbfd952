// Change feed (src/feed/outbox.store.ts): the outbox changes that name a deleted identifier or device,
// or carry trait values of a deleted profile id, found by value through the change_mentions
// full-text index ($terms: one exact term each).
UNWIND $terms AS term
CALL db.index.fulltext.queryNodes('change_mentions', term) YIELD node
WITH DISTINCT node AS c
WHERE c.space = $space AND (any(x IN c.identifierKeys WHERE x IN $encoded) OR any(d IN c.deviceIds WHERE d IN $deviceIds)
                            OR any(p IN coalesce(c.profileIds, []) WHERE p IN $profileIds))
RETURN elementId(c) AS element, c.payload AS payload
