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
    "\n  mutation MergeProfiles($profileIds: [ID!]!, $reason: String, $force: Boolean) {\n    mergeProfiles(profileIds: $profileIds, reason: $reason, force: $force) { ...ProfileFields }\n  }\n": typeof types.MergeProfilesDocument,
    "\n  mutation Demerge($identities: [String!]!, $reason: String) { demerge(identities: $identities, reason: $reason) { profileIds } }\n": typeof types.DemergeDocument,
    "\n  mutation ResetIdentities($profileId: ID!, $reason: String) { resetIdentities(profileId: $profileId, reason: $reason) { profileIds } }\n": typeof types.ResetIdentitiesDocument,
    "\n  mutation Unmerge($auditEntryId: ID!, $reason: String) { unmerge(auditEntryId: $auditEntryId, reason: $reason) { profileIds } }\n": typeof types.UnmergeDocument,
    "\n  mutation DeleteProfile($profileId: ID!, $reason: String) { deleteProfile(profileId: $profileId, reason: $reason) { deleted deletedProfileIds } }\n": typeof types.DeleteProfileDocument,
    "\n  mutation ResetSpace($confirm: String!) { resetSpace(confirm: $confirm) }\n": typeof types.ResetSpaceDocument,
    "\n  fragment ResolutionFields on Resolution {\n    profileId\n    assignedProfileId\n    created\n    mergedProfileIds\n    warnings { code message identifier { type value } }\n  }\n": typeof types.ResolutionFieldsFragmentDoc,
    "\n  fragment ProfileFields on Profile {\n    id\n    ids\n    identifiers { type value }\n    devices { id profileId firstSeenAt lastSeenAt }\n    createdAt\n  }\n": typeof types.ProfileFieldsFragmentDoc,
    "\n  fragment AuditEntryFields on AuditEntry {\n    id\n    at\n    action\n    actor\n    reason\n    profileIds\n    identifiers { type value }\n    deviceIds\n    messageId\n    undoes\n  }\n": typeof types.AuditEntryFieldsFragmentDoc,
    "\n  mutation Resolve($input: ResolveInput!) { resolve(input: $input) { ...ResolutionFields } }\n": typeof types.ResolveDocument,
    "\n  mutation ResolveBatch($inputs: [ResolveInput!]!) { resolveBatch(inputs: $inputs) { ...ResolutionFields } }\n": typeof types.ResolveBatchDocument,
    "\n  query Profile($id: ID!) { profile(id: $id) { ...ProfileFields } }\n": typeof types.ProfileDocument,
    "\n  query ProfileByDevice($deviceId: String!) { profileByDevice(deviceId: $deviceId) { ...ProfileFields } }\n": typeof types.ProfileByDeviceDocument,
    "\n  query ProfileByIdentifier($type: String!, $value: String!) { profileByIdentifier(type: $type, value: $value) { ...ProfileFields } }\n": typeof types.ProfileByIdentifierDocument,
    "\n  query Attribution($deviceId: String!, $at: DateTime!) { attribution(deviceId: $deviceId, at: $at) { assignedProfileId profileId } }\n": typeof types.AttributionDocument,
    "\n  query AuditLog($profileId: ID, $first: Int) { auditLog(profileId: $profileId, first: $first) { edges { node { ...AuditEntryFields } } } }\n": typeof types.AuditLogDocument,
    "\n  query AuditPage { auditLog { edges { node { id } } pageInfo { hasNextPage } } }\n": typeof types.AuditPageDocument,
    "\n  query AuditPageOf($first: Int) { auditLog(first: $first) { edges { node { id } } pageInfo { hasNextPage } } }\n": typeof types.AuditPageOfDocument,
    "\n  query HistoryPage($id: ID!, $first: Int) { profile(id: $id) { history(first: $first) { edges { node { id } } } } }\n": typeof types.HistoryPageDocument,
    "\n  mutation ConcurrentResolve($input: ResolveInput!) {\n    resolve(input: $input) { profileId assignedProfileId created mergedProfileIds warnings { code } }\n  }\n": typeof types.ConcurrentResolveDocument,
    "\n  mutation ConcurrentResolveBatch($inputs: [ResolveInput!]!) {\n    resolveBatch(inputs: $inputs) { profileId assignedProfileId created warnings { code } }\n  }\n": typeof types.ConcurrentResolveBatchDocument,
    "\n  query ConcurrentProfileByIdentifier($type: String!, $value: String!) {\n    profileByIdentifier(type: $type, value: $value) { id ids identifiers { type value } devices { id } }\n  }\n": typeof types.ConcurrentProfileByIdentifierDocument,
    "\n  query Explain($from: IdentityRefInput!, $to: IdentityRefInput!) {\n    explainLink(from: $from, to: $to) {\n      connected\n      profileId\n      steps {\n        from { ...RefFields }\n        to { ...RefFields }\n        kind\n        at\n        auditEntry { id at action actor reason profileIds identifiers { type value } deviceIds messageId }\n      }\n    }\n  }\n  fragment RefFields on IdentityRef { kind deviceId profileId identifier { type value } }\n": typeof types.ExplainDocument,
    "\n  fragment ChangeFields on Change {\n    cursor\n    kind\n    at\n    memberships { profileId belongsTo }\n    identifiers { type value }\n    deviceIds\n    reattributions { deviceId from until fromProfileId toProfileId }\n    auditEntryId\n    traits\n  }\n": typeof types.ChangeFieldsFragmentDoc,
    "\n  query Changes($after: String, $first: Int) {\n    changes(after: $after, first: $first) { edges { cursor node { ...ChangeFields } } pageInfo { hasNextPage endCursor } }\n  }\n": typeof types.ChangesDocument,
    "\n  subscription ChangesAfter($after: String) { changes(after: $after) { ...ChangeFields } }\n": typeof types.ChangesAfterDocument,
    "\n  query Profiles($ids: [ID!]!) { profiles(ids: $ids) { id } }\n": typeof types.ProfilesDocument,
    "\n  mutation ForcedResolve($input: ResolveInput!) { resolve(input: $input) { profileId } }\n": typeof types.ForcedResolveDocument,
    "\n  mutation ForcedMerge($ids: [ID!]!, $force: Boolean) { mergeProfiles(profileIds: $ids, force: $force, reason: \"support ticket\") { id } }\n": typeof types.ForcedMergeDocument,
    "\n  query ForcedHistory($id: ID!) { profile(id: $id) { history(first: 50) { edges { node { action forced } } } } }\n": typeof types.ForcedHistoryDocument,
    "\n  mutation LateResolve($input: ResolveInput!) {\n    resolve(input: $input) {\n      profileId assignedProfileId created mergedProfileIds warnings { code }\n      reattributed { deviceId from until fromProfileId toProfileId }\n    }\n  }\n": typeof types.LateResolveDocument,
    "\n  query ProfileChanges($id: ID!, $first: Int, $after: String) {\n    profile(id: $id) { changes(first: $first, after: $after) { edges { cursor node { ...ChangeFields } } pageInfo { hasNextPage endCursor } } }\n  }\n": typeof types.ProfileChangesDocument,
    "\n  query SdkTraitsByUser($userId: String!) {\n    profileByIdentifier(type: \"user_id\", value: $userId) { id traits traitList { name value at profileId } }\n  }\n": typeof types.SdkTraitsByUserDocument,
    "\n  mutation TimelineResolve($input: ResolveInput!) { resolve(input: $input) { profileId assignedProfileId } }\n": typeof types.TimelineResolveDocument,
    "\n  query TimelineAttribution($deviceId: String!, $at: DateTime!) { attribution(deviceId: $deviceId, at: $at) { assignedProfileId } }\n": typeof types.TimelineAttributionDocument,
    "\n  mutation TraitsResolve($input: ResolveInput!) {\n    resolve(input: $input) { profileId assignedProfileId warnings { code } }\n  }\n": typeof types.TraitsResolveDocument,
    "\n  mutation TraitsResolveBatch($inputs: [ResolveInput!]!) {\n    resolveBatch(inputs: $inputs) { profileId assignedProfileId }\n  }\n": typeof types.TraitsResolveBatchDocument,
    "\n  query TraitsOfProfile($id: ID!) {\n    profile(id: $id) { id ids traits traitList { name value at profileId } }\n  }\n": typeof types.TraitsOfProfileDocument,
    "\n  query TraitsByDevice($deviceId: String!) { profileByDevice(deviceId: $deviceId) { id traits } }\n": typeof types.TraitsByDeviceDocument,
};
const documents: Documents = {
    "\n  mutation MergeProfiles($profileIds: [ID!]!, $reason: String, $force: Boolean) {\n    mergeProfiles(profileIds: $profileIds, reason: $reason, force: $force) { ...ProfileFields }\n  }\n": types.MergeProfilesDocument,
    "\n  mutation Demerge($identities: [String!]!, $reason: String) { demerge(identities: $identities, reason: $reason) { profileIds } }\n": types.DemergeDocument,
    "\n  mutation ResetIdentities($profileId: ID!, $reason: String) { resetIdentities(profileId: $profileId, reason: $reason) { profileIds } }\n": types.ResetIdentitiesDocument,
    "\n  mutation Unmerge($auditEntryId: ID!, $reason: String) { unmerge(auditEntryId: $auditEntryId, reason: $reason) { profileIds } }\n": types.UnmergeDocument,
    "\n  mutation DeleteProfile($profileId: ID!, $reason: String) { deleteProfile(profileId: $profileId, reason: $reason) { deleted deletedProfileIds } }\n": types.DeleteProfileDocument,
    "\n  mutation ResetSpace($confirm: String!) { resetSpace(confirm: $confirm) }\n": types.ResetSpaceDocument,
    "\n  fragment ResolutionFields on Resolution {\n    profileId\n    assignedProfileId\n    created\n    mergedProfileIds\n    warnings { code message identifier { type value } }\n  }\n": types.ResolutionFieldsFragmentDoc,
    "\n  fragment ProfileFields on Profile {\n    id\n    ids\n    identifiers { type value }\n    devices { id profileId firstSeenAt lastSeenAt }\n    createdAt\n  }\n": types.ProfileFieldsFragmentDoc,
    "\n  fragment AuditEntryFields on AuditEntry {\n    id\n    at\n    action\n    actor\n    reason\n    profileIds\n    identifiers { type value }\n    deviceIds\n    messageId\n    undoes\n  }\n": types.AuditEntryFieldsFragmentDoc,
    "\n  mutation Resolve($input: ResolveInput!) { resolve(input: $input) { ...ResolutionFields } }\n": types.ResolveDocument,
    "\n  mutation ResolveBatch($inputs: [ResolveInput!]!) { resolveBatch(inputs: $inputs) { ...ResolutionFields } }\n": types.ResolveBatchDocument,
    "\n  query Profile($id: ID!) { profile(id: $id) { ...ProfileFields } }\n": types.ProfileDocument,
    "\n  query ProfileByDevice($deviceId: String!) { profileByDevice(deviceId: $deviceId) { ...ProfileFields } }\n": types.ProfileByDeviceDocument,
    "\n  query ProfileByIdentifier($type: String!, $value: String!) { profileByIdentifier(type: $type, value: $value) { ...ProfileFields } }\n": types.ProfileByIdentifierDocument,
    "\n  query Attribution($deviceId: String!, $at: DateTime!) { attribution(deviceId: $deviceId, at: $at) { assignedProfileId profileId } }\n": types.AttributionDocument,
    "\n  query AuditLog($profileId: ID, $first: Int) { auditLog(profileId: $profileId, first: $first) { edges { node { ...AuditEntryFields } } } }\n": types.AuditLogDocument,
    "\n  query AuditPage { auditLog { edges { node { id } } pageInfo { hasNextPage } } }\n": types.AuditPageDocument,
    "\n  query AuditPageOf($first: Int) { auditLog(first: $first) { edges { node { id } } pageInfo { hasNextPage } } }\n": types.AuditPageOfDocument,
    "\n  query HistoryPage($id: ID!, $first: Int) { profile(id: $id) { history(first: $first) { edges { node { id } } } } }\n": types.HistoryPageDocument,
    "\n  mutation ConcurrentResolve($input: ResolveInput!) {\n    resolve(input: $input) { profileId assignedProfileId created mergedProfileIds warnings { code } }\n  }\n": types.ConcurrentResolveDocument,
    "\n  mutation ConcurrentResolveBatch($inputs: [ResolveInput!]!) {\n    resolveBatch(inputs: $inputs) { profileId assignedProfileId created warnings { code } }\n  }\n": types.ConcurrentResolveBatchDocument,
    "\n  query ConcurrentProfileByIdentifier($type: String!, $value: String!) {\n    profileByIdentifier(type: $type, value: $value) { id ids identifiers { type value } devices { id } }\n  }\n": types.ConcurrentProfileByIdentifierDocument,
    "\n  query Explain($from: IdentityRefInput!, $to: IdentityRefInput!) {\n    explainLink(from: $from, to: $to) {\n      connected\n      profileId\n      steps {\n        from { ...RefFields }\n        to { ...RefFields }\n        kind\n        at\n        auditEntry { id at action actor reason profileIds identifiers { type value } deviceIds messageId }\n      }\n    }\n  }\n  fragment RefFields on IdentityRef { kind deviceId profileId identifier { type value } }\n": types.ExplainDocument,
    "\n  fragment ChangeFields on Change {\n    cursor\n    kind\n    at\n    memberships { profileId belongsTo }\n    identifiers { type value }\n    deviceIds\n    reattributions { deviceId from until fromProfileId toProfileId }\n    auditEntryId\n    traits\n  }\n": types.ChangeFieldsFragmentDoc,
    "\n  query Changes($after: String, $first: Int) {\n    changes(after: $after, first: $first) { edges { cursor node { ...ChangeFields } } pageInfo { hasNextPage endCursor } }\n  }\n": types.ChangesDocument,
    "\n  subscription ChangesAfter($after: String) { changes(after: $after) { ...ChangeFields } }\n": types.ChangesAfterDocument,
    "\n  query Profiles($ids: [ID!]!) { profiles(ids: $ids) { id } }\n": types.ProfilesDocument,
    "\n  mutation ForcedResolve($input: ResolveInput!) { resolve(input: $input) { profileId } }\n": types.ForcedResolveDocument,
    "\n  mutation ForcedMerge($ids: [ID!]!, $force: Boolean) { mergeProfiles(profileIds: $ids, force: $force, reason: \"support ticket\") { id } }\n": types.ForcedMergeDocument,
    "\n  query ForcedHistory($id: ID!) { profile(id: $id) { history(first: 50) { edges { node { action forced } } } } }\n": types.ForcedHistoryDocument,
    "\n  mutation LateResolve($input: ResolveInput!) {\n    resolve(input: $input) {\n      profileId assignedProfileId created mergedProfileIds warnings { code }\n      reattributed { deviceId from until fromProfileId toProfileId }\n    }\n  }\n": types.LateResolveDocument,
    "\n  query ProfileChanges($id: ID!, $first: Int, $after: String) {\n    profile(id: $id) { changes(first: $first, after: $after) { edges { cursor node { ...ChangeFields } } pageInfo { hasNextPage endCursor } } }\n  }\n": types.ProfileChangesDocument,
    "\n  query SdkTraitsByUser($userId: String!) {\n    profileByIdentifier(type: \"user_id\", value: $userId) { id traits traitList { name value at profileId } }\n  }\n": types.SdkTraitsByUserDocument,
    "\n  mutation TimelineResolve($input: ResolveInput!) { resolve(input: $input) { profileId assignedProfileId } }\n": types.TimelineResolveDocument,
    "\n  query TimelineAttribution($deviceId: String!, $at: DateTime!) { attribution(deviceId: $deviceId, at: $at) { assignedProfileId } }\n": types.TimelineAttributionDocument,
    "\n  mutation TraitsResolve($input: ResolveInput!) {\n    resolve(input: $input) { profileId assignedProfileId warnings { code } }\n  }\n": types.TraitsResolveDocument,
    "\n  mutation TraitsResolveBatch($inputs: [ResolveInput!]!) {\n    resolveBatch(inputs: $inputs) { profileId assignedProfileId }\n  }\n": types.TraitsResolveBatchDocument,
    "\n  query TraitsOfProfile($id: ID!) {\n    profile(id: $id) { id ids traits traitList { name value at profileId } }\n  }\n": types.TraitsOfProfileDocument,
    "\n  query TraitsByDevice($deviceId: String!) { profileByDevice(deviceId: $deviceId) { id traits } }\n": types.TraitsByDeviceDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MergeProfiles($profileIds: [ID!]!, $reason: String, $force: Boolean) {\n    mergeProfiles(profileIds: $profileIds, reason: $reason, force: $force) { ...ProfileFields }\n  }\n"): typeof import('./graphql.js').MergeProfilesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Demerge($identities: [String!]!, $reason: String) { demerge(identities: $identities, reason: $reason) { profileIds } }\n"): typeof import('./graphql.js').DemergeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetIdentities($profileId: ID!, $reason: String) { resetIdentities(profileId: $profileId, reason: $reason) { profileIds } }\n"): typeof import('./graphql.js').ResetIdentitiesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Unmerge($auditEntryId: ID!, $reason: String) { unmerge(auditEntryId: $auditEntryId, reason: $reason) { profileIds } }\n"): typeof import('./graphql.js').UnmergeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteProfile($profileId: ID!, $reason: String) { deleteProfile(profileId: $profileId, reason: $reason) { deleted deletedProfileIds } }\n"): typeof import('./graphql.js').DeleteProfileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetSpace($confirm: String!) { resetSpace(confirm: $confirm) }\n"): typeof import('./graphql.js').ResetSpaceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ResolutionFields on Resolution {\n    profileId\n    assignedProfileId\n    created\n    mergedProfileIds\n    warnings { code message identifier { type value } }\n  }\n"): typeof import('./graphql.js').ResolutionFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProfileFields on Profile {\n    id\n    ids\n    identifiers { type value }\n    devices { id profileId firstSeenAt lastSeenAt }\n    createdAt\n  }\n"): typeof import('./graphql.js').ProfileFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditEntryFields on AuditEntry {\n    id\n    at\n    action\n    actor\n    reason\n    profileIds\n    identifiers { type value }\n    deviceIds\n    messageId\n    undoes\n  }\n"): typeof import('./graphql.js').AuditEntryFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Resolve($input: ResolveInput!) { resolve(input: $input) { ...ResolutionFields } }\n"): typeof import('./graphql.js').ResolveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveBatch($inputs: [ResolveInput!]!) { resolveBatch(inputs: $inputs) { ...ResolutionFields } }\n"): typeof import('./graphql.js').ResolveBatchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Profile($id: ID!) { profile(id: $id) { ...ProfileFields } }\n"): typeof import('./graphql.js').ProfileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProfileByDevice($deviceId: String!) { profileByDevice(deviceId: $deviceId) { ...ProfileFields } }\n"): typeof import('./graphql.js').ProfileByDeviceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProfileByIdentifier($type: String!, $value: String!) { profileByIdentifier(type: $type, value: $value) { ...ProfileFields } }\n"): typeof import('./graphql.js').ProfileByIdentifierDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Attribution($deviceId: String!, $at: DateTime!) { attribution(deviceId: $deviceId, at: $at) { assignedProfileId profileId } }\n"): typeof import('./graphql.js').AttributionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($profileId: ID, $first: Int) { auditLog(profileId: $profileId, first: $first) { edges { node { ...AuditEntryFields } } } }\n"): typeof import('./graphql.js').AuditLogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditPage { auditLog { edges { node { id } } pageInfo { hasNextPage } } }\n"): typeof import('./graphql.js').AuditPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditPageOf($first: Int) { auditLog(first: $first) { edges { node { id } } pageInfo { hasNextPage } } }\n"): typeof import('./graphql.js').AuditPageOfDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HistoryPage($id: ID!, $first: Int) { profile(id: $id) { history(first: $first) { edges { node { id } } } } }\n"): typeof import('./graphql.js').HistoryPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConcurrentResolve($input: ResolveInput!) {\n    resolve(input: $input) { profileId assignedProfileId created mergedProfileIds warnings { code } }\n  }\n"): typeof import('./graphql.js').ConcurrentResolveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConcurrentResolveBatch($inputs: [ResolveInput!]!) {\n    resolveBatch(inputs: $inputs) { profileId assignedProfileId created warnings { code } }\n  }\n"): typeof import('./graphql.js').ConcurrentResolveBatchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConcurrentProfileByIdentifier($type: String!, $value: String!) {\n    profileByIdentifier(type: $type, value: $value) { id ids identifiers { type value } devices { id } }\n  }\n"): typeof import('./graphql.js').ConcurrentProfileByIdentifierDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Explain($from: IdentityRefInput!, $to: IdentityRefInput!) {\n    explainLink(from: $from, to: $to) {\n      connected\n      profileId\n      steps {\n        from { ...RefFields }\n        to { ...RefFields }\n        kind\n        at\n        auditEntry { id at action actor reason profileIds identifiers { type value } deviceIds messageId }\n      }\n    }\n  }\n  fragment RefFields on IdentityRef { kind deviceId profileId identifier { type value } }\n"): typeof import('./graphql.js').ExplainDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChangeFields on Change {\n    cursor\n    kind\n    at\n    memberships { profileId belongsTo }\n    identifiers { type value }\n    deviceIds\n    reattributions { deviceId from until fromProfileId toProfileId }\n    auditEntryId\n    traits\n  }\n"): typeof import('./graphql.js').ChangeFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Changes($after: String, $first: Int) {\n    changes(after: $after, first: $first) { edges { cursor node { ...ChangeFields } } pageInfo { hasNextPage endCursor } }\n  }\n"): typeof import('./graphql.js').ChangesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ChangesAfter($after: String) { changes(after: $after) { ...ChangeFields } }\n"): typeof import('./graphql.js').ChangesAfterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Profiles($ids: [ID!]!) { profiles(ids: $ids) { id } }\n"): typeof import('./graphql.js').ProfilesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ForcedResolve($input: ResolveInput!) { resolve(input: $input) { profileId } }\n"): typeof import('./graphql.js').ForcedResolveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ForcedMerge($ids: [ID!]!, $force: Boolean) { mergeProfiles(profileIds: $ids, force: $force, reason: \"support ticket\") { id } }\n"): typeof import('./graphql.js').ForcedMergeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ForcedHistory($id: ID!) { profile(id: $id) { history(first: 50) { edges { node { action forced } } } } }\n"): typeof import('./graphql.js').ForcedHistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LateResolve($input: ResolveInput!) {\n    resolve(input: $input) {\n      profileId assignedProfileId created mergedProfileIds warnings { code }\n      reattributed { deviceId from until fromProfileId toProfileId }\n    }\n  }\n"): typeof import('./graphql.js').LateResolveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProfileChanges($id: ID!, $first: Int, $after: String) {\n    profile(id: $id) { changes(first: $first, after: $after) { edges { cursor node { ...ChangeFields } } pageInfo { hasNextPage endCursor } } }\n  }\n"): typeof import('./graphql.js').ProfileChangesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SdkTraitsByUser($userId: String!) {\n    profileByIdentifier(type: \"user_id\", value: $userId) { id traits traitList { name value at profileId } }\n  }\n"): typeof import('./graphql.js').SdkTraitsByUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TimelineResolve($input: ResolveInput!) { resolve(input: $input) { profileId assignedProfileId } }\n"): typeof import('./graphql.js').TimelineResolveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TimelineAttribution($deviceId: String!, $at: DateTime!) { attribution(deviceId: $deviceId, at: $at) { assignedProfileId } }\n"): typeof import('./graphql.js').TimelineAttributionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TraitsResolve($input: ResolveInput!) {\n    resolve(input: $input) { profileId assignedProfileId warnings { code } }\n  }\n"): typeof import('./graphql.js').TraitsResolveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TraitsResolveBatch($inputs: [ResolveInput!]!) {\n    resolveBatch(inputs: $inputs) { profileId assignedProfileId }\n  }\n"): typeof import('./graphql.js').TraitsResolveBatchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TraitsOfProfile($id: ID!) {\n    profile(id: $id) { id ids traits traitList { name value at profileId } }\n  }\n"): typeof import('./graphql.js').TraitsOfProfileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TraitsByDevice($deviceId: String!) { profileByDevice(deviceId: $deviceId) { id traits } }\n"): typeof import('./graphql.js').TraitsByDeviceDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
