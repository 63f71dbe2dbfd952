// The upgrade of a space written before bounded state: how far it got (devices, then receipts, each
// in key order), so a restart goes on where it stopped.
MATCH (u:IdgraphUpgrade {name: $name, space: $space})
SET u.phase = $phase, u.after = $after, u.devices = coalesce(u.devices, 0) + $devices,
    u.receipts = coalesce(u.receipts, 0) + $receipts,
    u.doneAt = CASE WHEN $phase = 'done' THEN datetime() ELSE null END
