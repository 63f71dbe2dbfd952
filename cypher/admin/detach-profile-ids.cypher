// Demerge and reset identities: every identifier link and manual merge of these profile ids goes.
UNWIND $profileIds AS id
MATCH (p:ProfileId {space: $space, id: id})
CALL (p) {
  MATCH (p)<-[r:IDENTIFIES]-(:Identifier)
  DELETE r
}
CALL (p) {
  MATCH (p)-[r:MERGED_WITH]->(:ProfileId)
  DELETE r
}
