// Identity errors, newest first: observations whose identifier was not linked because the merge
// would have broken a type's limit (IDENTITY_ERROR; the answer carried IDENTIFIER_CONFLICT), with
// the identifier refused, the profile ids involved, the device and the messageId. Many of these
// for one value usually mean a shared or test identifier worth blocking. Table view.
// Parameter: the space.
//   :param space => 'default'
MATCH (a:AuditEntry {space: $space, action: 'IDENTITY_ERROR'})
RETURN a.at AS at, a.reason AS reason, a.identifiers AS identifiers, a.profileIds AS profileIds,
       a.deviceIds AS deviceIds, a.messageId AS messageId, a.actor AS actor, a.id AS auditId
ORDER BY a.id DESC
LIMIT 25
