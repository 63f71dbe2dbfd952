// Change feed: a transaction's changes into the outbox, unsequenced (src/feed/outbox.store.ts recordChanges).
// stamp is Neo4j's clock read after the transaction took its locks: the relay orders by it.
// profileIds: the profile ids whose trait values a TRAITS_CHANGED carries (a GDPR delete finds them).
WITH datetime.realtime() AS stamp
UNWIND $changes AS c
CREATE (:Change:PendingChange {space: $space, id: c.id, stamp: stamp, at: c.at, kind: c.kind, payload: c.payload,
                               identifierKeys: c.identifierKeys, deviceIds: c.deviceIds, profileIds: CASE WHEN size(c.profileIds) > 0 THEN c.profileIds END})
