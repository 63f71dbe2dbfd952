// Background work that one process does at a time (src/feed/relay.ts, src/retention/): release a lease held.
MATCH (l:FeedLease {name: $lease}) WHERE l.holder = $me
SET l.holder = null, l.expiresAt = null
