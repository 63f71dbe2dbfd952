// When each device was first and last seen, widened by the batch's observations; its timeline
// counters; and its marks the horizon has passed (rule 10: newest activity minus the late window;
// nothing before it can move again, so a mark there bounds nothing). A mark that is still a receipt
// (rule 8) stays a receipt.
UNWIND $touches AS t
MATCH (d:Device {space: $space, id: t.deviceId})
SET d.firstSeenAt = CASE WHEN d.firstSeenAt IS NULL OR t.first < d.firstSeenAt THEN t.first ELSE d.firstSeenAt END,
    d.lastSeenAt = CASE WHEN d.lastSeenAt IS NULL OR t.last > d.lastSeenAt THEN t.last ELSE d.lastSeenAt END,
    // Rule 10: arrivals counted on the device, and where its earliest activity sits (the batch held the device's lock).
    d.seq = coalesce(t.seq, d.seq), d.earliestAt = coalesce(t.earliestAt, d.earliestAt), d.earliestSeq = coalesce(t.earliestSeq, d.earliestSeq),
    // The refusal the device now remembers (src/rules/refusals.ts).
    d.refusal = coalesce(t.refusal, d.refusal)
WITH d, t WHERE t.horizon IS NOT NULL
CALL (d, t) {
  MATCH (m:Mark {space: $space, deviceId: d.id})
  WHERE m.posAt < t.horizon AND m.posSeq IS NOT NULL
  FOREACH (_ IN CASE WHEN m:Message THEN [1] ELSE [] END | REMOVE m:Mark)
  FOREACH (_ IN CASE WHEN m:Message THEN [] ELSE [1] END | DETACH DELETE m)
}
