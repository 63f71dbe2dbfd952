// Which of these values are user ids already in the space (a known user id is that user; any other id
// of an event is its device): the SDK endpoints and idgraph import ask (src/ingest/known-users.reader.ts). It
// must identify a profile id: a node that a writer's lock has just created is no user yet.
UNWIND $values AS value
MATCH (i:Identifier {space: $space, type: 'user_id', value: value})
WHERE (i)-[:IDENTIFIES]->()
RETURN DISTINCT value
