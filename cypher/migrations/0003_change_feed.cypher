// The change feed (src/feed/): the outbox, the relay's lease and counters, webhook endpoints.
CREATE CONSTRAINT change_key IF NOT EXISTS
FOR (c:Change) REQUIRE (c.space, c.id) IS UNIQUE;

// Consumers read a space's changes by cursor; a cursor is given once.
CREATE CONSTRAINT change_cursor IF NOT EXISTS
FOR (c:Change) REQUIRE (c.space, c.cursor) IS UNIQUE;

CREATE INDEX change_sequenced_at IF NOT EXISTS
FOR (c:Change) ON (c.sequencedAt);

CREATE CONSTRAINT feed_lease_name IF NOT EXISTS
FOR (l:FeedLease) REQUIRE l.name IS UNIQUE;

CREATE CONSTRAINT feed_sequence_space IF NOT EXISTS
FOR (s:FeedSequence) REQUIRE s.space IS UNIQUE;

CREATE CONSTRAINT webhook_endpoint_key IF NOT EXISTS
FOR (e:WebhookEndpoint) REQUIRE (e.space, e.id) IS UNIQUE;

CREATE CONSTRAINT webhook_dead_letter_key IF NOT EXISTS
FOR (d:WebhookDeadLetter) REQUIRE (d.space, d.endpointId, d.cursor) IS UNIQUE;
