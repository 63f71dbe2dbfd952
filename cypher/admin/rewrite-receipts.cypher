// GDPR delete: stored answers rewritten without the deleted values.
UNWIND $receipts AS r
MATCH (m:Message {space: $space, id: r.id})
SET m.answer = r.answer
