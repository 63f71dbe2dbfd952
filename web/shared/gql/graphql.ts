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

export type AuditEntryFieldsFragment = { id: string, at: string, action: AuditAction, actor: string, reason: string | null, profileIds: Array<string>, deviceIds: Array<string>, messageId: string | null, forced: boolean | null, undoes: string | null, identifiers: Array<{ type: string, value: string }> };

export type ProfileFieldsFragment = { id: string, ids: Array<string>, createdAt: string, traits: any, identifiers: Array<{ type: string, value: string }>, devices: Array<{ id: string, profileId: string | null, firstSeenAt: string | null, lastSeenAt: string | null }>, traitList: Array<{ name: string, value: any | null, at: string, profileId: string }> };

export type ChangeFieldsFragment = { cursor: string, kind: ChangeKind, at: string, deviceIds: Array<string>, auditEntryId: string | null, memberships: Array<{ profileId: string, belongsTo: string | null }>, identifiers: Array<{ type: string, value: string }>, reattributions: Array<{ deviceId: string, from: string, until: string | null, fromProfileId: string, toProfileId: string }> };

export type FindAnyQueryVariables = Exact<{
  value: Scalars['String']['input'];
  id: Scalars['ID']['input'];
}>;


export type FindAnyQuery = { byProfileId: { id: string } | null, byDevice: { id: string } | null, byUserId: { id: string } | null, byEmail: { id: string } | null, byPhone: { id: string } | null };

export type FindByProfileIdQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type FindByProfileIdQuery = { found: { id: string } | null };

export type FindByDeviceQueryVariables = Exact<{
  value: Scalars['String']['input'];
}>;


export type FindByDeviceQuery = { found: { id: string } | null };

export type FindByIdentifierQueryVariables = Exact<{
  type: Scalars['String']['input'];
  value: Scalars['String']['input'];
}>;


export type FindByIdentifierQuery = { found: { id: string } | null };

