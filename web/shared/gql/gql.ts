/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment AuditEntryFields on AuditEntry {\n    id\n    at\n    action\n    actor\n    reason\n    profileIds\n    identifiers { type value }\n    deviceIds\n    messageId\n    forced\n    undoes\n  }\n": typeof types.AuditEntryFieldsFragmentDoc,
    "\n  fragment ProfileFields on Profile {\n    id\n    ids\n    createdAt\n    identifiers { type value }\n    devices { id profileId firstSeenAt lastSeenAt }\n    traits\n    traitList { name value at profileId }\n  }\n": typeof types.ProfileFieldsFragmentDoc,
    "\n  fragment ChangeFields on Change {\n    cursor\n    kind\n    at\n    memberships { profileId belongsTo }\n    identifiers { type value }\n    deviceIds\n    reattributions { deviceId from until fromProfileId toProfileId }\n    auditEntryId\n  }\n": typeof types.ChangeFieldsFragmentDoc,
    "\n  query FindAny($value: String!, $id: ID!) {\n    byProfileId: profile(id: $id) { id }\n    byDevice: profileByDevice(deviceId: $value) { id }\n    byUserId: profileByIdentifier(type: \"user_id\", value: $value) { id }\n    byEmail: profileByIdentifier(type: \"email\", value: $value) { id }\n    byPhone: profileByIdentifier(type: \"phone\", value: $value) { id }\n  }\n": typeof types.FindAnyDocument,
    "\n  query FindByProfileId($id: ID!) { found: profile(id: $id) { id } }\n": typeof types.FindByProfileIdDocument,
    "\n  query FindByDevice($value: String!) { found: profileByDevice(deviceId: $value) { id } }\n": typeof types.FindByDeviceDocument,
    "\n  query FindByIdentifier($type: String!, $value: String!) { found: profileByIdentifier(type: $type, value: $value) { id } }\n": typeof types.FindByIdentifierDocument,
    "\n  query Profile($id: ID!, $first: Int!, $after: String) {\n    profile(id: $id) {\n      ...ProfileFields\n      history(first: $first, after: $after) {\n        edges { cursor node { ...AuditEntryFields } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": typeof types.ProfileDocument,
    "\n  query History($id: ID!, $first: Int!, $after: String) {\n    profile(id: $id) {\n      id\n      history(first: $first, after: $after) {\n        edges { cursor node { ...AuditEntryFields } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": typeof types.HistoryDocument,
    "\n  query Changes($id: ID!, $first: Int!, $after: String) {\n    profile(id: $id) {\n      id\n      changes(first: $first, after: $after) {\n        edges { cursor node { ...ChangeFields } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": typeof types.ChangesDocument,
    "\n  query Neighbours($ids: [ID!]!) { profiles(ids: $ids) { ...ProfileFields } }\n": typeof types.NeighboursDocument,
    "\n  query Explain($from: IdentityRefInput!, $to: IdentityRefInput!) {\n    explainLink(from: $from, to: $to) {\n      connected\n      profileId\n      steps {\n        kind\n        at\n        from { kind deviceId profileId identifier { type value } }\n        to { kind deviceId profileId identifier { type value } }\n        auditEntry { ...AuditEntryFields }\n      }\n    }\n  }\n": typeof types.ExplainDocument,
    "\n  mutation Unmerge($id: ID!, $reason: String) { unmerge(auditEntryId: $id, reason: $reason) { profileIds } }\n": typeof types.UnmergeDocument,
    "\n  mutation ResetIdentities($id: ID!, $reason: String) { resetIdentities(profileId: $id, reason: $reason) { profileIds } }\n": typeof types.ResetIdentitiesDocument,
    "\n  mutation DeleteProfile($id: ID!, $reason: String) { deleteProfile(profileId: $id, reason: $reason) { deleted deletedProfileIds } }\n": typeof types.DeleteProfileDocument,
    "\n  query Whoami { whoami { name role space } }\n": typeof types.WhoamiDocument,
};
const documents: Documents = {
    "\n  fragment AuditEntryFields on AuditEntry {\n    id\n    at\n    action\n    actor\n    reason\n    profileIds\n    identifiers { type value }\n    deviceIds\n    messageId\n    forced\n    undoes\n  }\n": types.AuditEntryFieldsFragmentDoc,
    "\n  fragment ProfileFields on Profile {\n    id\n    ids\n    createdAt\n    identifiers { type value }\n    devices { id profileId firstSeenAt lastSeenAt }\n    traits\n    traitList { name value at profileId }\n  }\n": types.ProfileFieldsFragmentDoc,
    "\n  fragment ChangeFields on Change {\n    cursor\n    kind\n    at\n    memberships { profileId belongsTo }\n    identifiers { type value }\n    deviceIds\n    reattributions { deviceId from until fromProfileId toProfileId }\n    auditEntryId\n  }\n": types.ChangeFieldsFragmentDoc,
    "\n  query FindAny($value: String!, $id: ID!) {\n    byProfileId: profile(id: $id) { id }\n    byDevice: profileByDevice(deviceId: $value) { id }\n    byUserId: profileByIdentifier(type: \"user_id\", value: $value) { id }\n    byEmail: profileByIdentifier(type: \"email\", value: $value) { id }\n    byPhone: profileByIdentifier(type: \"phone\", value: $value) { id }\n  }\n": types.FindAnyDocument,
    "\n  query FindByProfileId($id: ID!) { found: profile(id: $id) { id } }\n": types.FindByProfileIdDocument,
    "\n  query FindByDevice($value: String!) { found: profileByDevice(deviceId: $value) { id } }\n": types.FindByDeviceDocument,
    "\n  query FindByIdentifier($type: String!, $value: String!) { found: profileByIdentifier(type: $type, value: $value) { id } }\n": types.FindByIdentifierDocument,
    "\n  query Profile($id: ID!, $first: Int!, $after: String) {\n    profile(id: $id) {\n      ...ProfileFields\n      history(first: $first, after: $after) {\n        edges { cursor node { ...AuditEntryFields } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": types.ProfileDocument,
    "\n  query History($id: ID!, $first: Int!, $after: String) {\n    profile(id: $id) {\n      id\n      history(first: $first, after: $after) {\n        edges { cursor node { ...AuditEntryFields } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": types.HistoryDocument,
    "\n  query Changes($id: ID!, $first: Int!, $after: String) {\n    profile(id: $id) {\n      id\n      changes(first: $first, after: $after) {\n        edges { cursor node { ...ChangeFields } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n": types.ChangesDocument,
    "\n  query Neighbours($ids: [ID!]!) { profiles(ids: $ids) { ...ProfileFields } }\n": types.NeighboursDocument,
    "\n  query Explain($from: IdentityRefInput!, $to: IdentityRefInput!) {\n    explainLink(from: $from, to: $to) {\n      connected\n      profileId\n      steps {\n        kind\n        at\n        from { kind deviceId profileId identifier { type value } }\n        to { kind deviceId profileId identifier { type value } }\n        auditEntry { ...AuditEntryFields }\n      }\n    }\n  }\n": types.ExplainDocument,
    "\n  mutation Unmerge($id: ID!, $reason: String) { unmerge(auditEntryId: $id, reason: $reason) { profileIds } }\n": types.UnmergeDocument,
    "\n  mutation ResetIdentities($id: ID!, $reason: String) { resetIdentities(profileId: $id, reason: $reason) { profileIds } }\n": types.ResetIdentitiesDocument,
    "\n  mutation DeleteProfile($id: ID!, $reason: String) { deleteProfile(profileId: $id, reason: $reason) { deleted deletedProfileIds } }\n": types.DeleteProfileDocument,
    "\n  query Whoami { whoami { name role space } }\n": types.WhoamiDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditEntryFields on AuditEntry {\n    id\n    at\n    action\n    actor\n    reason\n    profileIds\n    identifiers { type value }\n    deviceIds\n    messageId\n    forced\n    undoes\n  }\n"): typeof import('./graphql.js').AuditEntryFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProfileFields on Profile {\n    id\n    ids\n    createdAt\n    identifiers { type value }\n    devices { id profileId firstSeenAt lastSeenAt }\n    traits\n    traitList { name value at profileId }\n  }\n"): typeof import('./graphql.js').ProfileFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChangeFields on Change {\n    cursor\n    kind\n    at\n    memberships { profileId belongsTo }\n    identifiers { type value }\n    deviceIds\n    reattributions { deviceId from until fromProfileId toProfileId }\n    auditEntryId\n  }\n"): typeof import('./graphql.js').ChangeFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FindAny($value: String!, $id: ID!) {\n    byProfileId: profile(id: $id) { id }\n    byDevice: profileByDevice(deviceId: $value) { id }\n    byUserId: profileByIdentifier(type: \"user_id\", value: $value) { id }\n    byEmail: profileByIdentifier(type: \"email\", value: $value) { id }\n    byPhone: profileByIdentifier(type: \"phone\", value: $value) { id }\n  }\n"): typeof import('./graphql.js').FindAnyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FindByProfileId($id: ID!) { found: profile(id: $id) { id } }\n"): typeof import('./graphql.js').FindByProfileIdDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FindByDevice($value: String!) { found: profileByDevice(deviceId: $value) { id } }\n"): typeof import('./graphql.js').FindByDeviceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FindByIdentifier($type: String!, $value: String!) { found: profileByIdentifier(type: $type, value: $value) { id } }\n"): typeof import('./graphql.js').FindByIdentifierDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Profile($id: ID!, $first: Int!, $after: String) {\n    profile(id: $id) {\n      ...ProfileFields\n      history(first: $first, after: $after) {\n        edges { cursor node { ...AuditEntryFields } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"): typeof import('./graphql.js').ProfileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query History($id: ID!, $first: Int!, $after: String) {\n    profile(id: $id) {\n      id\n      history(first: $first, after: $after) {\n        edges { cursor node { ...AuditEntryFields } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"): typeof import('./graphql.js').HistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Changes($id: ID!, $first: Int!, $after: String) {\n    profile(id: $id) {\n      id\n      changes(first: $first, after: $after) {\n        edges { cursor node { ...ChangeFields } }\n        pageInfo { hasNextPage endCursor }\n      }\n    }\n  }\n"): typeof import('./graphql.js').ChangesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Neighbours($ids: [ID!]!) { profiles(ids: $ids) { ...ProfileFields } }\n"): typeof import('./graphql.js').NeighboursDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Explain($from: IdentityRefInput!, $to: IdentityRefInput!) {\n    explainLink(from: $from, to: $to) {\n      connected\n      profileId\n      steps {\n        kind\n        at\n        from { kind deviceId profileId identifier { type value } }\n        to { kind deviceId profileId identifier { type value } }\n        auditEntry { ...AuditEntryFields }\n      }\n    }\n  }\n"): typeof import('./graphql.js').ExplainDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Unmerge($id: ID!, $reason: String) { unmerge(auditEntryId: $id, reason: $reason) { profileIds } }\n"): typeof import('./graphql.js').UnmergeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetIdentities($id: ID!, $reason: String) { resetIdentities(profileId: $id, reason: $reason) { profileIds } }\n"): typeof import('./graphql.js').ResetIdentitiesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteProfile($id: ID!, $reason: String) { deleteProfile(profileId: $id, reason: $reason) { deleted deletedProfileIds } }\n"): typeof import('./graphql.js').DeleteProfileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Whoami { whoami { name role space } }\n"): typeof import('./graphql.js').WhoamiDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
