// The audit entries naming a profile id that no longer exists (auditLog(profileId:) after a delete
// or a demerge) are found by value through audit_mentions, as GDPR delete finds those naming an
// identifier or a device, not by reading every entry of the space.
DROP INDEX audit_mentions IF EXISTS;

CREATE FULLTEXT INDEX audit_mentions IF NOT EXISTS
FOR (a:AuditEntry) ON EACH [a.identifiers, a.deviceIds, a.profileIds]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}};
