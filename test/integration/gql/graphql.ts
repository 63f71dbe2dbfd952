/* eslint-disable */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  DateTime: { input: string; output: string; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSON: { input: any; output: any; }
};

export type AuditAction =
  | 'ACTIVITY_REATTRIBUTED'
  | 'DEMERGED'
  | 'GHOST_PROFILE'
  | 'IDENTIFIER_LINKED'
  | 'IDENTITIES_RESET'
  | 'IDENTITY_ERROR'
  | 'PROFILES_MERGED'
  | 'PROFILES_UNMERGED'
  | 'PROFILE_CREATED'
  | 'PROFILE_DELETED'
  | 'TRAITS_CHANGED';

export type ChangeKind =
  | 'ACTIVITY_REATTRIBUTED'
  | 'IDENTIFIER_ADDED'
  | 'IDENTIFIER_REMOVED'
  | 'PROFILES_MERGED'
  | 'PROFILE_CREATED'
  | 'PROFILE_DELETED'
  /** A profile came apart (unmerge, demerge, reset identities) */
  | 'PROFILE_SPLIT'
  /** Traits of a profile id changed (rule 11) */
  | 'TRAITS_CHANGED';

export type IdentifierInput = {
  /** user_id, email, phone, or a configured custom type */
  type: Scalars['String']['input'];
  value: Scalars['String']['input'];
};

/** One thing of a profile: exactly one of deviceId, profileId, identifier */
export type IdentityRefInput = {
  deviceId?: InputMaybe<Scalars['String']['input']>;
  /** Normalised as in resolve, so an email may be given in any case */
  identifier?: InputMaybe<IdentifierInput>;
  profileId?: InputMaybe<Scalars['ID']['input']>;
};

/** What an IdentityRef names */
export type IdentityRefKind =
  | 'DEVICE'
  | 'IDENTIFIER'
  | 'PROFILE_ID';

/** The kind of edge a step follows */
export type LinkKind =
  /** A device and one of its own profile ids (only ever at either end of a chain: a device joins nothing) */
  | 'DEVICE_PROFILE_ID'
  /** An identifier attached to a profile id (IDENTIFIER_LINKED) */
  | 'IDENTIFIER'
  /** An admin's merge of two profile ids (mergeProfiles) */
  | 'MANUAL_MERGE';

export type ResolveInput = {
  deviceId?: InputMaybe<Scalars['String']['input']>;
  /** Optional event name */
  event?: InputMaybe<Scalars['String']['input']>;
  identifiers?: InputMaybe<Array<IdentifierInput>>;
  /** Idempotency key: a repeated messageId returns the first answer and changes nothing */
  messageId?: InputMaybe<Scalars['String']['input']>;
  /** When the observation happened; defaults to the time it was received */
  timestamp?: InputMaybe<Scalars['DateTime']['input']>;
  /** Profile properties this observation sets, name to value; per name the newest timestamp wins (rule 11) */
  traits?: InputMaybe<Scalars['JSON']['input']>;
  /** Properties set only where the profile has none yet; the oldest timestamp wins (rule 11) */
  traitsOnce?: InputMaybe<Scalars['JSON']['input']>;
  /** Trait names this observation removes (rule 11) */
  unsetTraits?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Shorthand for identifiers: [{ type: "user_id", value: userId }] */
  userId?: InputMaybe<Scalars['String']['input']>;
};

export type WarningCode =
  | 'BLOCKED_IDENTIFIER'
  | 'DEVICE_LIMIT_REACHED'
  | 'DUPLICATE_MESSAGE'
  | 'IDENTIFIER_CONFLICT'
  | 'LATE_OBSERVATION';

export type MergeProfilesMutationVariables = Exact<{
  profileIds: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
  force?: InputMaybe<Scalars['Boolean']['input']>;
}>;


export type MergeProfilesMutation = { mergeProfiles: { id: string, ids: Array<string>, createdAt: string, identifiers: Array<{ type: string, value: string }>, devices: Array<{ id: string, profileId: string | null, firstSeenAt: string | null, lastSeenAt: string | null }> } };

