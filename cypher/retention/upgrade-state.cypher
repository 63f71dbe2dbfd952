// The upgrade of a space written before bounded state (migration 0005): where it stands.
MATCH (u:IdgraphUpgrade {name: $name, space: $space})
RETURN u.phase AS phase, u.after AS after, u.devices AS devices, u.receipts AS receipts,
       toString(u.startedAt) AS startedAt, toString(u.doneAt) AS doneAt
