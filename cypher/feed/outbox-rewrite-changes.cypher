// Change feed (src/feed/outbox.store.ts): rewrite changes.
UNWIND $rows AS row
MATCH (c:Change) WHERE elementId(c) = row.element
SET c.payload = row.payload,
    c.identifierKeys = [x IN c.identifierKeys WHERE NOT x IN $encoded],
    c.deviceIds = [d IN c.deviceIds WHERE NOT d IN $deviceIds],
    c.profileIds = [p IN coalesce(c.profileIds, []) WHERE NOT p IN $profileIds]
