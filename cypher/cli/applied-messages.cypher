// idgraph import: the messageIds among these that the space has already applied (a rerun skips them).
UNWIND $ids AS id
MATCH (m:Message {space: $space, id: id}) WHERE m.answer IS NOT NULL
RETURN m.id AS id
