// When each device was first and last seen, widened by the batch's observations.
UNWIND $touches AS t
MATCH (d:Device {space: $space, id: t.deviceId})
SET d.firstSeenAt = CASE WHEN d.firstSeenAt IS NULL OR t.first < d.firstSeenAt THEN t.first ELSE d.firstSeenAt END,
    d.lastSeenAt = CASE WHEN d.lastSeenAt IS NULL OR t.last > d.lastSeenAt THEN t.last ELSE d.lastSeenAt END
