// The profile (root) of each profile id, before anything is locked.
UNWIND $ids AS id
MATCH (p:ProfileId {space: $space, id: id})
RETURN p.id AS id, p.profile AS root
