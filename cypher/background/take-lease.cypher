// Background work that one process does at a time (src/background/lease.ts, for src/feed/relay.ts and src/retention/): take or renew a lease (only its holder does the work; an expired one is taken over).
MERGE (l:FeedLease {name: $lease})
SET l.__lock = true REMOVE l.__lock
WITH l
WHERE l.holder IS NULL OR l.holder = $me OR l.expiresAt < datetime.realtime()
SET l.holder = $me, l.expiresAt = datetime.realtime() + duration({milliseconds: $ttl})
RETURN count(l) AS held