export type DemergeMutationVariables = Exact<{
  identities: Array<Scalars['String']['input']> | Scalars['String']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
}>;


export type DemergeMutation = { demerge: { profileIds: Array<string> } };

export type ResetIdentitiesMutationVariables = Exact<{
  profileId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
}>;


export type ResetIdentitiesMutation = { resetIdentities: { profileIds: Array<string> } };

export type UnmergeMutationVariables = Exact<{
  auditEntryId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
}>;


export type UnmergeMutation = { unmerge: { profileIds: Array<string> } };

export type DeleteProfileMutationVariables = Exact<{
  profileId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
}>;


export type DeleteProfileMutation = { deleteProfile: { deleted: boolean, deletedProfileIds: Array<string> } };

export type ResetSpaceMutationVariables = Exact<{
  confirm: Scalars['String']['input'];
}>;


export type ResetSpaceMutation = { resetSpace: boolean };

export type ResolutionFieldsFragment = { profileId: string, assignedProfileId: string, created: boolean, mergedProfileIds: Array<string>, warnings: Array<{ code: WarningCode, message: string, identifier: { type: string, value: string } | null }> };

export type ProfileFieldsFragment = { id: string, ids: Array<string>, createdAt: string, identifiers: Array<{ type: string, value: string }>, devices: Array<{ id: string, profileId: string | null, firstSeenAt: string | null, lastSeenAt: string | null }> };

export type AuditEntryFieldsFragment = { id: string, at: string, action: AuditAction, actor: string, reason: string | null, profileIds: Array<string>, deviceIds: Array<string>, messageId: string | null, undoes: string | null, identifiers: Array<{ type: string, value: string }> };

export type ResolveMutationVariables = Exact<{
  input: ResolveInput;
}>;


export type ResolveMutation = { resolve: { profileId: string, assignedProfileId: string, created: boolean, mergedProfileIds: Array<string>, warnings: Array<{ code: WarningCode, message: string, identifier: { type: string, value: string } | null }> } };

export type ResolveBatchMutationVariables = Exact<{
  inputs: Array<ResolveInput> | ResolveInput;
}>;


export type ResolveBatchMutation = { resolveBatch: Array<{ profileId: string, assignedProfileId: string, created: boolean, mergedProfileIds: Array<string>, warnings: Array<{ code: WarningCode, message: string, identifier: { type: string, value: string } | null }> }> };

export type ProfileQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ProfileQuery = { profile: { id: string, ids: Array<string>, createdAt: string, identifiers: Array<{ type: string, value: string }>, devices: Array<{ id: string, profileId: string | null, firstSeenAt: string | null, lastSeenAt: string | null }> } | null };

export type ProfileByDeviceQueryVariables = Exact<{
  deviceId: Scalars['String']['input'];
}>;


export type ProfileByDeviceQuery = { profileByDevice: { id: string, ids: Array<string>, createdAt: string, identifiers: Array<{ type: string, value: string }>, devices: Array<{ id: string, profileId: string | null, firstSeenAt: string | null, lastSeenAt: string | null }> } | null };

export type ProfileByIdentifierQueryVariables = Exact<{
  type: Scalars['String']['input'];
  value: Scalars['String']['input'];
}>;


export type ProfileByIdentifierQuery = { profileByIdentifier: { id: string, ids: Array<string>, createdAt: string, identifiers: Array<{ type: string, value: string }>, devices: Array<{ id: string, profileId: string | null, firstSeenAt: string | null, lastSeenAt: string | null }> } | null };

export type AttributionQueryVariables = Exact<{
  deviceId: Scalars['String']['input'];
  at: Scalars['DateTime']['input'];
}>;


export type AttributionQuery = { attribution: { assignedProfileId: string, profileId: string } | null };

