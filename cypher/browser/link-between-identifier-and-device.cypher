// Why is this device in this user's profile? The shortest chain of links from an identifier to a
// device: through identifiers (IDENTIFIES) and manual merges (MERGED_WITH) between profile ids,
// ending at one of the device's own profile ids. Devices join nothing, so none is passed on the
// way. No row: they are not in one profile. The GraphQL query explainLink answers the same, with
// each link's audit entry.
// Parameters: the space, the identifier's type and value (as stored), and the device id.
//   :param space => 'default'
//   :param type => 'user_id'
//   :param value => 'Smith'
//   :param deviceId => 'Q'
MATCH path = SHORTEST 1 (:Identifier {space: $space, type: $type, value: $value})
             (()-[:IDENTIFIES|MERGED_WITH]-(n WHERE n.space = $space))+
             (:ProfileId)<-[:HAS_PROFILE_ID]-(:Device {space: $space, id: $deviceId})
RETURN path
