// Keys of the identity graph, all per space: every MERGE in the store is backed by one of these.
CREATE CONSTRAINT device_key IF NOT EXISTS
FOR (d:Device) REQUIRE (d.space, d.id) IS UNIQUE;

CREATE CONSTRAINT identifier_key IF NOT EXISTS
FOR (i:Identifier) REQUIRE (i.space, i.type, i.value) IS UNIQUE;

CREATE CONSTRAINT profile_id_key IF NOT EXISTS
FOR (p:ProfileId) REQUIRE (p.space, p.id) IS UNIQUE;

CREATE CONSTRAINT message_key IF NOT EXISTS
FOR (m:Message) REQUIRE (m.space, m.id) IS UNIQUE;

CREATE CONSTRAINT audit_entry_key IF NOT EXISTS
FOR (a:AuditEntry) REQUIRE (a.space, a.id) IS UNIQUE;

CREATE CONSTRAINT migration_version IF NOT EXISTS
FOR (m:IdgraphMigration) REQUIRE m.version IS UNIQUE;

// The materialised merged-profile id: a profile's members are one index seek away.
CREATE INDEX profile_id_profile IF NOT EXISTS
FOR (p:ProfileId) ON (p.space, p.profile);
