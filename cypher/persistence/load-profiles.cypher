// The one component loader (src/persistence/components.ts): the whole merged profiles named by
// their roots ($roots) or by a device's current profile id ($deviceIds), each with its profile ids,
// identifier links, manual merges and devices, and (when $withTraits: reads of profiles, never a
// write, which reads traits under their locks) the traits of those of its profile ids that hold any. Members come by the ProfileId(space, profile) index;
// a root that is no longer a root (merged away, deleted) has no members and no row.
CALL () {
  UNWIND $roots AS root
  RETURN root
  UNION
  UNWIND $deviceIds AS deviceId
  MATCH (:Device {space: $space, id: deviceId})-[:CURRENT]->(c:ProfileId)
  RETURN c.profile AS root
}
CALL (root) {
  MATCH (p:ProfileId {space: $space, profile: root})
  RETURN collect(p) AS members
}
WITH root, members WHERE size(members) > 0
RETURN root,
       // The profile's revision (src/rules/refusals.ts): its root's, "-" for one never revised.
       head([p IN members WHERE p.id = root | coalesce(p.rev, '-')]) AS rev,
       [p IN members | {id: p.id, createdAt: p.createdAt}] AS members,
       COLLECT { UNWIND members AS p MATCH (p)<-[r:IDENTIFIES]-(i:Identifier)
                 RETURN {type: i.type, value: i.value, profileId: p.id, auditId: r.auditId} } AS identifierLinks,
       COLLECT { UNWIND members AS p MATCH (p)-[r:MERGED_WITH]->(q:ProfileId)
                 RETURN {from: p.id, to: q.id, auditId: r.auditId, forced: coalesce(r.forced, false)} } AS mergeLinks,
       COLLECT { UNWIND members AS p MATCH (p)<-[:HAS_PROFILE_ID]-(d:Device)
                 WITH DISTINCT d
                 OPTIONAL MATCH (d)-[:CURRENT]->(c:ProfileId)
                 RETURN {id: d.id, current: c.id, currentProfile: c.profile, firstSeenAt: d.firstSeenAt, lastSeenAt: d.lastSeenAt,
                         profileIds: COLLECT { MATCH (d)-[:HAS_PROFILE_ID]->(x:ProfileId) RETURN x.id }} } AS devices,
       COLLECT { UNWIND members AS p WITH p WHERE $withTraits AND p.hasTraits
                 RETURN [p.id, COLLECT { MATCH (t:Trait {space: $space, profileId: p.id})
                                       WHERE t.name IS NOT NULL // every key property named: the key index serves it
                                       RETURN [t.name, t.state] }] } AS traits
