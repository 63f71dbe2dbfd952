// idgraph import: the file's lines up to $lines are taken in (applied, refused or skipped), so a
// rerun resumes after them, however long after: unlike receipts (rule 8), a checkpoint has no window.
MERGE (c:ImportCheckpoint {space: $space, file: $file})
ON CREATE SET c.startedAt = datetime()
SET c.name = $name, c.lines = CASE WHEN c.lines IS NULL OR $lines > c.lines THEN $lines ELSE c.lines END, c.updatedAt = datetime()
RETURN c.lines AS lines
