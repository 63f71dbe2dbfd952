// SDK endpoints: which of these values are user ids already in the space (a known user id is that
// user; any other id of an event is its device).
UNWIND $values AS value
MATCH (:Identifier {space: $space, type: 'user_id', value: value})
RETURN DISTINCT value
