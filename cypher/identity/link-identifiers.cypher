// Identifier links of a plan, each naming the IDENTIFIER_LINKED audit entry that records it.
UNWIND $links AS l
MATCH (i:Identifier {space: $space, type: l.type, value: l.value})
MATCH (p:ProfileId {space: $space, id: l.profileId})
CREATE (i)-[:IDENTIFIES {at: l.at, auditId: l.auditId}]->(p)
