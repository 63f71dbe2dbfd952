// After a migration's statements: wait (up to five minutes) until the indexes it created are online.
CALL db.awaitIndexes(300)
