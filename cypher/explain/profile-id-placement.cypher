// explainLink: the profile a profile id belongs to.
MATCH (p:ProfileId {space: $space, id: $profileId})
RETURN [p.profile] AS roots, p.profile AS home
