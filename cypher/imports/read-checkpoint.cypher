// idgraph import: how many lines of a file (by the digest of its content) the space has taken in.
MATCH (c:ImportCheckpoint {space: $space, file: $file})
RETURN c.lines AS lines
