// Identifiers that no longer identify any profile id go (src/persistence/writes.ts).
UNWIND $identifiers AS identifier
MATCH (i:Identifier {space: $space, type: identifier.type, value: identifier.value})
WHERE NOT (i)-[:IDENTIFIES]->()
DETACH DELETE i
