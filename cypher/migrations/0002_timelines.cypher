// Rule 10: device timelines. A stretch of a device's activity is keyed by its device and where it
// starts (timestamp, then arrival on the device; the first stretch starts at ""): the key's index
// makes "the stretch holding time t" one seek (from <= t, greatest first).
CREATE CONSTRAINT stretch_key IF NOT EXISTS
FOR (s:Stretch) REQUIRE (s.space, s.deviceId, s.from, s.fromSeq) IS UNIQUE;

// The stretches of a profile id (admin operations).
CREATE INDEX stretch_profile_id IF NOT EXISTS
FOR (s:Stretch) ON (s.space, s.profileId);

// Receipts by device and timeline position: those of a moved stretch answer with its new profile id.
CREATE INDEX message_place IF NOT EXISTS
FOR (m:Message) ON (m.space, m.deviceId, m.posAt);
