// The profile of a device's current profile id.
MATCH (:Device {space: $space, id: $deviceId})-[:CURRENT]->(p:ProfileId)
RETURN p.profile AS root
