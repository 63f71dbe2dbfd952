// Change feed (src/feed/relay.ts): release lease.
MATCH (l:FeedLease {name: $lease}) WHERE l.holder = $me
SET l.holder = null, l.expiresAt = null
