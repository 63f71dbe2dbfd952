// Change feed (src/feed/relay.ts): take lease.
MERGE (l:FeedLease {name: $lease})
SET l.__lock = true REMOVE l.__lock
WITH l
WHERE l.holder IS NULL OR l.holder = $me OR l.expiresAt < datetime.realtime()
SET l.holder = $me, l.expiresAt = datetime.realtime() + duration({milliseconds: $ttl})
RETURN count(l) AS held