export type ProfileQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ProfileQuery = { profile: { id: string, ids: Array<string>, createdAt: string, traits: any, history: { edges: Array<{ cursor: string, node: { id: string, at: string, action: AuditAction, actor: string, reason: string | null, profileIds: Array<string>, deviceIds: Array<string>, messageId: string | null, forced: boolean | null, undoes: string | null, identifiers: Array<{ type: string, value: string }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } }, identifiers: Array<{ type: string, value: string }>, devices: Array<{ id: string, profileId: string | null, firstSeenAt: string | null, lastSeenAt: string | null }>, traitList: Array<{ name: string, value: any | null, at: string, profileId: string }> } | null };

export type HistoryQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type HistoryQuery = { profile: { id: string, history: { edges: Array<{ cursor: string, node: { id: string, at: string, action: AuditAction, actor: string, reason: string | null, profileIds: Array<string>, deviceIds: Array<string>, messageId: string | null, forced: boolean | null, undoes: string | null, identifiers: Array<{ type: string, value: string }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type ChangesQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ChangesQuery = { profile: { id: string, changes: { edges: Array<{ cursor: string, node: { cursor: string, kind: ChangeKind, at: string, deviceIds: Array<string>, auditEntryId: string | null, memberships: Array<{ profileId: string, belongsTo: string | null }>, identifiers: Array<{ type: string, value: string }>, reattributions: Array<{ deviceId: string, from: string, until: string | null, fromProfileId: string, toProfileId: string }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type NeighboursQueryVariables = Exact<{
  ids: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
}>;


export type NeighboursQuery = { profiles: Array<{ id: string, ids: Array<string>, createdAt: string, traits: any, identifiers: Array<{ type: string, value: string }>, devices: Array<{ id: string, profileId: string | null, firstSeenAt: string | null, lastSeenAt: string | null }>, traitList: Array<{ name: string, value: any | null, at: string, profileId: string }> } | null> };

export type ExplainQueryVariables = Exact<{
  from: IdentityRefInput;
  to: IdentityRefInput;
}>;


export type ExplainQuery = { explainLink: { connected: boolean, profileId: string | null, steps: Array<{ kind: LinkKind, at: string, from: { kind: IdentityRefKind, deviceId: string | null, profileId: string | null, identifier: { type: string, value: string } | null }, to: { kind: IdentityRefKind, deviceId: string | null, profileId: string | null, identifier: { type: string, value: string } | null }, auditEntry: { id: string, at: string, action: AuditAction, actor: string, reason: string | null, profileIds: Array<string>, deviceIds: Array<string>, messageId: string | null, forced: boolean | null, undoes: string | null, identifiers: Array<{ type: string, value: string }> } | null }> } };

export type UnmergeMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
}>;


export type UnmergeMutation = { unmerge: { profileIds: Array<string> } };

export type ResetIdentitiesMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
}>;


export type ResetIdentitiesMutation = { resetIdentities: { profileIds: Array<string> } };

export type DeleteProfileMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
}>;


export type DeleteProfileMutation = { deleteProfile: { deleted: boolean, deletedProfileIds: Array<string> } };

export type WhoamiQueryVariables = Exact<{ [key: string]: never; }>;


export type WhoamiQuery = { whoami: { name: string, role: string, space: string } };

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
  forced
  undoes
}
    `, {"fragmentName":"AuditEntryFields"}) as unknown as TypedDocumentString<AuditEntryFieldsFragment, unknown>;
export const ProfileFieldsFragmentDoc = new TypedDocumentString(`
    fragment ProfileFields on Profile {
  id
  ids
  createdAt
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
  traits
  traitList {
    name
    value
    at
    profileId
  }
}
    `, {"fragmentName":"ProfileFields"}) as unknown as TypedDocumentString<ProfileFieldsFragment, unknown>;
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
}
    `, {"fragmentName":"ChangeFields"}) as unknown as TypedDocumentString<ChangeFieldsFragment, unknown>;
export const FindAnyDocument = new TypedDocumentString(`
    query FindAny($value: String!, $id: ID!) {
  byProfileId: profile(id: $id) {
    id
  }
  byDevice: profileByDevice(deviceId: $value) {
    id
  }
  byUserId: profileByIdentifier(type: "user_id", value: $value) {
    id
  }
  byEmail: profileByIdentifier(type: "email", value: $value) {
    id
  }
  byPhone: profileByIdentifier(type: "phone", value: $value) {
    id
  }
}
    `) as unknown as TypedDocumentString<FindAnyQuery, FindAnyQueryVariables>;
export const FindByProfileIdDocument = new TypedDocumentString(`
    query FindByProfileId($id: ID!) {
  found: profile(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<FindByProfileIdQuery, FindByProfileIdQueryVariables>;
export const FindByDeviceDocument = new TypedDocumentString(`
    query FindByDevice($value: String!) {
  found: profileByDevice(deviceId: $value) {
    id
  }
}
    `) as unknown as TypedDocumentString<FindByDeviceQuery, FindByDeviceQueryVariables>;
export const FindByIdentifierDocument = new TypedDocumentString(`
    query FindByIdentifier($type: String!, $value: String!) {
  found: profileByIdentifier(type: $type, value: $value) {
    id
  }
}
    `) as unknown as TypedDocumentString<FindByIdentifierQuery, FindByIdentifierQueryVariables>;
export const ProfileDocument = new TypedDocumentString(`
    query Profile($id: ID!, $first: Int!, $after: String) {
  profile(id: $id) {
    ...ProfileFields
    history(first: $first, after: $after) {
      edges {
        cursor
        node {
          ...AuditEntryFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
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
  forced
  undoes
}
fragment ProfileFields on Profile {
  id
  ids
  createdAt
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
  traits
  traitList {
    name
    value
    at
    profileId
  }
}`) as unknown as TypedDocumentString<ProfileQuery, ProfileQueryVariables>;
export const HistoryDocument = new TypedDocumentString(`
    query History($id: ID!, $first: Int!, $after: String) {
  profile(id: $id) {
    id
    history(first: $first, after: $after) {
      edges {
        cursor
        node {
          ...AuditEntryFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
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
  forced
  undoes
}`) as unknown as TypedDocumentString<HistoryQuery, HistoryQueryVariables>;
export const ChangesDocument = new TypedDocumentString(`
    query Changes($id: ID!, $first: Int!, $after: String) {
  profile(id: $id) {
    id
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
}`) as unknown as TypedDocumentString<ChangesQuery, ChangesQueryVariables>;
export const NeighboursDocument = new TypedDocumentString(`
    query Neighbours($ids: [ID!]!) {
  profiles(ids: $ids) {
    ...ProfileFields
  }
}
    fragment ProfileFields on Profile {
  id
  ids
  createdAt
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
  traits
  traitList {
    name
    value
    at
    profileId
  }
}`) as unknown as TypedDocumentString<NeighboursQuery, NeighboursQueryVariables>;
export const ExplainDocument = new TypedDocumentString(`
    query Explain($from: IdentityRefInput!, $to: IdentityRefInput!) {
  explainLink(from: $from, to: $to) {
    connected
    profileId
    steps {
      kind
      at
      from {
        kind
        deviceId
        profileId
        identifier {
          type
          value
        }
      }
      to {
        kind
        deviceId
        profileId
        identifier {
          type
          value
        }
      }
      auditEntry {
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
  forced
  undoes
}`) as unknown as TypedDocumentString<ExplainQuery, ExplainQueryVariables>;
export const UnmergeDocument = new TypedDocumentString(`
    mutation Unmerge($id: ID!, $reason: String) {
  unmerge(auditEntryId: $id, reason: $reason) {
    profileIds
  }
}
    `) as unknown as TypedDocumentString<UnmergeMutation, UnmergeMutationVariables>;
export const ResetIdentitiesDocument = new TypedDocumentString(`
    mutation ResetIdentities($id: ID!, $reason: String) {
  resetIdentities(profileId: $id, reason: $reason) {
    profileIds
  }
}
    `) as unknown as TypedDocumentString<ResetIdentitiesMutation, ResetIdentitiesMutationVariables>;
export const DeleteProfileDocument = new TypedDocumentString(`
    mutation DeleteProfile($id: ID!, $reason: String) {
  deleteProfile(profileId: $id, reason: $reason) {
    deleted
    deletedProfileIds
  }
}
    `) as unknown as TypedDocumentString<DeleteProfileMutation, DeleteProfileMutationVariables>;
export const WhoamiDocument = new TypedDocumentString(`
    query Whoami {
  whoami {
    name
    role
    space
  }
}
    `) as unknown as TypedDocumentString<WhoamiQuery, WhoamiQueryVariables>;