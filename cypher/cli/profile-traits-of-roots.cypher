// idgraph export: the traits of every profile id of the given profiles ($roots, a page's), as
// [name, state] pairs, for those profile ids that hold any. (`t.name IS NOT NULL` lets Neo4j seek
// the trait key's index by its first two properties instead of reading every trait.)
UNWIND $roots AS root
MATCH (p:ProfileId {space: $space, profile: root})
WHERE p.hasTraits
RETURN root, p.id AS profileId, COLLECT { MATCH (t:Trait {space: $space, profileId: p.id}) WHERE t.name IS NOT NULL RETURN [t.name, t.state] } AS traits
