// GDPR delete: other profiles' audit entries can name the deleted identifiers ("type:value") or
// devices too (an IDENTITY_ERROR between two people, a DEMERGED entry of an earlier profile): those
// values go. Returns the stored answers that mention a deleted value, for the store to rewrite.
CALL () {
  MATCH (a:AuditEntry {space: $space})
  WHERE any(x IN a.identifiers WHERE x IN $encoded) OR any(d IN a.deviceIds WHERE d IN $deviceIds)
  SET a.identifiers = [x IN a.identifiers WHERE NOT x IN $encoded],
      a.deviceIds = [d IN a.deviceIds WHERE NOT d IN $deviceIds]
}
MATCH (m:Message {space: $space})
WHERE any(v IN $values WHERE m.answer CONTAINS v)
RETURN m.id AS id, m.answer AS answer
