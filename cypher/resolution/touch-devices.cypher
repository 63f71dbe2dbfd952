// When each device was first and last seen, widened by the batch's observations; its timeline counters.
UNWIND $touches AS t
MATCH (d:Device {space: $space, id: t.deviceId})
SET d.firstSeenAt = CASE WHEN d.firstSeenAt IS NULL OR t.first < d.firstSeenAt THEN t.first ELSE d.firstSeenAt END,
    d.lastSeenAt = CASE WHEN d.lastSeenAt IS NULL OR t.last > d.lastSeenAt THEN t.last ELSE d.lastSeenAt END,
    // Rule 10: arrivals counted on the device, and where its earliest activity sits (the batch held the device's lock).
    d.seq = coalesce(t.seq, d.seq), d.earliestAt = coalesce(t.earliestAt, d.earliestAt), d.earliestSeq = coalesce(t.earliestSeq, d.earliestSeq)
