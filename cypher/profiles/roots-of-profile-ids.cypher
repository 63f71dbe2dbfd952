// The profile (root) of each profile id; null for an unknown or deleted one.
UNWIND $ids AS id
OPTIONAL MATCH (p:ProfileId {space: $space, id: id})
RETURN id, p.profile AS root
