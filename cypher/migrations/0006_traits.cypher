// Rule 11, profile properties (traits): one node per trait a profile id holds, keyed by it and the
// trait's name, its state (the newest write and the set-once writes newer than it) as JSON; a
// profile id's traits are one index seek away.
CREATE CONSTRAINT trait_key IF NOT EXISTS
FOR (t:Trait) REQUIRE (t.space, t.profileId, t.name) IS UNIQUE;

// GDPR delete: a TRAITS_CHANGED change carries values; the outbox changes of deleted profile ids
// are found by them, as those naming a deleted identifier or device are.
DROP INDEX change_mentions IF EXISTS;

CREATE FULLTEXT INDEX change_mentions IF NOT EXISTS
FOR (c:Change) ON EACH [c.identifierKeys, c.deviceIds, c.profileIds]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}};
