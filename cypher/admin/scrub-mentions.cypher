// GDPR delete: other profiles' audit entries can name the deleted identifiers ("type:value") or
// devices too (an IDENTITY_ERROR between two people, a DEMERGED entry of an earlier profile): those
// values go, and so does a repeated refusal's key, which names them too. Returns the receipts whose
// warnings name a deleted identifier, for the store to rewrite. Both are found by value through the
// full-text indexes of migration 0005 ($auditTerms, $receiptTerms: one exact term each), not by
// reading every entry and receipt of the space.
CALL () {
  UNWIND $auditTerms AS term
  CALL db.index.fulltext.queryNodes('audit_mentions', term) YIELD node
  WITH DISTINCT node AS a
  WHERE a.space = $space AND (any(x IN a.identifiers WHERE x IN $encoded) OR any(d IN a.deviceIds WHERE d IN $deviceIds))
  SET a.identifiers = [x IN a.identifiers WHERE NOT x IN $encoded],
      a.deviceIds = [d IN a.deviceIds WHERE NOT d IN $deviceIds]
  REMOVE a.refusalKey
}
UNWIND $receiptTerms AS term
CALL db.index.fulltext.queryNodes('message_mentions', term) YIELD node
WITH DISTINCT node AS m
WHERE m.space = $space AND any(x IN m.mentions WHERE x IN $encoded)
RETURN m.id AS id, m.answer AS answer, m.warnings AS warnings, m.mentions AS mentions
