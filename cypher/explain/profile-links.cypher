// explainLink: every link inside the given profiles, plus the given devices' own profile-id edges.
// A device's edge names the PROFILE_CREATED entry that gave the device that profile id.
UNWIND $roots AS root
MATCH (p:ProfileId {space: $space, profile: root})
RETURN p.id AS profileId, root,
       COLLECT { MATCH (p)<-[r:IDENTIFIES]-(i:Identifier)
                 RETURN {type: i.type, value: i.value, at: r.at, auditId: r.auditId} } AS identifiedBy,
       COLLECT { MATCH (p)-[r:MERGED_WITH]->(q:ProfileId)
                 RETURN {profileId: q.id, at: r.at, auditId: r.auditId} } AS mergedWith,
       COLLECT { MATCH (d:Device)-[r:HAS_PROFILE_ID]->(p) WHERE d.id IN $deviceIds
                 RETURN {deviceId: d.id, at: r.at,
                         auditId: [(p)<-[:ABOUT]-(a:AuditEntry {action: 'PROFILE_CREATED'}) WHERE d.id IN a.deviceIds | a.id][0]} } AS devices
