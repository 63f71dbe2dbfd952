// Change feed (src/feed/relay.ts): hold lease.
MATCH (l:FeedLease {name: $lease})
SET l.__lock = true REMOVE l.__lock
RETURN l.holder = $me AND l.expiresAt > datetime.realtime() AS held
