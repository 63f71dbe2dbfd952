// What the store keeps, and for how long (docs/identity-rules.md, "What the store keeps"): keys and indexes for state
// that expires by itself, and for GDPR delete without scans. Schema only; the data of a store
// written before this version is brought to the new shape by the background retention work
// (src/retention/), which records its progress on an (:IdgraphUpgrade) node.

// Rule 10: a device's timeline keeps a Stretch only where its profile id changes; an identified
// observation that did not change it is a Mark at its place, kept until the device's horizon passes
// it. "The mark nearest a moment" is one seek on this key, as for stretches.
CREATE CONSTRAINT mark_key IF NOT EXISTS
FOR (m:Mark) REQUIRE (m.space, m.deviceId, m.posAt, m.posSeq) IS UNIQUE;

// Rule 8: a receipt is kept for the dedup window after it arrived; the retention work finds a
// space's expired ones by this index.
CREATE INDEX message_arrived_at IF NOT EXISTS
FOR (m:Message) ON (m.space, m.arrivedAt);

// GDPR delete: a profile's receipts by the profile id they are attributed to, one seek each.
CREATE INDEX message_profile_id IF NOT EXISTS
FOR (m:Message) ON (m.space, m.profileId);

// A repeated refusal (the same identity error or ghost profile, for the same profile ids,
// identifier and device) is one audit entry with a count: found by its key.
CREATE INDEX audit_refusal_key IF NOT EXISTS
FOR (a:AuditEntry) ON (a.space, a.refusalKey);

// idgraph import's checkpoints: a file (by the digest of its content) and how many of its lines a
// space has taken in, so a rerun resumes exactly, also once the receipts of its lines have expired.
CREATE CONSTRAINT import_checkpoint_key IF NOT EXISTS
FOR (c:ImportCheckpoint) REQUIRE (c.space, c.file) IS UNIQUE;

// GDPR delete: the audit entries, receipts and outbox changes that name a deleted identifier
// ("type:value") or device id, found by value instead of by reading every one of them. The keyword
// analyzer keeps each value one exact, case-sensitive term.
CREATE FULLTEXT INDEX audit_mentions IF NOT EXISTS
FOR (a:AuditEntry) ON EACH [a.identifiers, a.deviceIds]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}};

CREATE FULLTEXT INDEX message_mentions IF NOT EXISTS
FOR (m:Message) ON EACH [m.mentions]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}};

CREATE FULLTEXT INDEX change_mentions IF NOT EXISTS
FOR (c:Change) ON EACH [c.identifierKeys, c.deviceIds]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}};

// Each space that already holds devices was written before this version: the retention work of the
// processes that serve it compacts its timelines (one Stretch per change of profile id, Marks after
// the horizon) and dates its receipts, device by device, and says so in `idgraph check`.
CREATE CONSTRAINT idgraph_upgrade_key IF NOT EXISTS
FOR (u:IdgraphUpgrade) REQUIRE (u.name, u.space) IS UNIQUE;

MATCH (d:Device)
WITH DISTINCT d.space AS space
MERGE (u:IdgraphUpgrade {name: 'bounded-state', space: space})
ON CREATE SET u.startedAt = datetime(), u.phase = 'timelines', u.after = '', u.devices = 0, u.receipts = 0;
