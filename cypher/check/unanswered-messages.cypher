// idgraph check: message receipts without an answer (a half-written observation).
MATCH (m:Message {space: $space}) WHERE m.answer IS NULL AND m.profileId IS NULL RETURN count(m) AS n
