// GDPR delete: receipts rewritten without the deleted values (their whole answer or their
// warnings, and what they mention).
UNWIND $receipts AS r
MATCH (m:Message {space: $space, id: r.id})
SET m.answer = r.answer, m.warnings = r.warnings, m.mentions = r.mentions
