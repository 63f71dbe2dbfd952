// Background work that one process does at a time (src/background/lease.ts, for src/feed/relay.ts and src/retention/): hold a lease to the end of the transaction (the fence: a holder whose lease ran out gives up).
MATCH (l:FeedLease {name: $lease})
SET l.__lock = true REMOVE l.__lock
RETURN l.holder = $me AND l.expiresAt > datetime.realtime() AS held
