// Ghost profiles, newest first: a device that would have been the profile's device beyond the
// device cap got a profile id of its own, and the identifier was not saved on it (GHOST_PROFILE;
// the answer carried DEVICE_LIMIT_REACHED). With the identifier, the profile ids involved (the
// ghost first), the device and the messageId. Many of these for one profile usually mean a bot
// or a shared login. Table view.
// Parameter: the space.
//   :param space => 'default'
MATCH (a:AuditEntry {space: $space, action: 'GHOST_PROFILE'})
RETURN a.at AS at, a.reason AS reason, a.identifiers AS identifiers, a.profileIds AS profileIds,
       a.deviceIds AS deviceIds, a.messageId AS messageId, a.id AS auditId
ORDER BY a.id DESC
LIMIT 25
