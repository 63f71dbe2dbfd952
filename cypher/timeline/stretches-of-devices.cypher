// Rule 10: every stretch of some devices, in timeline order (admin operations that delete profile ids).
UNWIND $deviceIds AS deviceId
MATCH (s:Stretch {space: $space, deviceId: deviceId})
WHERE s.from IS NOT NULL AND s.fromSeq IS NOT NULL // every key property named: the key index serves it
RETURN s.deviceId AS deviceId, s.from AS from, coalesce(s.fromSeq, 0) AS fromSeq, s.until AS until, s.untilSeq AS untilSeq,
       s.profileId AS profileId
ORDER BY deviceId, from, fromSeq
