// idgraph check: rule 11's traits, each with whether its profile id is in the space and says it
// holds traits (a trait whose profile id went is personal data nothing reaches: a GDPR delete missed it).
MATCH (t:Trait {space: $space})
OPTIONAL MATCH (p:ProfileId {space: $space, id: t.profileId})
RETURN t.profileId AS profileId, t.name AS name, p IS NOT NULL AS found, coalesce(p.hasTraits, false) AS flagged
