// The GraphQL operations of the explorer: only the public API, with the key the person entered.
// Typed by `npm run codegen` (../shared/gql/); a new profile section adds its fields to ProfileFields.
import { graphql } from "../shared/gql/index.js";

export const AUDIT_ENTRY_FIELDS = graphql(`
  fragment AuditEntryFields on AuditEntry {
    id
    at
    action
    actor
    reason
    profileIds
    identifiers { type value }
    deviceIds
    messageId
    forced
    undoes
  }
`);

export const PROFILE_FIELDS = graphql(`
  fragment ProfileFields on Profile {
    id
    ids
    createdAt
    identifiers { type value }
    devices { id profileId firstSeenAt lastSeenAt }
    traits
    traitList { name value at profileId }
  }
`);

export const CHANGE_FIELDS = graphql(`
  fragment ChangeFields on Change {
    cursor
    kind
    at
    memberships { profileId belongsTo }
    identifiers { type value }
    deviceIds
    reattributions { deviceId from until fromProfileId toProfileId }
    auditEntryId
  }
`);

/** Every lookup at once: the first that finds a profile wins (profile id, device id, then identifier types). */
export const FIND_ANY = graphql(`
  query FindAny($value: String!, $id: ID!) {
    byProfileId: profile(id: $id) { id }
    byDevice: profileByDevice(deviceId: $value) { id }
    byUserId: profileByIdentifier(type: "user_id", value: $value) { id }
    byEmail: profileByIdentifier(type: "email", value: $value) { id }
    byPhone: profileByIdentifier(type: "phone", value: $value) { id }
  }
`);
export const FIND_BY_PROFILE_ID = graphql(`
  query FindByProfileId($id: ID!) { found: profile(id: $id) { id } }
`);
export const FIND_BY_DEVICE = graphql(`
  query FindByDevice($value: String!) { found: profileByDevice(deviceId: $value) { id } }
`);
export const FIND_BY_IDENTIFIER = graphql(`
  query FindByIdentifier($type: String!, $value: String!) { found: profileByIdentifier(type: $type, value: $value) { id } }
`);

export const PROFILE = graphql(`
  query Profile($id: ID!, $first: Int!, $after: String) {
    profile(id: $id) {
      ...ProfileFields
      history(first: $first, after: $after) {
        edges { cursor node { ...AuditEntryFields } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);

export const HISTORY = graphql(`
  query History($id: ID!, $first: Int!, $after: String) {
    profile(id: $id) {
      id
      history(first: $first, after: $after) {
        edges { cursor node { ...AuditEntryFields } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);

/** The change feed's entries about the profile, newest first. */
export const CHANGES = graphql(`
  query Changes($id: ID!, $first: Int!, $after: String) {
    profile(id: $id) {
      id
      changes(first: $first, after: $after) {
        edges { cursor node { ...ChangeFields } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);

/** The current profiles of shared devices' other people (faded in the drawing). */
export const NEIGHBOURS = graphql(`
  query Neighbours($ids: [ID!]!) { profiles(ids: $ids) { ...ProfileFields } }
`);

export const EXPLAIN = graphql(`
  query Explain($from: IdentityRefInput!, $to: IdentityRefInput!) {
    explainLink(from: $from, to: $to) {
      connected
      profileId
      steps {
        kind
        at
        from { kind deviceId profileId identifier { type value } }
        to { kind deviceId profileId identifier { type value } }
        auditEntry { ...AuditEntryFields }
      }
    }
  }
`);

export const UNMERGE = graphql(`
  mutation Unmerge($id: ID!, $reason: String) { unmerge(auditEntryId: $id, reason: $reason) { profileIds } }
`);
export const RESET_IDENTITIES = graphql(`
  mutation ResetIdentities($id: ID!, $reason: String) { resetIdentities(profileId: $id, reason: $reason) { profileIds } }
`);
export const DELETE_PROFILE = graphql(`
  mutation DeleteProfile($id: ID!, $reason: String) { deleteProfile(profileId: $id, reason: $reason) { deleted deletedProfileIds } }
`);
