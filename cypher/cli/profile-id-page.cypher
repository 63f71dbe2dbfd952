// idgraph export: a page of the space's profile ids with the profile each belongs to, in id order.
MATCH (p:ProfileId {space: $space}) WHERE p.id > $after
RETURN p.id AS profileId, p.profile AS profile
ORDER BY p.id LIMIT $limit
