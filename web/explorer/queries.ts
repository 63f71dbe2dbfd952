// The GraphQL operations of the explorer: only the public API, with the key the person entered.
const ENTRY = "id at action actor reason profileIds identifiers { type value } deviceIds messageId forced undoes";
export const ENTRY_FIELDS = ENTRY;

export const WHOAMI = "query Whoami { whoami { name role space } }";

const PROFILE_FIELDS = "id ids createdAt identifiers { type value } devices { id profileId firstSeenAt lastSeenAt }";

/** Every lookup at once: the first that finds a profile wins (profile id, device id, then identifier types). */
export const FIND_ANY = `query FindAny($value: String!, $id: ID!) {
  byProfileId: profile(id: $id) { id }
  byDevice: profileByDevice(deviceId: $value) { id }
  byUserId: profileByIdentifier(type: "user_id", value: $value) { id }
  byEmail: profileByIdentifier(type: "email", value: $value) { id }
  byPhone: profileByIdentifier(type: "phone", value: $value) { id }
}`;
export const FIND_BY_PROFILE_ID = "query FindByProfileId($id: ID!) { found: profile(id: $id) { id } }";
export const FIND_BY_DEVICE = "query FindByDevice($value: String!) { found: profileByDevice(deviceId: $value) { id } }";
export const FIND_BY_IDENTIFIER =
  "query FindByIdentifier($type: String!, $value: String!) { found: profileByIdentifier(type: $type, value: $value) { id } }";

export const PROFILE = `query Profile($id: ID!, $first: Int!, $after: String) {
  profile(id: $id) { ${PROFILE_FIELDS} history(first: $first, after: $after) { edges { cursor node { ${ENTRY} } } pageInfo { hasNextPage endCursor } } }
}`;

export const HISTORY = `query History($id: ID!, $first: Int!, $after: String) {
  profile(id: $id) { id history(first: $first, after: $after) { edges { cursor node { ${ENTRY} } } pageInfo { hasNextPage endCursor } } }
}`;

const CHANGE = `cursor kind at memberships { profileId belongsTo } identifiers { type value } deviceIds
  reattributions { deviceId from until fromProfileId toProfileId } auditEntryId`;

/** The change feed's entries about the profile, newest first. */
export const CHANGES = `query Changes($id: ID!, $first: Int!, $after: String) {
  profile(id: $id) { id changes(first: $first, after: $after) { edges { cursor node { ${CHANGE} } } pageInfo { hasNextPage endCursor } } }
}`;

/** The current profiles of shared devices' other people (faded in the drawing). */
export const NEIGHBOURS = `query Neighbours($ids: [ID!]!) { profiles(ids: $ids) { ${PROFILE_FIELDS} } }`;

export const EXPLAIN = `query Explain($from: IdentityRefInput!, $to: IdentityRefInput!) {
  explainLink(from: $from, to: $to) {
    connected profileId
    steps { kind at from { kind deviceId profileId identifier { type value } } to { kind deviceId profileId identifier { type value } } auditEntry { ${ENTRY} } }
  }
}`;

export const UNMERGE = "mutation Unmerge($id: ID!, $reason: String) { unmerge(auditEntryId: $id, reason: $reason) { profileIds } }";
export const RESET_IDENTITIES =
  "mutation ResetIdentities($id: ID!, $reason: String) { resetIdentities(profileId: $id, reason: $reason) { profileIds } }";
export const DELETE_PROFILE =
  "mutation DeleteProfile($id: ID!, $reason: String) { deleteProfile(profileId: $id, reason: $reason) { deleted deletedProfileIds } }";
