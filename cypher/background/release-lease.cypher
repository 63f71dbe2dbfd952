// Background work that one process does at a time (src/background/lease.ts, for src/feed/relay.ts and src/retention/): release a lease held.
MATCH (l:FeedLease {name: $lease}) WHERE l.holder = $me
SET l.holder = null, l.expiresAt = null
