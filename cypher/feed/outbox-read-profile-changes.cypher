// Change feed (src/feed/outbox.store.ts): the changes whose memberships name any of a profile's ids,
// newest first, before a cursor ($before "~" sorts after every cursor: from the newest).
// Memberships live in the JSON payload, each as {"profileId":"…","belongsTo":…} (outbox.store.ts payloadOf).
MATCH (c:Change {space: $space}) WHERE c.cursor < $before
  AND any(id IN $profileIds WHERE c.payload CONTAINS ('{"profileId":"' + id + '"'))
RETURN c.id AS id, c.cursor AS cursor, c.kind AS kind, c.at AS at, c.payload AS payload
ORDER BY c.cursor DESC LIMIT $limit