export type AuditLogQueryVariables = Exact<{
  profileId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type AuditLogQuery = { auditLog: { edges: Array<{ node: { id: string, at: string, action: AuditAction, actor: string, reason: string | null, profileIds: Array<string>, deviceIds: Array<string>, messageId: string | null, undoes: string | null, identifiers: Array<{ type: string, value: string }> } }> } };

export type AuditPageQueryVariables = Exact<{ [key: string]: never; }>;


export type AuditPageQuery = { auditLog: { edges: Array<{ node: { id: string } }>, pageInfo: { hasNextPage: boolean } } };

export type AuditPageOfQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type AuditPageOfQuery = { auditLog: { edges: Array<{ node: { id: string } }>, pageInfo: { hasNextPage: boolean } } };

export type HistoryPageQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type HistoryPageQuery = { profile: { history: { edges: Array<{ node: { id: string } }> } } | null };

export type ConcurrentResolveMutationVariables = Exact<{
  input: ResolveInput;
}>;


export type ConcurrentResolveMutation = { resolve: { profileId: string, assignedProfileId: string, created: boolean, mergedProfileIds: Array<string>, warnings: Array<{ code: WarningCode }> } };

export type ConcurrentResolveBatchMutationVariables = Exact<{
  inputs: Array<ResolveInput> | ResolveInput;
}>;


export type ConcurrentResolveBatchMutation = { resolveBatch: Array<{ profileId: string, assignedProfileId: string, created: boolean, warnings: Array<{ code: WarningCode }> }> };

export type ConcurrentProfileByIdentifierQueryVariables = Exact<{
  type: Scalars['String']['input'];
  value: Scalars['String']['input'];
}>;


export type ConcurrentProfileByIdentifierQuery = { profileByIdentifier: { id: string, ids: Array<string>, identifiers: Array<{ type: string, value: string }>, devices: Array<{ id: string }> } | null };

export type ExplainQueryVariables = Exact<{
  from: IdentityRefInput;
  to: IdentityRefInput;
}>;


export type ExplainQuery = { explainLink: { connected: boolean, profileId: string | null, steps: Array<{ kind: LinkKind, at: string, from: { kind: IdentityRefKind, deviceId: string | null, profileId: string | null, identifier: { type: string, value: string } | null }, to: { kind: IdentityRefKind, deviceId: string | null, profileId: string | null, identifier: { type: string, value: string } | null }, auditEntry: { id: string, at: string, action: AuditAction, actor: string, reason: string | null, profileIds: Array<string>, deviceIds: Array<string>, messageId: string | null, identifiers: Array<{ type: string, value: string }> } | null }> } };

export type RefFieldsFragment = { kind: IdentityRefKind, deviceId: string | null, profileId: string | null, identifier: { type: string, value: string } | null };

export type ChangeFieldsFragment = { cursor: string, kind: ChangeKind, at: string, deviceIds: Array<string>, auditEntryId: string | null, traits: any | null, memberships: Array<{ profileId: string, belongsTo: string | null }>, identifiers: Array<{ type: string, value: string }>, reattributions: Array<{ deviceId: string, from: string, until: string | null, fromProfileId: string, toProfileId: string }> };

export type ChangesQueryVariables = Exact<{
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type ChangesQuery = { changes: { edges: Array<{ cursor: string, node: { cursor: string, kind: ChangeKind, at: string, deviceIds: Array<string>, auditEntryId: string | null, traits: any | null, memberships: Array<{ profileId: string, belongsTo: string | null }>, identifiers: Array<{ type: string, value: string }>, reattributions: Array<{ deviceId: string, from: string, until: string | null, fromProfileId: string, toProfileId: string }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ChangesAfterSubscriptionVariables = Exact<{
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ChangesAfterSubscription = { changes: { cursor: string, kind: ChangeKind, at: string, deviceIds: Array<string>, auditEntryId: string | null, traits: any | null, memberships: Array<{ profileId: string, belongsTo: string | null }>, identifiers: Array<{ type: string, value: string }>, reattributions: Array<{ deviceId: string, from: string, until: string | null, fromProfileId: string, toProfileId: string }> } };

export type ProfilesQueryVariables = Exact<{
  ids: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
}>;


export type ProfilesQuery = { profiles: Array<{ id: string } | null> };

export type ForcedResolveMutationVariables = Exact<{
  input: ResolveInput;
}>;


export type ForcedResolveMutation = { resolve: { profileId: string } };

export type ForcedMergeMutationVariables = Exact<{
  ids: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
  force?: InputMaybe<Scalars['Boolean']['input']>;
}>;


export type ForcedMergeMutation = { mergeProfiles: { id: string } };

export type ForcedHistoryQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ForcedHistoryQuery = { profile: { history: { edges: Array<{ node: { action: AuditAction, forced: boolean | null } }> } } | null };

export type LateResolveMutationVariables = Exact<{
  input: ResolveInput;
}>;


export type LateResolveMutation = { resolve: { profileId: string, assignedProfileId: string, created: boolean, mergedProfileIds: Array<string>, warnings: Array<{ code: WarningCode }>, reattributed: Array<{ deviceId: string, from: string, until: string | null, fromProfileId: string, toProfileId: string }> } };

export type ProfileChangesQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ProfileChangesQuery = { profile: { changes: { edges: Array<{ cursor: string, node: { cursor: string, kind: ChangeKind, at: string, deviceIds: Array<string>, auditEntryId: string | null, traits: any | null, memberships: Array<{ profileId: string, belongsTo: string | null }>, identifiers: Array<{ type: string, value: string }>, reattributions: Array<{ deviceId: string, from: string, until: string | null, fromProfileId: string, toProfileId: string }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type SdkTraitsByUserQueryVariables = Exact<{
  userId: Scalars['String']['input'];
}>;


export type SdkTraitsByUserQuery = { profileByIdentifier: { id: string, traits: any, traitList: Array<{ name: string, value: any | null, at: string, profileId: string }> } | null };

export type TimelineResolveMutationVariables = Exact<{
  input: ResolveInput;
}>;


export type TimelineResolveMutation = { resolve: { profileId: string, assignedProfileId: string } };

export type TimelineAttributionQueryVariables = Exact<{
  deviceId: Scalars['String']['input'];
  at: Scalars['DateTime']['input'];
}>;


export type TimelineAttributionQuery = { attribution: { assignedProfileId: string } | null };

export type TraitsResolveMutationVariables = Exact<{
  input: ResolveInput;
}>;


export type TraitsResolveMutation = { resolve: { profileId: string, assignedProfileId: string, warnings: Array<{ code: WarningCode }> } };

export type TraitsResolveBatchMutationVariables = Exact<{
  inputs: Array<ResolveInput> | ResolveInput;
}>;


export type TraitsResolveBatchMutation = { resolveBatch: Array<{ profileId: string, assignedProfileId: string }> };

export type TraitsOfProfileQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type TraitsOfProfileQuery = { profile: { id: string, ids: Array<string>, traits: any, traitList: Array<{ name: string, value: any | null, at: string, profileId: string }> } | null };

export type TraitsByDeviceQueryVariables = Exact<{
  deviceId: Scalars['String']['input'];
}>;


export type TraitsByDeviceQuery = { profileByDevice: { id: string, traits: any } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ResolutionFieldsFragmentDoc = new TypedDocumentString(`
    fragment ResolutionFields on Resolution {
  profileId
  assignedProfileId
  created
  mergedProfileIds
  warnings {
    code
    message
    identifier {
      type
      value
    }
  }
}
    `, {"fragmentName":"ResolutionFields"}) as unknown as TypedDocumentString<ResolutionFieldsFragment, unknown>;
export const ProfileFieldsFragmentDoc = new TypedDocumentString(`
    fragment ProfileFields on Profile {
  id
  ids
  identifiers {
    type
    value
  }
  devices {
    id
    profileId
    firstSeenAt
    lastSeenAt
  }
  createdAt
}
    `, {"fragmentName":"ProfileFields"}) as unknown as TypedDocumentString<ProfileFieldsFragment, unknown>;
export const AuditEntryFieldsFragmentDoc = new TypedDocumentString(`
    fragment AuditEntryFields on AuditEntry {
  id
  at
  action
  actor
  reason
  profileIds
  identifiers {
    type
    value
  }
  deviceIds
  messageId
  undoes
}
    `, {"fragmentName":"AuditEntryFields"}) as unknown as TypedDocumentString<AuditEntryFieldsFragment, unknown>;
export const RefFieldsFragmentDoc = new TypedDocumentString(`
    fragment RefFields on IdentityRef {
  kind
  deviceId
  profileId
  identifier {
    type
    value
  }
}
    `, {"fragmentName":"RefFields"}) as unknown as TypedDocumentString<RefFieldsFragment, unknown>;
export const ChangeFieldsFragmentDoc = new TypedDocumentString(`
    fragment ChangeFields on Change {
  cursor
  kind
  at
  memberships {
    profileId
    belongsTo
  }
  identifiers {
    type
    value
  }
  deviceIds
  reattributions {
    deviceId
    from
    until
    fromProfileId
    toProfileId
  }
  auditEntryId
  traits
}
    `, {"fragmentName":"ChangeFields"}) as unknown as TypedDocumentString<ChangeFieldsFragment, unknown>;
export const MergeProfilesDocument = new TypedDocumentString(`
    mutation MergeProfiles($profileIds: [ID!]!, $reason: String, $force: Boolean) {
  mergeProfiles(profileIds: $profileIds, reason: $reason, force: $force) {
    ...ProfileFields
  }
}
    fragment ProfileFields on Profile {
  id
  ids
  identifiers {
    type
    value
  }
  devices {
    id
    profileId
    firstSeenAt
    lastSeenAt
  }
  createdAt
}`) as unknown as TypedDocumentString<MergeProfilesMutation, MergeProfilesMutationVariables>;
export const DemergeDocument = new TypedDocumentString(`
    mutation Demerge($identities: [String!]!, $reason: String) {
  demerge(identities: $identities, reason: $reason) {
    profileIds
  }
}
    `) as unknown as TypedDocumentString<DemergeMutation, DemergeMutationVariables>;
export const ResetIdentitiesDocument = new TypedDocumentString(`
    mutation ResetIdentities($profileId: ID!, $reason: String) {
  resetIdentities(profileId: $profileId, reason: $reason) {
    profileIds
  }
}
    `) as unknown as TypedDocumentString<ResetIdentitiesMutation, ResetIdentitiesMutationVariables>;
export const UnmergeDocument = new TypedDocumentString(`
    mutation Unmerge($auditEntryId: ID!, $reason: String) {
  unmerge(auditEntryId: $auditEntryId, reason: $reason) {
    profileIds
  }
}
    `) as unknown as TypedDocumentString<UnmergeMutation, UnmergeMutationVariables>;
export const DeleteProfileDocument = new TypedDocumentString(`
    mutation DeleteProfile($profileId: ID!, $reason: String) {
  deleteProfile(profileId: $profileId, reason: $reason) {
    deleted
    deletedProfileIds
  }
}
    `) as unknown as TypedDocumentString<DeleteProfileMutation, DeleteProfileMutationVariables>;
export const ResetSpaceDocument = new TypedDocumentString(`
    mutation ResetSpace($confirm: String!) {
  resetSpace(confirm: $confirm)
}
    `) as unknown as TypedDocumentString<ResetSpaceMutation, ResetSpaceMutationVariables>;
export const ResolveDocument = new TypedDocumentString(`
    mutation Resolve($input: ResolveInput!) {
  resolve(input: $input) {
    ...ResolutionFields
  }
}
    fragment ResolutionFields on Resolution {
  profileId
  assignedProfileId
  created
  mergedProfileIds
  warnings {
    code
    message
    identifier {
      type
      value
    }
  }
}`) as unknown as TypedDocumentString<ResolveMutation, ResolveMutationVariables>;
export const ResolveBatchDocument = new TypedDocumentString(`
    mutation ResolveBatch($inputs: [ResolveInput!]!) {
  resolveBatch(inputs: $inputs) {
    ...ResolutionFields
  }
}
    fragment ResolutionFields on Resolution {
  profileId
  assignedProfileId
  created
  mergedProfileIds
  warnings {
    code
    message
    identifier {
      type
      value
    }
  }
}`) as unknown as TypedDocumentString<ResolveBatchMutation, ResolveBatchMutationVariables>;
export const ProfileDocument = new TypedDocumentString(`
    query Profile($id: ID!) {
  profile(id: $id) {
    ...ProfileFields
  }
}
    fragment ProfileFields on Profile {
  id
  ids
  identifiers {
    type
    value
  }
  devices {
    id
    profileId
    firstSeenAt
    lastSeenAt
  }
  createdAt
}`) as unknown as TypedDocumentString<ProfileQuery, ProfileQueryVariables>;
export const ProfileByDeviceDocument = new TypedDocumentString(`
    query ProfileByDevice($deviceId: String!) {
  profileByDevice(deviceId: $deviceId) {
    ...ProfileFields
  }
}
    fragment ProfileFields on Profile {
  id
  ids
  identifiers {
    type
    value
  }
  devices {
    id
    profileId
    firstSeenAt
    lastSeenAt
  }
  createdAt
}`) as unknown as TypedDocumentString<ProfileByDeviceQuery, ProfileByDeviceQueryVariables>;
export const ProfileByIdentifierDocument = new TypedDocumentString(`
    query ProfileByIdentifier($type: String!, $value: String!) {
  profileByIdentifier(type: $type, value: $value) {
    ...ProfileFields
  }
}
    fragment ProfileFields on Profile {
  id
  ids
  identifiers {
    type
    value
  }
  devices {
    id
    profileId
    firstSeenAt
    lastSeenAt
  }
  createdAt
}`) as unknown as TypedDocumentString<ProfileByIdentifierQuery, ProfileByIdentifierQueryVariables>;
export const AttributionDocument = new TypedDocumentString(`
    query Attribution($deviceId: String!, $at: DateTime!) {
  attribution(deviceId: $deviceId, at: $at) {
    assignedProfileId
    profileId
  }
}
    `) as unknown as TypedDocumentString<AttributionQuery, AttributionQueryVariables>;
export const AuditLogDocument = new TypedDocumentString(`
    query AuditLog($profileId: ID, $first: Int) {
  auditLog(profileId: $profileId, first: $first) {
    edges {
      node {
        ...AuditEntryFields
      }
    }
  }
}
    fragment AuditEntryFields on AuditEntry {
  id
  at
  action
  actor
  reason
  profileIds
  identifiers {
    type
    value
  }
  deviceIds
  messageId
  undoes
}`) as unknown as TypedDocumentString<AuditLogQuery, AuditLogQueryVariables>;
export const AuditPageDocument = new TypedDocumentString(`
    query AuditPage {
  auditLog {
    edges {
      node {
        id
      }
    }
    pageInfo {
      hasNextPage
    }
  }
}
    `) as unknown as TypedDocumentString<AuditPageQuery, AuditPageQueryVariables>;
export const AuditPageOfDocument = new TypedDocumentString(`
    query AuditPageOf($first: Int) {
  auditLog(first: $first) {
    edges {
      node {
        id
      }
    }
    pageInfo {
      hasNextPage
    }
  }
}
    `) as unknown as TypedDocumentString<AuditPageOfQuery, AuditPageOfQueryVariables>;
export const HistoryPageDocument = new TypedDocumentString(`
    query HistoryPage($id: ID!, $first: Int) {
  profile(id: $id) {
    history(first: $first) {
      edges {
        node {
          id
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<HistoryPageQuery, HistoryPageQueryVariables>;
export const ConcurrentResolveDocument = new TypedDocumentString(`
    mutation ConcurrentResolve($input: ResolveInput!) {
  resolve(input: $input) {
    profileId
    assignedProfileId
    created
    mergedProfileIds
    warnings {
      code
    }
  }
}
    `) as unknown as TypedDocumentString<ConcurrentResolveMutation, ConcurrentResolveMutationVariables>;
export const ConcurrentResolveBatchDocument = new TypedDocumentString(`
    mutation ConcurrentResolveBatch($inputs: [ResolveInput!]!) {
  resolveBatch(inputs: $inputs) {
    profileId
    assignedProfileId
    created
    warnings {
      code
    }
  }
}
    `) as unknown as TypedDocumentString<ConcurrentResolveBatchMutation, ConcurrentResolveBatchMutationVariables>;
export const ConcurrentProfileByIdentifierDocument = new TypedDocumentString(`
    query ConcurrentProfileByIdentifier($type: String!, $value: String!) {
  profileByIdentifier(type: $type, value: $value) {
    id
    ids
    identifiers {
      type
      value
    }
    devices {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ConcurrentProfileByIdentifierQuery, ConcurrentProfileByIdentifierQueryVariables>;
export const ExplainDocument = new TypedDocumentString(`
    query Explain($from: IdentityRefInput!, $to: IdentityRefInput!) {
  explainLink(from: $from, to: $to) {
    connected
    profileId
    steps {
      from {
        ...RefFields
      }
      to {
        ...RefFields
      }
      kind
      at
      auditEntry {
        id
        at
        action
        actor
        reason
        profileIds
        identifiers {
          type
          value
        }
        deviceIds
        messageId
      }
    }
  }
}
    fragment RefFields on IdentityRef {
  kind
  deviceId
  profileId
  identifier {
    type
    value
  }
}`) as unknown as TypedDocumentString<ExplainQuery, ExplainQueryVariables>;
export const ChangesDocument = new TypedDocumentString(`
    query Changes($after: String, $first: Int) {
  changes(after: $after, first: $first) {
    edges {
      cursor
      node {
        ...ChangeFields
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment ChangeFields on Change {
  cursor
  kind
  at
  memberships {
    profileId
    belongsTo
  }
  identifiers {
    type
    value
  }
  deviceIds
  reattributions {
    deviceId
    from
    until
    fromProfileId
    toProfileId
  }
  auditEntryId
  traits
}`) as unknown as TypedDocumentString<ChangesQuery, ChangesQueryVariables>;
export const ChangesAfterDocument = new TypedDocumentString(`
    subscription ChangesAfter($after: String) {
  changes(after: $after) {
    ...ChangeFields
  }
}
    fragment ChangeFields on Change {
  cursor
  kind
  at
  memberships {
    profileId
    belongsTo
  }
  identifiers {
    type
    value
  }
  deviceIds
  reattributions {
    deviceId
    from
    until
    fromProfileId
    toProfileId
  }
  auditEntryId
  traits
}`) as unknown as TypedDocumentString<ChangesAfterSubscription, ChangesAfterSubscriptionVariables>;
export const ProfilesDocument = new TypedDocumentString(`
    query Profiles($ids: [ID!]!) {
  profiles(ids: $ids) {
    id
  }
}
    `) as unknown as TypedDocumentString<ProfilesQuery, ProfilesQueryVariables>;
export const ForcedResolveDocument = new TypedDocumentString(`
    mutation ForcedResolve($input: ResolveInput!) {
  resolve(input: $input) {
    profileId
  }
}
    `) as unknown as TypedDocumentString<ForcedResolveMutation, ForcedResolveMutationVariables>;
export const ForcedMergeDocument = new TypedDocumentString(`
    mutation ForcedMerge($ids: [ID!]!, $force: Boolean) {
  mergeProfiles(profileIds: $ids, force: $force, reason: "support ticket") {
    id
  }
}
    `) as unknown as TypedDocumentString<ForcedMergeMutation, ForcedMergeMutationVariables>;
export const ForcedHistoryDocument = new TypedDocumentString(`
    query ForcedHistory($id: ID!) {
  profile(id: $id) {
    history(first: 50) {
      edges {
        node {
          action
          forced
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ForcedHistoryQuery, ForcedHistoryQueryVariables>;
export const LateResolveDocument = new TypedDocumentString(`
    mutation LateResolve($input: ResolveInput!) {
  resolve(input: $input) {
    profileId
    assignedProfileId
    created
    mergedProfileIds
    warnings {
      code
    }
    reattributed {
      deviceId
      from
      until
      fromProfileId
      toProfileId
    }
  }
}
    `) as unknown as TypedDocumentString<LateResolveMutation, LateResolveMutationVariables>;
export const ProfileChangesDocument = new TypedDocumentString(`
    query ProfileChanges($id: ID!, $first: Int, $after: String) {
  profile(id: $id) {
    changes(first: $first, after: $after) {
      edges {
        cursor
        node {
          ...ChangeFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    fragment ChangeFields on Change {
  cursor
  kind
  at
  memberships {
    profileId
    belongsTo
  }
  identifiers {
    type
    value
  }
  deviceIds
  reattributions {
    deviceId
    from
    until
    fromProfileId
    toProfileId
  }
  auditEntryId
  traits
}`) as unknown as TypedDocumentString<ProfileChangesQuery, ProfileChangesQueryVariables>;
export const SdkTraitsByUserDocument = new TypedDocumentString(`
    query SdkTraitsByUser($userId: String!) {
  profileByIdentifier(type: "user_id", value: $userId) {
    id
    traits
    traitList {
      name
      value
      at
      profileId
    }
  }
}
    `) as unknown as TypedDocumentString<SdkTraitsByUserQuery, SdkTraitsByUserQueryVariables>;
export const TimelineResolveDocument = new TypedDocumentString(`
    mutation TimelineResolve($input: ResolveInput!) {
  resolve(input: $input) {
    profileId
    assignedProfileId
  }
}
    `) as unknown as TypedDocumentString<TimelineResolveMutation, TimelineResolveMutationVariables>;
export const TimelineAttributionDocument = new TypedDocumentString(`
    query TimelineAttribution($deviceId: String!, $at: DateTime!) {
  attribution(deviceId: $deviceId, at: $at) {
    assignedProfileId
  }
}
    `) as unknown as TypedDocumentString<TimelineAttributionQuery, TimelineAttributionQueryVariables>;
export const TraitsResolveDocument = new TypedDocumentString(`
    mutation TraitsResolve($input: ResolveInput!) {
  resolve(input: $input) {
    profileId
    assignedProfileId
    warnings {
      code
    }
  }
}
    `) as unknown as TypedDocumentString<TraitsResolveMutation, TraitsResolveMutationVariables>;
export const TraitsResolveBatchDocument = new TypedDocumentString(`
    mutation TraitsResolveBatch($inputs: [ResolveInput!]!) {
  resolveBatch(inputs: $inputs) {
    profileId
    assignedProfileId
  }
}
    `) as unknown as TypedDocumentString<TraitsResolveBatchMutation, TraitsResolveBatchMutationVariables>;
export const TraitsOfProfileDocument = new TypedDocumentString(`
    query TraitsOfProfile($id: ID!) {
  profile(id: $id) {
    id
    ids
    traits
    traitList {
      name
      value
      at
      profileId
    }
  }
}
    `) as unknown as TypedDocumentString<TraitsOfProfileQuery, TraitsOfProfileQueryVariables>;
export const TraitsByDeviceDocument = new TypedDocumentString(`
    query TraitsByDevice($deviceId: String!) {
  profileByDevice(deviceId: $deviceId) {
    id
    traits
  }
}
    `) as unknown as TypedDocumentString<TraitsByDeviceQuery, TraitsByDeviceQueryVariables>;