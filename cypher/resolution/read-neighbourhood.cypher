// What a batch of observations touches (src/identity/resolution-store.ts), read once its devices,
// identifiers and messageIds are locked: each device with its current profile id and all its
// profile ids, each identifier with the profile ids it identifies, and the profiles (roots) of
// all of them, which the store locks and loads next.
CALL () {
  UNWIND $deviceIds AS deviceId
  MATCH (d:Device {space: $space, id: deviceId})
  OPTIONAL MATCH (d)-[:CURRENT]->(c:ProfileId)
  CALL (d) {
    OPTIONAL MATCH (d)-[:HAS_PROFILE_ID]->(p:ProfileId)
    RETURN collect(p.id) AS profileIds, collect(DISTINCT p.profile) AS roots
  }
  RETURN collect({id: d.id, current: c.id, profileIds: profileIds, roots: roots}) AS devices
}
CALL () {
  UNWIND $identifiers AS identifier
  MATCH (i:Identifier {space: $space, type: identifier.type, value: identifier.value})
  CALL (i) {
    OPTIONAL MATCH (i)-[:IDENTIFIES]->(p:ProfileId)
    RETURN collect(p.id) AS profileIds, collect(DISTINCT p.profile) AS roots
  }
  RETURN collect({type: i.type, value: i.value, profileIds: profileIds, roots: roots}) AS identifiers
}
RETURN devices, identifiers
