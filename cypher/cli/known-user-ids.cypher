// idgraph import: the ids among these that the space knows as user ids (settles ids whose kind a line does not say).
UNWIND $ids AS id
MATCH (i:Identifier {space: $space, type: 'user_id', value: id})
WHERE EXISTS { (i)-[:IDENTIFIES]->(:ProfileId) }
RETURN i.value AS id
